import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { DataSource } from 'typeorm';
import { Actor } from '../common/auth';
import { tokenClaims } from '../common/auth.guard';
import { audit } from '../common/audit';
import { Problem } from '../common/problem';
import { Env } from '../config/env.schema';
import { CreateOrganizationDto, CreateUserDto, LoginResult, UserView } from './dto/identity.dto';
import { Organization } from './organization.entity';
import { User } from './user.entity';

/** The ministry itself, home organisation of the bootstrap admin. */
const MINISTRY = { name: 'Opetus- ja kulttuuriministeriö', businessId: '0245872-8', kind: 'authority', municipality: 'Helsinki' } as const;

export function userView(user: User): UserView {
  return { id: user.id, email: user.email, name: user.name, roles: user.roles, organizationId: user.organizationId };
}

@Injectable()
export class IdentityService implements OnApplicationBootstrap {
  private readonly logger = new Logger(IdentityService.name);
  /** Verifying against this keeps a login for an unknown email as slow as one with a wrong password. */
  private dummyHash?: Promise<string>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jwt: JwtService,
    private readonly env: Env,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureAdmin();
  }

  /** Creates the first admin from ADMIN_EMAIL / ADMIN_PASSWORD when no admin exists. */
  async ensureAdmin(): Promise<void> {
    await this.db.transaction(async (m) => {
      // Serialises concurrent first starts of several API processes.
      await m.query('SELECT pg_advisory_xact_lock(7346022)');
      const [{ count }] = await m.query(`SELECT count(*)::int AS count FROM users WHERE 'admin' = ANY(roles)`);
      if (count > 0) return;
      await m.query(
        `INSERT INTO organizations (name, business_id, kind, municipality) VALUES ($1, $2, $3, $4)
         ON CONFLICT (business_id) DO NOTHING`,
        [MINISTRY.name, MINISTRY.businessId, MINISTRY.kind, MINISTRY.municipality],
      );
      const [org] = await m.query('SELECT id FROM organizations WHERE business_id = $1', [MINISTRY.businessId]);
      const [user] = await m.query(
        `INSERT INTO users (email, name, password_hash, roles, organization_id) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (email) DO UPDATE SET roles = array(SELECT DISTINCT unnest(users.roles || EXCLUDED.roles))
         RETURNING id`,
        // Hashed only here, when an admin is really created: argon2 costs 64 MiB and ~0.1 s at every start otherwise.
        [this.env.ADMIN_EMAIL.toLowerCase(), 'Administrator', await argon2.hash(this.env.ADMIN_PASSWORD), ['admin'], org.id],
      );
      await audit(m, {
        actorId: null,
        action: 'user.bootstrap_admin',
        entity: 'user',
        entityId: user.id,
        after: { email: this.env.ADMIN_EMAIL },
      });
      this.logger.log(`Created the bootstrap admin ${this.env.ADMIN_EMAIL}`);
    });
  }

  async login(email: string, password: string): Promise<LoginResult> {
    const user = await this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: email.trim().toLowerCase() })
      .getOne();
    const ok = user
      ? await argon2.verify(user.passwordHash, password)
      : await argon2.verify(await (this.dummyHash ??= argon2.hash('not-a-real-password')), password).then(() => false);
    if (!user || !ok) throw new Problem(401, 'UNAUTHENTICATED', 'Wrong email or password');
    const actor: Actor = { id: user.id, email: user.email, roles: user.roles, organizationId: user.organizationId };
    return { accessToken: await this.jwt.signAsync(tokenClaims(actor)), user: userView(user) };
  }

  async me(actor: Actor): Promise<UserView> {
    const user = await this.db.getRepository(User).findOneBy({ id: actor.id });
    if (!user) throw new Problem(401, 'UNAUTHENTICATED', 'The user of this token no longer exists');
    return userView(user);
  }

  async createOrganization(actor: Actor, dto: CreateOrganizationDto): Promise<Organization> {
    return this.db.transaction(async (m) => {
      const org = await m.getRepository(Organization).save(
        m.getRepository(Organization).create({
          name: dto.name,
          businessId: dto.businessId,
          kind: dto.kind,
          municipality: dto.municipality ?? null,
          language: dto.language ?? 'fi',
        }),
      );
      await audit(m, { actorId: actor.id, action: 'organization.create', entity: 'organization', entityId: org.id, after: dto });
      return org;
    });
  }

  /** Every organisation, or those whose name (any case) or business ID contains `q`. */
  listOrganizations(q?: string): Promise<Organization[]> {
    const repo = this.db.getRepository(Organization);
    const text = q?.trim();
    if (!text) return repo.find({ order: { name: 'ASC' } });
    const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return repo
      .createQueryBuilder('o')
      .where('o.name ILIKE :pattern OR o.businessId ILIKE :pattern', { pattern })
      .orderBy('o.name', 'ASC')
      .getMany();
  }

  async getOrganization(id: string): Promise<Organization> {
    const org = await this.db.getRepository(Organization).findOneBy({ id });
    if (!org) throw Problem.notFound('Organisation');
    return org;
  }

  async createUser(actor: Actor, dto: CreateUserDto): Promise<UserView> {
    const passwordHash = await argon2.hash(dto.password);
    return this.db.transaction(async (m) => {
      const org = await m.getRepository(Organization).findOneBy({ id: dto.organizationId });
      if (!org) throw Problem.field('organizationId', 'no organisation has this id');
      const repo = m.getRepository(User);
      const user = await repo.save(
        repo.create({
          email: dto.email.trim().toLowerCase(),
          name: dto.name,
          passwordHash,
          roles: dto.roles,
          organizationId: dto.organizationId,
        }),
      );
      await audit(m, {
        actorId: actor.id,
        action: 'user.create',
        entity: 'user',
        entityId: user.id,
        after: { email: user.email, roles: user.roles, organizationId: user.organizationId },
      });
      return userView(user);
    });
  }

  async listUsers(organizationId?: string): Promise<UserView[]> {
    const users = await this.db.getRepository(User).find({ where: organizationId ? { organizationId } : {}, order: { email: 'ASC' } });
    return users.map(userView);
  }
}
