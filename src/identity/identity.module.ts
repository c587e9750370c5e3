import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { Env } from '../config/env.schema';
import { AuthController, OrganizationsController, UsersController } from './identity.controller';
import { IdentityService } from './identity.service';

@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [Env],
      // Named 'default' so the headers are the standard Retry-After and X-RateLimit-* (other names suffix them).
      useFactory: (env: Env) => ({ throttlers: [{ name: 'default', ttl: 60_000, limit: env.LOGIN_RATE_LIMIT }] }),
    }),
  ],
  controllers: [AuthController, OrganizationsController, UsersController],
  providers: [IdentityService],
  exports: [IdentityService],
})
export class IdentityModule {}

/** JWT signing and verification, shared by the login and the global guard. */
export const jwtModule = JwtModule.registerAsync({
  global: true,
  inject: [Env],
  useFactory: (env: Env) => ({
    // A KeyObject, not the string: given a string, jsonwebtoken first tries it as a PEM public key
    // on every verify and catches the failure, which cost half a millisecond per request.
    secret: createSecretKey(Buffer.from(env.JWT_SECRET, 'utf8')),
    signOptions: { expiresIn: env.JWT_EXPIRES_IN as never, algorithm: 'HS256' },
    verifyOptions: { algorithms: ['HS256'] },
  }),
});
