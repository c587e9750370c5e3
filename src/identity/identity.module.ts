import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { Env } from '../config/env.schema';
import { AuthController, OrganizationsController, UsersController } from './identity.controller';
import { IdentityService } from './identity.service';
import { SessionState } from './session-state';
import { accountTracker, LoginThrottlerGuard, LoginThrottleStorageModule, RedisThrottlerStorage } from './login-throttle';

@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      imports: [LoginThrottleStorageModule],
      inject: [Env, RedisThrottlerStorage],
      useFactory: (env: Env, storage: RedisThrottlerStorage) => ({
        throttlers: [
          { name: 'login', ttl: 60_000, limit: env.LOGIN_RATE_LIMIT },
          { name: 'account', ttl: 60_000, limit: env.LOGIN_ACCOUNT_RATE_LIMIT, getTracker: accountTracker },
        ],
        storage,
        errorMessage: (_context, limit) => `Too many login attempts: try again in ${Math.max(1, limit.timeToBlockExpire)} s`,
      }),
    }),
  ],
  controllers: [AuthController, OrganizationsController, UsersController],
  providers: [IdentityService, LoginThrottlerGuard, SessionState],
  exports: [IdentityService, SessionState],
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
