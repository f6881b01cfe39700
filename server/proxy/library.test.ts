/** The library on a real SQLite file. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, openLibrary, type Library } from './library.ts';

let dir: string;
let library: Library;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replens-library-'));
  library = openLibrary(dir);
});
afterEach(() => {
  library.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const add = (id: string, athlete: string, more: { filename?: string; expectedReps?: number } = {}) =>
  library.add({ id, athlete, filename: more.filename ?? 'set.mp4', size: 1, domain: 'weightlifting', activity: 'squat', expectedReps: more.expectedReps ?? null });
const ids = (query: Parameters<Library['list']>[0]) => library.list(query).items.map((s) => s.id).sort();
const found = (athlete: string) => ids({ athlete });

describe('athletes', () => {
  it('tags a name to the athlete it means, whatever its case, accents, Unicode form or spacing', () => {
    const a = add('a', 'José Müller');
    add('b', 'jose  muller ');
    add('c', 'JOSE\u0301 MÜLLER');
    add('d', 'Strauß');
    expect(new Set(['a', 'b', 'c'].map((id) => library.get(id)!.athleteId))).toEqual(new Set([a.athleteId]));
    expect(library.get('b')!.athlete).toBe('José Müller');
    for (const query of ['José Müller', 'JOSE MULLER', ' jose muller ']) expect(found(query), query).toEqual(['a', 'b', 'c']);
    expect(found('STRAUSS')).toEqual(['d']);
    expect(library.athletes.list().map((x) => [x.name, x.sessions])).toEqual([
      ['José Müller', 3],
      ['Strauß', 1],
    ]);
  });

  it('renames (a new spelling of the same name too), refusing a name another athlete has', () => {
    const maya = add('a', 'maya chen').athleteId;
    const ana = add('b', 'Ana').athleteId;
    expect(library.athletes.rename(maya, 'Maya Chen')).toMatchObject({ athlete: { id: maya, name: 'Maya Chen' } });
    expect(library.get('a')!.athlete).toBe('Maya Chen');
    expect(library.athletes.rename(maya, 'ANA')).toEqual({ conflict: expect.objectContaining({ id: ana }) });
    expect(library.athletes.rename(999, 'Zed')).toEqual({ notFound: true });
    // The old spelling now tags to the renamed athlete.
    expect(add('c', 'MAYA CHEN').athleteId).toBe(maya);
  });

  it('merges one athlete into another for good, and never reuses the merged id', () => {
    const maya = add('a', 'Maya').athleteId;
    const mayaC = add('b', 'Maya C').athleteId;
    add('c', 'Maya C');
    expect(library.athletes.merge(mayaC, maya)).toMatchObject({ athlete: { id: maya, name: 'Maya', sessions: 3 } });
    expect(ids({ athleteId: maya })).toEqual(['a', 'b', 'c']);
    expect(library.athletes.get(mayaC)).toBeUndefined();
    expect(library.athletes.merge(maya, maya)).toEqual({ same: true });
    expect(library.athletes.merge(mayaC, maya)).toEqual({ notFound: mayaC });
    expect(add('d', 'Someone new').athleteId).toBeGreaterThan(mayaC);
  });

  it('moves a session to another athlete (made if new); an athlete with no sessions left goes', () => {
    const ana = add('a', 'Ana').athleteId;
    const bo = add('b', 'Bo').athleteId;
    expect(library.move('b', 'ana')).toMatchObject({ athleteId: ana, athlete: 'Ana' });
    expect(library.athletes.get(bo)).toBeUndefined();
    const cy = library.move('a', 'Cy')!.athleteId;
    expect(library.athletes.list().map((x) => [x.id, x.sessions])).toEqual([
      [ana, 1],
      [cy, 1],
    ]);
    expect(library.move('nope', 'Ana')).toBeUndefined();
    library.delete('b');
    expect(library.athletes.get(ana)).toBeUndefined();
  });
});

describe('needs review', () => {
  it('flags an analysed set whose found count differs from the expected one, until the coach corrects it', () => {
    add('match', 'A', { expectedReps: 3 });
    add('differs', 'A', { expectedReps: 3 });
    add('corrected', 'A', { expectedReps: 3 });
    add('no-expectation', 'A');
    add('pending', 'A', { expectedReps: 3 });
    library.update('match', { status: 'Complete', repsFound: 3 });
    library.update('differs', { status: 'Complete', repsFound: 4 });
    library.update('corrected', { status: 'Complete', repsFound: 4, correctedReps: 3 });
    library.update('no-expectation', { status: 'Complete', repsFound: 4 });
    expect(library.get('differs')!.needsReview).toBe(true);
    expect(ids({ needsReview: true })).toEqual(['differs']);
    expect(ids({ needsReview: 'true' })).toEqual(['differs']);
    expect(ids({ needsReview: false })).toHaveLength(4);
    expect(library.athletes.list()[0].needsReview).toBe(1);
  });

  it('flags a set with a "check this rep" until the coach corrects it', () => {
    add('unsure', 'A');
    add('sure', 'A', { expectedReps: 3 });
    library.update('unsure', { status: 'Complete', repsFound: 3, lowConfidenceReps: 1 });
    library.update('sure', { status: 'Complete', repsFound: 3, lowConfidenceReps: 0 });
    expect(ids({ needsReview: true })).toEqual(['unsure']);
    library.update('unsure', { correctedReps: 3 });
    expect(ids({ needsReview: true })).toEqual([]);
  });
});

describe("the coach's rep edits", () => {
  const rep = (startTimestampMs: number) => ({ startTimestampMs, endTimestampMs: startTimestampMs + 900, analyses: [], edited: true });

  it('sets the count from the newest version, undoes to the count before it, and goes with the session', () => {
    add('set', 'A', { expectedReps: 3 });
    library.update('set', { status: 'Complete', repsFound: 4, correctedReps: 5 });
    expect(library.repEdits.save('set', 0, [rep(0), rep(1000), rep(2000)])).toMatchObject({ saved: { version: 1 } });
    expect(library.get('set')).toMatchObject({ correctedReps: 3, repsEdited: true, needsReview: false });
    expect(library.repEdits.save('set', 0, null)).toHaveProperty('stale');
    expect(library.repEdits.save('set', 1, null)).toMatchObject({ saved: { version: 2, reps: null, canUndo: true } });
    expect(library.get('set')).toMatchObject({ correctedReps: null, repsEdited: false, needsReview: true });
    library.repEdits.undo('set', 2);
    library.repEdits.undo('set', 3);
    expect(library.get('set')).toMatchObject({ correctedReps: 5, repsEdited: false });
    expect(library.repEdits.undo('set', 4)).toEqual({ nothingToUndo: true });

    library.repEdits.save('set', 4, [rep(0)]);
    library.repEdits.discard('set');
    expect(library.repEdits.current('set')).toMatchObject({ reps: null, canUndo: false });
    library.repEdits.save('set', 6, [rep(0)]);
    library.delete('set');
    expect(library.repEdits.current('set')).toBeUndefined();
    expect(library.repEdits.save('set', 7, null)).toEqual({ notFound: true });
  });
});

describe('search', () => {
  it('finds every word in the athlete name or filename, without case or accents, over the whole library', () => {
    add('a', 'Ána Ruiz', { filename: 'heavy.mp4' });
    add('b', 'Ben', { filename: 'pushups.mp4' });
    add('c', 'Cy', { filename: 'ana-warmup.mp4' });
    add('d', 'Dee', { filename: '100%_x.mp4' });
    expect(ids({ q: 'ANA' })).toEqual(['a', 'c']);
    expect(ids({ q: 'ana heavy' })).toEqual(['a']);
    expect(ids({ q: '%_' })).toEqual(['d']);
    expect(library.list({ q: 'mp4', limit: 2 })).toMatchObject({ total: 4, items: { length: 2 } });
  });
});

describe('migrations', () => {
  it('gives the sessions of a library made before athletes existed one record per folded name', () => {
    library.close();
    fs.rmSync(path.join(dir, 'library.db'));
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

    library = openLibrary(dir);
    expect(library.athletes.list().map((a) => [a.name, a.sessions, a.needsReview])).toEqual([
      ['Émilie', 1, 0],
      ['Maya Chén', 2, 1],
    ]);
    expect(found('EMILIE')).toEqual(['c']);
    expect(library.get('a')).toMatchObject({ athlete: 'Maya Chén', repsFound: 3, needsReview: false });
  });
});
