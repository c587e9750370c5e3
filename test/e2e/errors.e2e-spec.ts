import { openCall } from '../factories/call.factory';
import { adminToken, uniqueBusinessId } from '../factories/identity.factory';
import { resetDatabase, startTestApi, TestApi } from '../helpers/api';

describe('error answers', () => {
  let api: TestApi;
  let admin: string;

  beforeAll(async () => {
    api = await startTestApi();
    await resetDatabase(api);
    admin = await adminToken(api);
  });
  afterAll(() => api.close());

  const post = (url: string, body: object) => api.http().post(url).set('authorization', `Bearer ${admin}`).send(body);

  it('says a missing field is required, once, and gives every field error of the body in one answer', async () => {
    const res = await post('/api/organizations', { kind: 'no_such_kind' }).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'name', message: 'name is required' },
        { field: 'businessId', message: 'businessId is required' },
        expect.objectContaining({ field: 'kind' }),
      ]),
    );
    expect(res.body.errors.filter((e: { field: string }) => e.field === 'name')).toHaveLength(1);
  });

  it('answers a funded decision without grantedAmount with one message naming it', async () => {
    const res = await post('/api/applications/00000000-0000-4000-8000-000000000001/decision', {
      outcome: 'funded',
      rationale: 'Vahva verkosto.',
    }).expect(400);
    expect(res.body.errors).toEqual([{ field: 'grantedAmount', message: 'grantedAmount is required' }]);
  });

  it('answers a duplicate without the database constraint name', async () => {
    const body = { name: 'Turun kaupunki', businessId: uniqueBusinessId(), kind: 'municipality' };
    await post('/api/organizations', body).expect(201);
    const res = await post('/api/organizations', { ...body, name: 'Toinen' }).expect(409);
    expect(res.body).toMatchObject({ code: 'DUPLICATE', field: 'businessId', detail: 'A record with this businessId already exists' });
    expect(JSON.stringify(res.body)).not.toMatch(/constraint|UQ_|IDX_|_key\b/);
  });

  it('says the limit when a body is too large', async () => {
    const res = await api
      .http()
      .post('/api/auth/login')
      .send({ email: 'x'.repeat(2 * 1024 * 1024), password: 'p' })
      .expect(413);
    expect(res.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', limitBytes: 1024 * 1024 });
    expect(res.body.detail).toBe('The request body is larger than the limit of 1048576 bytes');
  });

  it('refuses a ranking of a category the call does not have with 400 naming category', async () => {
    const call = await openCall(api, admin, 60_000);
    const res = await api.http().get(`/api/calls/${call.id}/ranking?category=unknown`).set('authorization', `Bearer ${admin}`).expect(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ field: 'category' })] });
    await api.http().get(`/api/calls/${call.id}/ranking?category=coordination`).set('authorization', `Bearer ${admin}`).expect(200);
  });
});
