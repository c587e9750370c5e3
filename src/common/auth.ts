import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, DECORATORS } from '@nestjs/swagger';
import { ApiProblem } from '../openapi/problems';

export const ROLES = ['admin', 'reviewer', 'applicant', 'coordinator'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as the access token says. */
export interface Actor {
  id: string;
  email: string;
  roles: Role[];
  organizationId: string;
  /** The session version the token was issued at (see SessionState). */
  sessionVersion?: number;
}

export const IS_PUBLIC = 'avustus:public';
export const REQUIRED_ROLES = 'avustus:roles';

/** The route needs no token (and says so in the OpenAPI document: `security: []`). Every other route does. */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), noSecurity);

/** `security: []` on the operation (@nestjs/swagger drops an empty @ApiSecurity, but keeps what the operation states). */
const noSecurity: MethodDecorator = (_target, _key, descriptor) => {
  const stated: object | undefined = Reflect.getMetadata(DECORATORS.API_OPERATION, descriptor.value as object);
  Reflect.defineMetadata(DECORATORS.API_OPERATION, { ...stated, security: [] }, descriptor.value as object);
};

/** The caller must hold one of these roles. Put it above the route's own @ApiProblem(403), which it names the roles in. */
export const Roles = (...roles: Role[]) => applyDecorators(SetMetadata(REQUIRED_ROLES, roles), forbiddenUnless(roles));

/** The 403 of a route with roles: `only for: <roles>` (the security suites read it), after what the route says itself. */
const forbiddenUnless =
  (roles: Role[]) =>
  (target: object, key?: string | symbol, descriptor?: PropertyDescriptor): void => {
    const holder: object = descriptor?.value ?? target;
    const stated: Record<string, { description?: string }> | undefined = Reflect.getMetadata(DECORATORS.API_RESPONSE, holder);
    const own = stated?.['403']?.description;
    const only = `only for: ${roles.join(', ')}`;
    ApiProblem(403, own ? `${own} (${only})` : `FORBIDDEN: ${only}`)(target, key, descriptor);
  };

/** Marks a controller as token-protected in the OpenAPI document. */
export const Authenticated = () => applyDecorators(ApiBearerAuth(), ApiProblem(401));

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const request = ctx.switchToHttp().getRequest<{ actor: Actor }>();
  return request.actor;
});

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return actor.roles.some((r) => roles.includes(r));
}
