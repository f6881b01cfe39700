/** The library on both backends (SQLite always, PostgreSQL with TEST_DATABASE_URL), and SQLite's own migrations. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, openSqliteLibrary } from './library.ts';
import type { Library } from './library-store.ts';
import { describeEachBackend, type TestLibrary } from './test-libraries.ts';

let library: Library;

const add = (id: string, athlete: string, more: { filename?: string; expectedReps?: number } = {}) =>
  library.add({ id, athlete, filename: more.filename ?? 'set.mp4', size: 1, domain: 'weightlifting', activity: 'squat', expectedReps: more.expectedReps ?? null });
const ids = async (query: Parameters<Library['list']>[0]) => (await library.list(query)).items.map((s) => s.id).sort();
const found = (athlete: string) => ids({ athlete });

describeEachBackend((backend) => {
  let opened: TestLibrary;
  beforeEach(async () => {
    opened = await backend.open();
    library = opened.library;
  });
  afterEach(() => opened.close());

  describe('athletes', () => {
    it('tags a name to the athlete it means, whatever its case, accents, Unicode form or spacing', async () => {
      const a = await add('a', 'José Müller');
      await add('b', 'jose  muller ');
      await add('c', 'JOSE\u0301 MÜLLER');
      await add('d', 'Strauß');
      const tagged = await Promise.all(['a', 'b', 'c'].map(async (id) => (await library.get(id))!.athleteId));
      expect(new Set(tagged)).toEqual(new Set([a.athleteId]));
      expect((await library.get('b'))!.athlete).toBe('José Müller');
      for (const query of ['José Müller', 'JOSE MULLER', ' jose muller ']) expect(await found(query), query).toEqual(['a', 'b', 'c']);
      expect(await found('STRAUSS')).toEqual(['d']);
      expect((await library.athletes.list()).map((x) => [x.name, x.sessions])).toEqual([
        ['José Müller', 3],
        ['Strauß', 1],
      ]);
    });

    it('renames (a new spelling of the same name too), refusing a name another athlete has', async () => {
      const maya = (await add('a', 'maya chen')).athleteId;
      const ana = (await add('b', 'Ana')).athleteId;
      expect(await library.athletes.rename(maya, 'Maya Chen')).toMatchObject({ athlete: { id: maya, name: 'Maya Chen' } });
      expect((await library.get('a'))!.athlete).toBe('Maya Chen');
      expect(await library.athletes.rename(maya, 'ANA')).toEqual({ conflict: expect.objectContaining({ id: ana }) });
      expect(await library.athletes.rename(999, 'Zed')).toEqual({ notFound: true });
      // The old spelling now tags to the renamed athlete.
      expect((await add('c', 'MAYA CHEN')).athleteId).toBe(maya);
    });

    it('merges one athlete into another for good, and never reuses the merged id', async () => {
      const maya = (await add('a', 'Maya')).athleteId;
      const mayaC = (await add('b', 'Maya C')).athleteId;
      await add('c', 'Maya C');
      expect(await library.athletes.merge(mayaC, maya)).toMatchObject({ athlete: { id: maya, name: 'Maya', sessions: 3 } });
      expect(await ids({ athleteId: maya })).toEqual(['a', 'b', 'c']);
      expect(await library.athletes.get(mayaC)).toBeUndefined();
      expect(await library.athletes.merge(maya, maya)).toEqual({ same: true });
      expect(await library.athletes.merge(mayaC, maya)).toEqual({ notFound: mayaC });
      expect((await add('d', 'Someone new')).athleteId).toBeGreaterThan(mayaC);
    });

    it('moves a session to another athlete (made if new); an athlete with no sessions left goes', async () => {
      const ana = (await add('a', 'Ana')).athleteId;
      const bo = (await add('b', 'Bo')).athleteId;
      expect(await library.move('b', 'ana')).toMatchObject({ athleteId: ana, athlete: 'Ana' });
      expect(await library.athletes.get(bo)).toBeUndefined();
      const cy = (await library.move('a', 'Cy'))!.athleteId;
      expect((await library.athletes.list()).map((x) => [x.id, x.sessions])).toEqual([
        [ana, 1],
        [cy, 1],
      ]);
      expect(await library.move('nope', 'Ana')).toBeUndefined();
      await library.delete('b');
      expect(await library.athletes.get(ana)).toBeUndefined();
    });
  });

  describe('needs review', () => {
    it('flags an analysed set whose found count differs from the expected one, until the coach corrects it', async () => {
      await add('match', 'A', { expectedReps: 3 });
      await add('differs', 'A', { expectedReps: 3 });
      await add('corrected', 'A', { expectedReps: 3 });
      await add('no-expectation', 'A');
      await add('pending', 'A', { expectedReps: 3 });
      await library.update('match', { status: 'Complete', repsFound: 3 });
      await library.update('differs', { status: 'Complete', repsFound: 4 });
      await library.update('corrected', { status: 'Complete', repsFound: 4, correctedReps: 3 });
      await library.update('no-expectation', { status: 'Complete', repsFound: 4 });
      expect((await library.get('differs'))!.needsReview).toBe(true);
      expect(await ids({ needsReview: true })).toEqual(['differs']);
      expect(await ids({ needsReview: 'true' })).toEqual(['differs']);
      expect(await ids({ needsReview: false })).toHaveLength(4);
      expect((await library.athletes.list())[0].needsReview).toBe(1);
    });

    it('flags a set with a "check this rep" until the coach corrects it', async () => {
      await add('unsure', 'A');
      await add('sure', 'A', { expectedReps: 3 });
      await library.update('unsure', { status: 'Complete', repsFound: 3, lowConfidenceReps: 1 });
      await library.update('sure', { status: 'Complete', repsFound: 3, lowConfidenceReps: 0 });
      expect(await ids({ needsReview: true })).toEqual(['unsure']);
      await library.update('unsure', { correctedReps: 3 });
      expect(await ids({ needsReview: true })).toEqual([]);
    });
  });

  describe("the coach's rep edits", () => {
    const rep = (startTimestampMs: number) => ({ startTimestampMs, endTimestampMs: startTimestampMs + 900, analyses: [], edited: true });

    it('sets the count from the newest version, undoes to the count before it, and goes with the session', async () => {
      await add('set', 'A', { expectedReps: 3 });
      await library.update('set', { status: 'Complete', repsFound: 4, correctedReps: 5 });
      expect(await library.repEdits.save('set', 0, [rep(0), rep(1000), rep(2000)])).toMatchObject({ saved: { version: 1 } });
      expect(await library.get('set')).toMatchObject({ correctedReps: 3, repsEdited: true, needsReview: false });
      expect(await library.repEdits.save('set', 0, null)).toHaveProperty('stale');
      expect(await library.repEdits.save('set', 1, null)).toMatchObject({ saved: { version: 2, reps: null, canUndo: true } });
      expect(await library.get('set')).toMatchObject({ correctedReps: null, repsEdited: false, needsReview: true });
      await library.repEdits.undo('set', 2);
      await library.repEdits.undo('set', 3);
      expect(await library.get('set')).toMatchObject({ correctedReps: 5, repsEdited: false });
      expect(await library.repEdits.undo('set', 4)).toEqual({ nothingToUndo: true });

      await library.repEdits.save('set', 4, [rep(0)]);
      await library.repEdits.discard('set');
      expect(await library.repEdits.current('set')).toMatchObject({ reps: null, canUndo: false });
      await library.repEdits.save('set', 6, [rep(0)]);
      await library.delete('set');
      expect(await library.repEdits.current('set')).toBeUndefined();
      expect(await library.repEdits.save('set', 7, null)).toEqual({ notFound: true });
    });
  });

  describe('search', () => {
    it('finds every word in the athlete name or filename, without case or accents, over the whole library', async () => {
      await add('a', 'Ána Ruiz', { filename: 'heavy.mp4' });
      await add('b', 'Ben', { filename: 'pushups.mp4' });
      await add('c', 'Cy', { filename: 'ana-warmup.mp4' });
      await add('d', 'Dee', { filename: '100%_x.mp4' });
      expect(await ids({ q: 'ANA' })).toEqual(['a', 'c']);
      expect(await ids({ q: 'ana heavy' })).toEqual(['a']);
      expect(await ids({ q: '%_' })).toEqual(['d']);
      expect(await library.list({ q: 'mp4', limit: 2 })).toMatchObject({ total: 4, items: { length: 2 } });
    });
  });

});

describe('SQLite migrations', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replens-library-'));
  });
  afterEach(async () => {
    await library.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('gives the sessions of a library made before athletes existed one record per folded name', async () => {
    const db = new Database(path.join(dir, 'library.db'));
    db.exec(MIGRATIONS[0]);
    db.pragma('user_version = 1');
    const row = db.prepare(
      `INSERT INTO sessions (id, athlete, filename, size, status, expected_reps, reps_found, created_at, updated_at)
       VALUES (?, ?, 'set.mp4', 1, 'Complete', 3, ?, ?, ?)`,
    );
    row.run('a', 'maya chen', 3, '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z');
    row.run('b', 'Maya Chén', 4, '2026-11-02T00:00:00Z', '2026-11-02T00:00:00Z');
    row.run('c', 'Émilie', 3, '2026-11-03T00:00:00Z', '2026-11-03T00:00:00Z');
    db.close();

    library = openSqliteLibrary(dir);
    expect((await library.athletes.list()).map((a) => [a.name, a.sessions, a.needsReview])).toEqual([
      ['Émilie', 1, 0],
      ['Maya Chén', 2, 1],
    ]);
    expect(await found('EMILIE')).toEqual(['c']);
    expect(await library.get('a')).toMatchObject({ athlete: 'Maya Chén', repsFound: 3, needsReview: false });
  });
});
