import { TypeOrmModule } from '@nestjs/typeorm';
import { Env } from '../config/env.schema';
import { dataSourceOptions } from './data-source.options';

export const databaseModule = TypeOrmModule.forRootAsync({
  inject: [Env],
  useFactory: (env: Env) => ({ ...dataSourceOptions(env), retryAttempts: 5, retryDelay: 1_000 }),
});
