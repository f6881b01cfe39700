/**
 * The test database for the PostgreSQL runs of the storage tests: TEST_DATABASE_URL names one
 * (`bash .ci/run` starts a throwaway one); each test gets a fresh schema, dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;

let noted = false;
/** Says once per test file that the PostgreSQL runs are skipped, when they are. */
export function notePostgresSkipped() {
  if (TEST_DATABASE_URL || noted) return;
  noted = true;
  console.warn('[tests] TEST_DATABASE_URL is not set: the PostgreSQL runs of the storage tests are skipped (bash .ci/run starts a throwaway PostgreSQL).');
}

/** A fresh schema name in the test database; `drop` removes every schema given (CASCADE). */
export async function freshSchema(url = TEST_DATABASE_URL!) {
  const schema = `test_${randomBytes(6).toString('hex')}`;
  return {
    schema,
    async drop(...more: string[]) {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        for (const s of [schema, ...more]) await admin.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
      } finally {
        await admin.end();
      }
    },
  };
}
