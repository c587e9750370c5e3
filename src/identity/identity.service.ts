import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import * as argon2 from 'argon2';
import { electronicFormatIBAN } from 'ibantools';
import { DataSource } from 'typeorm';
import { Actor } from '../common/auth';
import { tokenClaims } from '../common/auth.guard';
import { audit } from '../common/audit';
import { Problem } from '../common/problem';
import { Env } from '../config/env.schema';
import { JobScheduler } from '../jobs/job-scheduler';
import { enqueueNotifications } from '../notifications/outbox';
import { passwordResetMessage } from './account-templates';
import {
  CreateOrganizationDto,
  CreateUserDto,
  LoginResult,
  MeView,
  UpdateOrganizationDto,
  UpdateUserDto,
  UserView,
} from './dto/identity.dto';
import { passwordWeakness } from './password-strength';
import { SessionState } from './session-state';
import { Language, Organization } from './organization.entity';
import { User } from './user.entity';

/** The ministry itself, home organisation of the bootstrap admin. */
const MINISTRY = { name: 'Opetus- ja kulttuuriministeriö', businessId: '0245872-8', kind: 'authority', municipality: 'Helsinki' } as const;

export function userView(user: User): UserView {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    roles: user.roles,
    organizationId: user.organizationId,
    language: user.language,
    active: user.active,
  };
}

/** A password-reset link is valid this long. */
export const RESET_VALID_MS = 60 * 60 * 1000;

const sha256 = (text: string) => createHash('sha256').update(text).digest();

@Injectable()
export class IdentityService implements OnApplicationBootstrap {
  private readonly logger = new Logger(IdentityService.name);
  /** Verifying against this keeps a login for an unknown email as slow as one with a wrong password. */
  private dummyHash?: Promise<string>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jwt: JwtService,
    private readonly env: Env,
    private readonly sessions: SessionState,
    private readonly jobs: JobScheduler,
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
    // A deactivated user is told the same as a wrong password: nothing to learn about accounts.
    if (!user || !ok || !user.active) throw new Problem(401, 'UNAUTHENTICATED', 'Wrong email or password');
    const actor: Actor = {
      id: user.id,
      email: user.email,
      roles: user.roles,
      organizationId: user.organizationId,
      sessionVersion: user.sessionVersion,
    };
    return { accessToken: await this.jwt.signAsync(tokenClaims(actor)), user: userView(user) };
  }

  async me(actor: Actor): Promise<MeView> {
    const user = await this.db.getRepository(User).findOne({ where: { id: actor.id }, relations: { organization: true } });
    if (!user) throw new Problem(401, 'UNAUTHENTICATED', 'The user of this token no longer exists');
    return { ...userView(user), effectiveLanguage: user.language ?? user.organization?.language ?? 'fi' };
  }

  /** The person's own language (null: follow the organisation's), remembered on the account. */
  async updateMe(actor: Actor, language: Language | null): Promise<MeView> {
    await this.db.transaction(async (m) => {
      const [before] = await m.query('SELECT language FROM users WHERE id = $1 FOR UPDATE', [actor.id]);
      await m.query('UPDATE users SET language = $2 WHERE id = $1', [actor.id, language]);
      await audit(m, { actorId: actor.id, action: 'user.language', entity: 'user', entityId: actor.id, before, after: { language } });
    });
    return this.me(actor);
  }

  /** Sign-out: raises the session version, so this token (and the user's others) stop working everywhere. */
  async logout(actor: Actor): Promise<void> {
    const version = await this.db.transaction(async (m) => {
      const [[row]] = await m.query(
        'UPDATE users SET session_version = session_version + 1 WHERE id = $1 RETURNING session_version, active',
        [actor.id],
      );
      await audit(m, { actorId: actor.id, action: 'user.logout', entity: 'user', entityId: actor.id });
      return row as { session_version: number; active: boolean };
    });
    await this.sessions.changed(actor.id, version.session_version, version.active);
  }

  async changePassword(actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :id', { id: actor.id })
      .getOne();
    if (!user) throw new Problem(401, 'UNAUTHENTICATED', 'The user of this token no longer exists');
    if (!(await argon2.verify(user.passwordHash, currentPassword))) throw Problem.field('currentPassword', 'currentPassword is wrong');
    const weak = passwordWeakness(newPassword, [user.email, user.name]);
    if (weak) throw Problem.field('newPassword', weak);
    const hash = await argon2.hash(newPassword);
    await this.db.transaction(async (m) => {
      await m.query('UPDATE users SET password_hash = $2 WHERE id = $1', [user.id, hash]);
      await audit(m, { actorId: actor.id, action: 'user.password_change', entity: 'user', entityId: user.id });
    });
  }

  /**
   * Starts a reset: answers at once and does the work afterwards, so the answer (202) and its
   * timing are the same whether or not the address belongs to anyone.
   */
  requestPasswordReset(email: string): void {
    setImmediate(() => {
      this.sendResetLink(email).catch((error: Error) => this.logger.error(`Password reset e-mail failed: ${error.message}`));
    });
  }

  private async sendResetLink(email: string): Promise<void> {
    const token = randomBytes(32).toString('base64url');
    const ids = await this.db.transaction(async (m) => {
      const [user] = await m.query(
        `SELECT u.id, u.name, coalesce(u.language, o.language) AS language
           FROM users u JOIN organizations o ON o.id = u.organization_id
          WHERE u.email = $1 AND u.active`,
        [email.trim().toLowerCase()],
      );
      if (!user) return [];
      await m.query(
        `INSERT INTO password_resets (token_hash, user_id, expires_at) VALUES ($1, $2, now() + $3 * interval '1 millisecond')`,
        [sha256(token), user.id, RESET_VALID_MS],
      );
      await audit(m, { actorId: user.id, action: 'user.password_reset_request', entity: 'user', entityId: user.id });
      const base = (this.env.PUBLIC_URL ?? `http://localhost:${this.env.PORT}`).replace(/\/+$/, '');
      const language = user.language as Language;
      return enqueueNotifications(m, [
        {
          recipient: { userId: user.id as string },
          kind: 'password_reset',
          language,
          message: passwordResetMessage({ name: user.name as string, link: `${base}/password-reset?token=${token}` }, language),
        },
      ]);
    });
    await this.jobs.deliver(ids);
  }

  /** Sets the new password with a single-use token; ends every session the user had. */
  async confirmPasswordReset(token: string, newPassword: string): Promise<void> {
    const [found] = await this.db.query(
      `SELECT u.id, u.email, u.name FROM password_resets r JOIN users u ON u.id = r.user_id
        WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > now() AND u.active`,
      [sha256(token)],
    );
    if (!found) throw Problem.field('token', 'token is unknown, already used or expired: ask for a new link');
    const weak = passwordWeakness(newPassword, [found.email as string, found.name as string]);
    if (weak) throw Problem.field('newPassword', weak);
    const hash = await argon2.hash(newPassword);
    const row = await this.db.transaction(async (m) => {
      // Single use under concurrency: only one confirmation marks the token used.
      const [used] = await m.query(
        `UPDATE password_resets SET used_at = now() WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING user_id`,
        [sha256(token)],
      );
      if (used.length === 0) throw Problem.field('token', 'token is unknown, already used or expired: ask for a new link');
      const [[user]] = await m.query(
        `UPDATE users SET password_hash = $2, session_version = session_version + 1 WHERE id = $1 RETURNING id, session_version, active`,
        [found.id, hash],
      );
      await audit(m, { actorId: user.id, action: 'user.password_reset', entity: 'user', entityId: user.id });
      return user as { id: string; session_version: number; active: boolean };
    });
    await this.sessions.changed(row.id, row.session_version, row.active);
  }

  /** An admin edits a user; deactivating them or changing their roles ends their sessions at once. */
  async updateUser(actor: Actor, id: string, dto: UpdateUserDto): Promise<UserView> {
    const { user, ended } = await this.db.transaction(async (m) => {
      // Serialises admin changes, so two admins cannot deactivate each other as the last two.
      await m.query('SELECT pg_advisory_xact_lock(7346023)');
      const repo = m.getRepository(User);
      const before = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!before) throw Problem.notFound('User');
      const roles = dto.roles ?? before.roles;
      const active = dto.active ?? before.active;
      const rolesChanged = roles.length !== before.roles.length || roles.some((r) => !before.roles.includes(r));
      if (before.active && before.roles.includes('admin') && (!active || !roles.includes('admin'))) {
        const [{ count }] = await m.query(`SELECT count(*)::int AS count FROM users WHERE active AND 'admin' = ANY(roles) AND id <> $1`, [
          id,
        ]);
        if (count === 0) throw Problem.invalidState('This is the last active admin: make another user an admin first');
      }
      const ended = rolesChanged || (before.active && !active);
      const after = { ...before, name: dto.name ?? before.name, roles, active, sessionVersion: before.sessionVersion + (ended ? 1 : 0) };
      await m.query('UPDATE users SET name = $2, roles = $3, active = $4, session_version = $5 WHERE id = $1', [
        id,
        after.name,
        after.roles,
        after.active,
        after.sessionVersion,
      ]);
      await audit(m, {
        actorId: actor.id,
        action: 'user.update',
        entity: 'user',
        entityId: id,
        before: { name: before.name, roles: before.roles, active: before.active },
        after: { name: after.name, roles: after.roles, active: after.active },
      });
      return { user: after as User, ended: ended || active !== before.active };
    });
    if (ended) await this.sessions.changed(user.id, user.sessionVersion, user.active);
    return userView(user);
  }

  /**
   * An admin edits any organisation; a user of the organisation may set its own bank details
   * (and nothing else). Both audited.
   */
  async updateOrganization(actor: Actor, id: string, dto: UpdateOrganizationDto): Promise<Organization> {
    const isAdmin = actor.roles.includes('admin');
    if (!isAdmin) {
      if (actor.organizationId !== id) throw Problem.forbidden('Only an admin edits another organisation');
      const other = (['name', 'kind', 'municipality', 'language'] as const).find((k) => dto[k] !== undefined);
      if (other) throw Problem.forbidden(`Only an admin changes ${other}; you may set your organisation’s iban and bic`);
    }
    return this.db.transaction(async (m) => {
      const repo = m.getRepository(Organization);
      const before = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!before) throw Problem.notFound('Organisation');
      const after: Organization = {
        ...before,
        name: dto.name ?? before.name,
        kind: dto.kind ?? before.kind,
        municipality: dto.municipality === undefined ? before.municipality : dto.municipality,
        language: dto.language ?? before.language,
        iban: dto.iban === undefined ? before.iban : dto.iban === null ? null : electronicFormatIBAN(dto.iban)!,
        bic: dto.bic === undefined ? before.bic : dto.bic === null ? null : dto.bic.trim().toUpperCase(),
      };
      await repo.save(after);
      await audit(m, {
        actorId: actor.id,
        action: 'organization.update',
        entity: 'organization',
        entityId: id,
        before: { ...before, createdAt: undefined },
        after: { ...after, createdAt: undefined },
      });
      return after;
    });
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
