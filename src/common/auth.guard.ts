import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { FastifyReply } from 'fastify';
import { RATE_WINDOW_SECONDS, SessionState } from '../identity/session-state';
import { Actor, IS_PUBLIC, REQUIRED_ROLES, Role, ROLES } from './auth';
import { Problem } from './problem';
import { VerifiedTokens } from './verified-tokens';

interface TokenClaims {
  sub: string;
  email: string;
  roles: Role[];
  org: string;
  /** The user's session version at sign-in (absent in tokens of before sessions could end: 0). */
  sv?: number;
  exp?: number;
}

/**
 * Global guard: every route needs a valid bearer token unless marked @Public(), and a route
 * marked @Roles(...) needs one of those roles.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  /** Tokens already verified, until their expiry (see VerifiedTokens). */
  private readonly verified = new VerifiedTokens<Actor>();

  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly sessions: SessionState,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; actor?: Actor }>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) throw new Problem(401, 'UNAUTHENTICATED', 'A bearer token is required');

    const actor = this.verified.get(token, Date.now()) ?? (await this.verify(token));
    // Every request, on every process: a signed-out, deactivated or re-roled user's token ends at once,
    // and each user has USER_RATE_LIMIT requests a minute (IETF RateLimit headers, draft 9).
    const admission = await this.sessions.admit(actor.id, actor.sessionVersion ?? 0, Date.now());
    if (!admission.current) throw new Problem(401, 'UNAUTHENTICATED', 'This session has ended: sign in again');
    if (admission.remaining !== undefined) {
      reply.header('RateLimit-Policy', `"user";q=${this.sessions.limit};w=${RATE_WINDOW_SECONDS}`);
      reply.header('RateLimit', `"user";r=${admission.remaining};t=${admission.resetSeconds}`);
      if (admission.limited) {
        reply.header('Retry-After', String(admission.resetSeconds));
        throw new Problem(429, 'RATE_LIMITED', `Too many requests: try again in ${admission.resetSeconds} s`);
      }
    }
    request.actor = actor;

    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (required && !actor.roles.some((r) => required.includes(r))) {
      throw Problem.forbidden(`This needs the role ${required.join(' or ')}`);
    }
    return true;
  }

  private async verify(token: string): Promise<Actor> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch {
      throw new Problem(401, 'UNAUTHENTICATED', 'The token is invalid or has expired');
    }
    if (!claims.sub || !Array.isArray(claims.roles) || !claims.roles.every((r) => ROLES.includes(r))) {
      throw new Problem(401, 'UNAUTHENTICATED', 'The token is invalid or has expired');
    }
    // Frozen: one actor object now serves every request with this token.
    const actor: Actor = Object.freeze({
      id: claims.sub,
      email: claims.email,
      roles: Object.freeze([...claims.roles]) as Role[],
      organizationId: claims.org,
      sessionVersion: typeof claims.sv === 'number' ? claims.sv : 0,
    });
    this.verified.set(token, actor, claims.exp === undefined ? undefined : claims.exp * 1000, Date.now());
    return actor;
  }
}

export function tokenClaims(actor: Actor): TokenClaims {
  return { sub: actor.id, email: actor.email, roles: actor.roles, org: actor.organizationId, sv: actor.sessionVersion ?? 0 };
}
