import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { Actor, IS_PUBLIC, REQUIRED_ROLES, Role, ROLES } from './auth';
import { Problem } from './problem';

interface TokenClaims {
  sub: string;
  email: string;
  roles: Role[];
  org: string;
}

/**
 * Global guard: every route needs a valid bearer token unless marked @Public(), and a route
 * marked @Roles(...) needs one of those roles.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; actor?: Actor }>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) throw new Problem(401, 'UNAUTHENTICATED', 'A bearer token is required');

    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch {
      throw new Problem(401, 'UNAUTHENTICATED', 'The token is invalid or has expired');
    }
    if (!claims.sub || !Array.isArray(claims.roles) || !claims.roles.every((r) => ROLES.includes(r))) {
      throw new Problem(401, 'UNAUTHENTICATED', 'The token is invalid or has expired');
    }
    const actor: Actor = { id: claims.sub, email: claims.email, roles: claims.roles, organizationId: claims.org };
    request.actor = actor;

    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (required && !actor.roles.some((r) => required.includes(r))) {
      throw Problem.forbidden(`This needs the role ${required.join(' or ')}`);
    }
    return true;
  }
}

export function tokenClaims(actor: Actor): TokenClaims {
  return { sub: actor.id, email: actor.email, roles: actor.roles, org: actor.organizationId };
}
