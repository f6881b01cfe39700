/**
 * PostgreSQL plumbing shared by the library (server/proxy/postgres) and the local Guru
 * (server/local-guru/postgres): the connection pool, transactions, and numbered migrations run
 * under an advisory lock, so two servers starting at once migrate one after the other.
 */
import pg from 'pg';

export type Db = pg.Pool;
export type Tx = pg.PoolClient;
/** Either: a query outside a transaction, or a step inside one. */
export type Queryable = pg.Pool | pg.PoolClient;

// COUNT, SUM and BIGINT ids arrive as strings by default; every number here fits a double.
const INT8 = pg.types.builtins.INT8;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export interface PoolOptions {
  /** Tables go in this schema (made if missing) rather than the user's default: tests use a fresh one each. */
  schema?: string;
  max?: number;
}

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Where the database is, for logs: never the password. */
export function describeUrl(url: string) {
  try {
    const u = new URL(url);
    return `${u.hostname || 'localhost'}:${u.port || 5432}${u.pathname}`;
  } catch {
    return 'the DATABASE_URL';
  }
}

/** `label` names the service in the log line of a lost connection. */
export function createPool(url: string, options: PoolOptions = {}, label = 'library'): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    types,
    options: options.schema ? `-c search_path=${quoteIdent(options.schema)}` : undefined,
  });
  // An idle connection the server drops (restart, failover) must not crash the process.
  pool.on('error', (error) => console.error(`[${label}] PostgreSQL connection lost: ${error.message}`));
  return pool;
}

export async function transaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  const tx = await db.connect();
  try {
    await tx.query('BEGIN');
    const result = await work(tx);
    await tx.query('COMMIT');
    return result;
  } catch (error) {
    await tx.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    tx.release();
  }
}

/**
 * Runs the `migrations` this schema has not had yet, each in its own transaction. A session-level
 * advisory lock makes a second server starting at once wait, then find nothing left to do.
 */
export async function migrate(db: Db, migrations: readonly string[], schema?: string) {
  const client = await db.connect();
  try {
    // Locked before the schema is made: CREATE SCHEMA IF NOT EXISTS is not safe against a second
    // server making the same schema at the same moment.
    const target = schema ?? (await client.query<{ s: string }>('SELECT current_schema() AS s')).rows[0].s;
    const lock = `${target}:replens:migrate`;
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [lock]);
    try {
      if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY,
        applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
      )`);
      const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
      for (let v = rows[0].version ?? 0; v < migrations.length; v++) {
        await client.query('BEGIN');
        try {
          await client.query(migrations[v]);
          await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [v + 1]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw new Error(`PostgreSQL migration ${v + 1} failed: ${(error as Error).message}`, { cause: error });
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [lock]);
    }
  } finally {
    client.release();
  }
}
