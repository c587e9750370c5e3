import { Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { Env, validateEnv } from './env.schema';

/**
 * Validated settings, injectable as `Env`. @nestjs/config loads and validates process.env;
 * the typed object is what the rest of the code depends on.
 */
@Global()
@Module({
  imports: [ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: validateEnv, cache: true })],
  providers: [{ provide: Env, useFactory: () => validateEnv(process.env) }],
  exports: [Env],
})
export class AppConfigModule {}
