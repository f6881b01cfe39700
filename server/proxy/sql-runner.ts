/**
 * One statement at a time on either backend, with `?` placeholders: the stores whose queries need
 * no transaction (feedback-store.ts) are written once for SQLite and PostgreSQL alike.
 */
import type { Database } from 'better-sqlite3';

export interface SqlRunner {
  all<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** The number of rows changed. */
  run(sql: string, params?: unknown[]): Promise<number>;
}

export function sqliteRunner(db: Database): SqlRunner {
  return {
    all: async <T>(sql: string, params: unknown[] = []) => db.prepare(sql).all(...params) as T[],
    run: async (sql, params = []) => db.prepare(sql).run(...params).changes,
  };
}
