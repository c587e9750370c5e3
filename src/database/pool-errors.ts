import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EventEmitter } from 'node:events';
import { DataSource } from 'typeorm';

/**
 * A PostgreSQL connection can die under us (server restart, pg_terminate_backend, network).
 * pg then emits 'error' on the pool (idle connection) or on the client (checked out, between
 * statements); unheard, that event would crash the process. Heard, the next statement on that
 * client fails (→ 503 for the request), the pool drops the broken client, and service continues.
 */
@Injectable()
export class PoolErrorListener implements OnModuleInit {
  private readonly logger = new Logger('Database');

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  onModuleInit(): void {
    const pool = (this.db.driver as unknown as { master?: EventEmitter }).master;
    if (!pool) return;
    const warn = (e: Error) => this.logger.warn(`Connection lost: ${e.message}`);
    pool.on('error', warn);
    pool.on('connect', (client: EventEmitter) => client.on('error', warn));
  }
}
