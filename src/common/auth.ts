import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';

export const ROLES = ['admin', 'reviewer', 'applicant', 'coordinator'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as the access token says. */
export interface Actor {
  id: string;
  email: string;
  roles: Role[];
  organizationId: string;
}

export const IS_PUBLIC = 'avustus:public';
export const REQUIRED_ROLES = 'avustus:roles';

/** The route needs no token. Every other route does. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The caller must hold one of these roles. */
export const Roles = (...roles: Role[]) =>
  applyDecorators(SetMetadata(REQUIRED_ROLES, roles), ApiForbiddenResponse({ description: `Only for: ${roles.join(', ')}` }));

/** Marks a controller as token-protected in the OpenAPI document. */
export const Authenticated = () =>
  applyDecorators(ApiBearerAuth(), ApiUnauthorizedResponse({ description: 'Missing, expired or invalid token' }));

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const request = ctx.switchToHttp().getRequest<{ actor: Actor }>();
  return request.actor;
});

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return actor.roles.some((r) => roles.includes(r));
}
