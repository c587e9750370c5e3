import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadEnv } from '../config/env.schema';
import { dataSourceOptions } from './data-source.options';

/** The data source the TypeORM CLI uses (`npm run migration:run`, `migration:generate`). */
export default new DataSource(dataSourceOptions(loadEnv()));
