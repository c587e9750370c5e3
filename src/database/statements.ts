import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DatabaseError, Pool, QueryResultRow } from 'pg';
import { DataSource } from 'typeorm';
import { BatchOptions, Batcher } from './batcher';

/**
 * A statement the database prepares once per connection and then only executes: no parsing or
 * planning per request. A name always stands for the same text (pg refuses a name reused with
 * another text on one connection), so statements are module constants, never built per call.
 */
export interface NamedStatement {
  readonly name: string;
  readonly text: string;
}

export function statement(name: string, text: string): NamedStatement {
  return { name, text };
}

/**
 * Runs named statements straight on TypeORM's own pg pool, for the request paths where the
 * database round trips are the cost (the deadline rush): no query runner, no transaction
 * wrapper. A single statement is atomic on its own; such paths are written as one statement
 * per write. Errors are pg's own and map to problems like TypeORM's (see problem.filter.ts).
 */
@Injectable()
export class Statements {
  private readonly pool: Pool;

  constructor(@InjectDataSource() db: DataSource) {
    this.pool = (db.driver as unknown as { master: Pool }).master;
  }

  async rows<T extends QueryResultRow = Record<string, unknown>>(s: NamedStatement, values: unknown[]): Promise<T[]> {
    return (await this.pool.query<T>({ name: s.name, text: s.text, values })).rows;
  }

  /**
   * Group commit for a statement over arrays (see batcher.ts): each `add` is one entry, and the
   * entries that meet while the statement is busy go out as one execution.
   */
  batcher<T extends QueryResultRow>(s: NamedStatement, options: BatchOptions): Batcher<T> {
    return new Batcher<T>(
      (columns) => this.rows<T & { i: number }>(s, columns),
      (error) => error instanceof DatabaseError,
      options,
    );
  }
}
