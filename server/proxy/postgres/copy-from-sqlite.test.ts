/** Moving a club's embedded library into PostgreSQL keeps everything, ids included. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CoachRep } from '../../../src/contract/api.ts';
import { openSqliteLibrary } from '../library.ts';
import type { LibraryStore } from '../library-store.ts';
import { freshSchema, notePostgresSkipped, TEST_DATABASE_URL } from '../../lib/test-postgres.ts';
import { copySqliteLibrary } from './copy-from-sqlite.ts';
import { openPostgresLibrary } from './library.ts';

const rep = (start: number, edited = true): CoachRep => ({ startTimestampMs: start, midTimestampMs: start + 400, endTimestampMs: start + 900, analyses: [], edited });
const NOW = '2026-11-30T10:00:00.000Z';

notePostgresSkipped();
describe.skipIf(!TEST_DATABASE_URL)('copying the SQLite library into PostgreSQL', () => {
  let dir: string;
  let schema: Awaited<ReturnType<typeof freshSchema>>;
  const opened: LibraryStore[] = [];
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replens-copy-'));
    schema = await freshSchema();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((l) => l.close()));
    await schema.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function fillSqlite() {
    const lite = openSqliteLibrary(dir);
    const admin = (await lite.accounts.create({ email: 'head@club.test', name: 'Head Coach', role: 'admin', passwordHash: 'scrypt$x' }))!;
    const coach = (await lite.accounts.create({ email: 'amy@club.test', name: 'Amy', role: 'coach', passwordHash: 'scrypt$y' }))!;
    await lite.accounts.startSession({ idHash: 'h-amy', accountId: coach.id, expiresAt: '2026-12-30T00:00:00.000Z' }, NOW);
    await lite.accounts.createInvite({ tokenHash: 't-bo', email: 'bo@club.test', createdBy: admin.id, expiresAt: '2026-12-07T00:00:00.000Z' }, NOW);
    const add = (id: string, athlete: string, filename = `${id}.mp4`) =>
      lite.add({ id, athlete, filename, size: 1000, domain: 'weightlifting', activity: 'squat', expectedReps: 3, createdBy: coach.id });
    await add('s1', 'Maya Chén', 'Séance lourde.MP4');
    await add('s2', 'Bo');
    await add('s3', 'Cy');
    await add('s4', 'Maya Chén');
    await lite.update('s1', { status: 'Complete', repsFound: 4 });
    await lite.update('s2', { status: 'Complete', repsFound: 3, lowConfidenceReps: 1 });
    await lite.update('s4', { status: 'Failed', reason: 'NO_PERSON' });
    await lite.repEdits.save('s1', 0, [rep(0), rep(1000), rep(2000, false)], coach.id);
    await lite.repEdits.save('s1', 1, null, admin.id);
    await lite.markEdited('s1', coach.id);
    await lite.notes.add('s1', { timeMs: 1200, rep: 2, text: 'Knees out on the way up' }, coach.id);
    await lite.drawings.add('s1', { timeMs: 400, shape: { kind: 'line', points: [{ x: 0.1, y: 0.2 }, { x: 0.5, y: 0.6 }] } }, coach.id);
    await lite.shares.add({ videoId: 's1', tokenHash: 'share-hash', expiresAt: '2026-12-07T00:00:00.000Z', by: coach.id });
    // Cy goes into Bo: Cy's id must never be handed out again, in PostgreSQL either.
    const athletes = await lite.athletes.list();
    const id = (name: string) => athletes.find((a) => a.name === name)!.id;
    await lite.athletes.merge(id('Cy'), id('Bo'));
    await lite.close();
    return { coach, cyId: id('Cy') };
  }

  it('keeps every session, athlete, rep edit, account, note, drawing and share link, and the order and ids', async () => {
    const { coach, cyId } = await fillSqlite();
    const lite = openSqliteLibrary(dir);
    opened.push(lite);

    const counts = await copySqliteLibrary(dir, TEST_DATABASE_URL!, { schema: schema.schema });
    expect(counts).toMatchObject({ accounts: 2, athletes: 2, sessions: 4, rep_edits: 2, invites: 1, account_sessions: 1, feedback: 2, shares: 1 });

    const pg = await openPostgresLibrary(TEST_DATABASE_URL!, { schema: schema.schema, max: 2 });
    opened.push(pg);
    expect(await pg.list({ limit: 100 })).toEqual(await lite.list({ limit: 100 }));
    expect(await pg.list({ needsReview: true })).toEqual(await lite.list({ needsReview: true }));
    // Search runs on the folded filename PostgreSQL stores: it was made during the copy.
    expect((await pg.list({ q: 'seance' })).items.map((s) => s.id)).toEqual(['s1']);
    expect(await pg.athletes.list()).toEqual(await lite.athletes.list());
    expect(await pg.repEdits.current('s1')).toEqual(await lite.repEdits.current('s1'));
    expect(await pg.accounts.list()).toEqual(await lite.accounts.list());
    expect(await pg.accounts.sessionAccount('h-amy', NOW)).toMatchObject({ id: coach.id, email: 'amy@club.test' });
    expect(await pg.accounts.pendingInvites(NOW)).toEqual(await lite.accounts.pendingInvites(NOW));
    expect(await pg.notes.list('s1')).toEqual(await lite.notes.list('s1'));
    expect(await pg.drawings.list('s1')).toEqual(await lite.drawings.list('s1'));
    expect(await pg.shares.byTokenHash('share-hash')).toEqual(await lite.shares.byTokenHash('share-hash'));

    // New rows continue after the copied ids; a merged-away athlete's id stays unused.
    const added = await pg.add({ id: 's5', athlete: 'Dee', filename: 'd.mp4', size: 1, domain: null, activity: null, expectedReps: null });
    expect(added.athleteId).toBeGreaterThan(cyId);
    expect((await pg.accounts.create({ email: 'new@club.test', name: 'New', role: 'coach', passwordHash: 'z' }))!.id).toBe(3);
    expect((await pg.repEdits.save('s2', 0, [rep(0)]))).toMatchObject({ saved: { version: 1 } });
  });

  it('refuses a database that already holds a library, and leaves it as it was', async () => {
    await fillSqlite();
    const pg = await openPostgresLibrary(TEST_DATABASE_URL!, { schema: schema.schema, max: 2 });
    opened.push(pg);
    await pg.add({ id: 'other', athlete: 'Zed', filename: 'z.mp4', size: 1, domain: null, activity: null, expectedReps: null });
    await expect(copySqliteLibrary(dir, TEST_DATABASE_URL!, { schema: schema.schema })).rejects.toThrow(/not empty/);
    expect((await pg.list()).items.map((s) => s.id)).toEqual(['other']);
  });
});
