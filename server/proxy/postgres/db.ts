/**
 * The library's PostgreSQL connection: the shared plumbing (server/lib/postgres.ts) with the
 * library's own migrations, and its advisory locks.
 */
import { migrate as migrateSchema, type Db, type Queryable, type Tx } from '../../lib/postgres.ts';
import type { SqlRunner } from '../sql-runner.ts';
import { MIGRATIONS } from './migrations.ts';

export { createPool, describeUrl, transaction, type Db, type PoolOptions, type Queryable, type Tx } from '../../lib/postgres.ts';

/** sql-runner.ts on PostgreSQL: its `?` placeholders become `$1`, `$2`… (no query here has a literal `?`). */
export function postgresRunner(db: Queryable): SqlRunner {
  const numbered = (sql: string) => {
    let n = 0;
    return sql.replaceAll('?', () => `$${++n}`);
  };
  return {
    all: async <T>(sql: string, params: unknown[] = []) => (await db.query(numbered(sql), params)).rows as T[],
    run: async (sql, params = []) => (await db.query(numbered(sql), params)).rowCount ?? 0,
  };
}

/** A lock for this schema's `purpose`, held to the end of the transaction. */
export const lockFor = (tx: Tx, purpose: string) =>
  tx.query('SELECT pg_advisory_xact_lock(hashtext(current_schema() || $1))', [`:replens:${purpose}`]);

/** The library's migrations this database has not had yet (see server/lib/postgres.ts). */
export const migrate = (db: Db, schema?: string) => migrateSchema(db, MIGRATIONS, schema);
