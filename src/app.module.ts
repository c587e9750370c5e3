import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './common/auth.guard';
import { loggerModule } from './common/logging';
import { AppConfigModule } from './config/config.module';
import { databaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { IdentityModule, jwtModule } from './identity/identity.module';

/** The HTTP API. */
@Module({
  imports: [AppConfigModule, loggerModule, databaseModule, jwtModule, HealthModule, IdentityModule],
  providers: [{ provide: APP_GUARD, useClass: AuthGuard }],
})
export class AppModule {}
