import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Env } from '../config/env.schema';
import { dataSourceOptions } from './data-source.options';

import { PoolErrorListener } from './pool-errors';
import { Statements } from './statements';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [Env],
      useFactory: (env: Env) => ({ ...dataSourceOptions(env), retryAttempts: 5, retryDelay: 1_000 }),
    }),
  ],
  providers: [PoolErrorListener, Statements],
  exports: [Statements],
})
export class DatabaseModule {}
