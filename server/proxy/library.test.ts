/** The library on a real SQLite file. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLibrary } from './library.ts';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replens-library-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const add = (library: ReturnType<typeof openLibrary>, id: string, athlete: string) =>
  library.add({ id, athlete, filename: 'set.mp4', size: 1, domain: 'weightlifting', activity: 'squat', expectedReps: null });
const found = (library: ReturnType<typeof openLibrary>, athlete: string) => library.list({ athlete }).items.map((s) => s.id);

describe('athlete filter', () => {
  it('finds a name whatever its case, Unicode form or surrounding spaces', () => {
    const library = openLibrary(dir);
    add(library, 'a', 'José');
    add(library, 'b', 'Strauß');
    for (const query of ['José', 'JOSÉ', 'jose\u0301', 'JOSE\u0301', ' josé ']) expect(found(library, query), query).toEqual(['a']);
    expect(found(library, 'STRAUSS')).toEqual(['b']);
    expect(found(library, 'Jose')).toEqual([]);
    library.close();
  });

  it('folds the names of a library made before the search key existed', () => {
    let library = openLibrary(dir);
    add(library, 'a', 'Émilie');
    library.close();
    const db = new Database(path.join(dir, 'library.db'));
    db.exec('DROP INDEX sessions_athlete_key; ALTER TABLE sessions DROP COLUMN athlete_key; PRAGMA user_version = 1;');
    db.close();
    library = openLibrary(dir);
    expect(found(library, 'ÉMILIE')).toEqual(['a']);
    library.close();
  });
});
