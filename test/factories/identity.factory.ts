import type { Role } from '../../src/common/auth';
import type { HttpApi } from '../helpers/api';

let counter = 0;

/** A valid Finnish business ID that no other test object uses. */
export function uniqueBusinessId(): string {
  const weights = [7, 9, 10, 5, 8, 4, 2];
  for (;;) {
    counter += 1;
    const body = String(1_000_000 + ((counter * 7919 + process.pid * 13) % 8_999_999)).padStart(7, '0');
    const r = [...body].reduce((a, d, i) => a + Number(d) * weights[i], 0) % 11;
    if (r !== 1) return `${body}-${r === 0 ? 0 : 11 - r}`;
  }
}

export async function login(api: HttpApi, email: string, password: string): Promise<string> {
  const res = await api.http().post('/api/auth/login').send({ email, password }).expect(200);
  return res.body.accessToken as string;
}

export function adminToken(api: HttpApi): Promise<string> {
  return login(api, process.env.ADMIN_EMAIL as string, process.env.ADMIN_PASSWORD as string);
}

export interface OrgFixture {
  id: string;
  name: string;
  businessId: string;
}

export async function createOrg(
  api: HttpApi,
  admin: string,
  fields: Partial<{ name: string; kind: string; municipality: string; language: string }> = {},
): Promise<OrgFixture> {
  const res = await api
    .http()
    .post('/api/organizations')
    .set('authorization', `Bearer ${admin}`)
    .send({ name: fields.name ?? `Org ${counter}`, businessId: uniqueBusinessId(), kind: fields.kind ?? 'education_provider', ...fields })
    .expect(201);
  return res.body as OrgFixture;
}

export interface UserFixture {
  id: string;
  email: string;
  organizationId: string;
  token: string;
}

export async function createUser(api: HttpApi, admin: string, organizationId: string, roles: Role[]): Promise<UserFixture> {
  counter += 1;
  const email = `${roles[0]}-${counter}-${process.pid}@avustus.test`;
  const password = 'password-123';
  const res = await api
    .http()
    .post('/api/users')
    .set('authorization', `Bearer ${admin}`)
    .send({ email, name: `User ${counter}`, password, roles, organizationId })
    .expect(201);
  return { id: res.body.id, email, organizationId, token: await login(api, email, password) };
}
