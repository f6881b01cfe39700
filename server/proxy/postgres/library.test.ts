/** What only the PostgreSQL backend has: migrations shared by servers starting at once, and a readable error. */
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LibraryStore } from '../library-store.ts';
import { freshSchema, notePostgresSkipped, TEST_DATABASE_URL } from '../../lib/test-postgres.ts';
import { openPostgresLibrary } from './library.ts';
import { MIGRATIONS } from './migrations.ts';

notePostgresSkipped();
describe.skipIf(!TEST_DATABASE_URL)('the PostgreSQL library', () => {
  let schema: Awaited<ReturnType<typeof freshSchema>>;
  const opened: LibraryStore[] = [];
  beforeEach(async () => {
    schema = await freshSchema();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((l) => l.close()));
    await schema.drop();
  });

  it('is migrated once when two servers start at once, and both see one library', async () => {
    const open = () => openPostgresLibrary(TEST_DATABASE_URL!, { schema: schema.schema, max: 2 });
    const [a, b] = await Promise.all([open(), open()]);
    opened.push(a, b);
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    const { rows } = await admin.query(`SELECT version FROM ${schema.schema}.schema_migrations ORDER BY version`);
    await admin.end();
    expect(rows.map((r: { version: number }) => r.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));

    await a.add({ id: 'v1', athlete: 'Ana', filename: 'a.mp4', size: 1, domain: 'weightlifting', activity: 'squat', expectedReps: 3 });
    // Many sessions for one new athlete from both servers at once: one athlete record, nothing lost.
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? a : b).add({ id: `m${i}`, athlete: i % 3 ? 'Bo' : 'BO', filename: 'b.mp4', size: 1, domain: 'weightlifting', activity: 'squat', expectedReps: null }),
      ),
    );
    expect((await b.list({ limit: 500 })).total).toBe(21);
    expect((await b.athletes.list()).map((x) => [x.name, x.sessions])).toEqual([
      ['Ana', 1],
      [expect.stringMatching(/^bo$/i), 20],
    ]);
    // Two saves on one version at once: exactly one wins.
    await a.update('v1', { status: 'Complete', repsFound: 3 });
    const results = await Promise.all([a.repEdits.save('v1', 0, null), b.repEdits.save('v1', 0, null)]);
    expect(results.filter((r) => 'saved' in r)).toHaveLength(1);
  });
});

it('names a database it cannot reach, without its password', async () => {
  const error = await openPostgresLibrary('postgres://replens:hunter2-secret@127.0.0.1:1/replens').then(
    () => undefined,
    (e: unknown) => e as Error,
  );
  expect(error?.message).toMatch(/could not open the PostgreSQL library at 127\.0\.0\.1:1\/replens/);
  expect(error?.message).not.toContain('hunter2');
});
