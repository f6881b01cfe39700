/** Notes, drawings and share links in the library, the same on SQLite and PostgreSQL. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Comparison, Shape } from '../../src/contract/feedback.ts';
import type { Library } from './library-store.ts';
import { describeEachBackend, type TestLibrary } from './test-libraries.ts';

const angle: Shape = { kind: 'angle', points: [{ x: 0.1, y: 0.2 }, { x: 0.5, y: 0.5 }, { x: 0.9, y: 0.25 }] };

describeEachBackend((backend) => {
  let test: TestLibrary;
  let library: Library;
  let coach: number;
  beforeEach(async () => {
    test = await backend.open();
    library = test.library;
    coach = (await library.accounts.create({ email: 'c@club.example', name: 'Cora Coach', role: 'coach', passwordHash: 'x' }))!.id;
    for (const id of ['vid-a', 'vid-b']) {
      await library.add({ id, athlete: 'Ann', filename: `${id}.mp4`, size: 1, domain: 'weightlifting', activity: 'squat', expectedReps: null });
    }
  });
  afterEach(() => test.close());

  it('keeps notes per video in time order, with their author, edits and deletes them', async () => {
    const late = await library.notes.add('vid-a', { timeMs: 900, rep: 2, text: 'Late' }, coach);
    const early = await library.notes.add('vid-a', { timeMs: 100, rep: null, text: 'Early' }, null);
    await library.notes.add('vid-b', { timeMs: 0, rep: null, text: 'Other video' }, null);
    expect(late).toMatchObject({ videoId: 'vid-a', timeMs: 900, rep: 2, text: 'Late', authorId: coach, author: 'Cora Coach' });
    expect((await library.notes.list('vid-a')).map((n) => [n.text, n.author])).toEqual([['Early', null], ['Late', 'Cora Coach']]);
    expect(await library.notes.count('vid-a')).toBe(2);

    const edited = await library.notes.update('vid-a', late.id, { text: 'Later', rep: null });
    expect(edited).toMatchObject({ text: 'Later', rep: null, timeMs: 900, authorId: coach });
    // An id is only ever found under its own video.
    expect(await library.notes.update('vid-b', late.id, { text: 'x' })).toBeUndefined();
    expect(await library.notes.remove('vid-b', early.id)).toBe(false);
    expect(await library.notes.remove('vid-a', early.id)).toBe(true);
    expect((await library.notes.list('vid-a')).map((n) => n.text)).toEqual(['Later']);
  });

  it('keeps drawings as their vector data; a deleted video takes its feedback with it', async () => {
    const drawing = await library.drawings.add('vid-a', { timeMs: 500, shape: angle }, coach);
    expect(await library.drawings.get('vid-a', drawing.id)).toMatchObject({ timeMs: 500, shape: angle, author: 'Cora Coach' });
    expect(await library.drawings.get('vid-b', drawing.id)).toBeUndefined();
    // Notes and drawings share a table: neither is ever read, changed or deleted as the other.
    const note = await library.notes.add('vid-a', { timeMs: 500, rep: null, text: 'Note' }, null);
    expect(await library.drawings.get('vid-a', note.id)).toBeUndefined();
    expect(await library.notes.get('vid-a', drawing.id)).toBeUndefined();
    expect(await library.notes.update('vid-a', drawing.id, { text: 'x' })).toBeUndefined();
    expect(await library.drawings.remove('vid-a', note.id)).toBe(false);
    expect((await library.drawings.list('vid-a')).map((d) => d.id)).toEqual([drawing.id]);
    expect(await library.drawings.count('vid-a')).toBe(1);
    await library.notes.add('vid-a', { timeMs: 1, rep: null, text: 'Gone soon' }, null);
    await library.shares.add({ videoId: 'vid-a', tokenHash: 'hash-a', expiresAt: '2030-01-01T00:00:00.000Z', by: null });
    await library.delete('vid-a');
    expect(await library.drawings.list('vid-a')).toEqual([]);
    expect(await library.notes.list('vid-a')).toEqual([]);
    expect(await library.shares.byTokenHash('hash-a')).toBeUndefined();
  });

  it('keeps share links by the hash of their token, listed newest first, revoked once', async () => {
    const first = await library.shares.add({ videoId: 'vid-a', tokenHash: 'hash-1', expiresAt: '2030-01-01T00:00:00.000Z', by: coach });
    const second = await library.shares.add({ videoId: 'vid-a', tokenHash: 'hash-2', expiresAt: '2030-01-02T00:00:00.000Z', by: null });
    expect(first).toMatchObject({ videoId: 'vid-a', kind: 'review', comparison: null, createdBy: 'Cora Coach', revokedAt: null });
    expect((await library.shares.list('vid-a')).map((s) => s.id)).toEqual([second.id, first.id]);
    expect(await library.shares.list('vid-b')).toEqual([]);
    expect(await library.shares.revoke('vid-b', first.id)).toBe(false);
    expect(await library.shares.revoke('vid-a', first.id)).toBe(true);
    expect(await library.shares.revoke('vid-a', first.id)).toBe(false);
    expect((await library.shares.byTokenHash('hash-1'))?.revokedAt).toEqual(expect.any(String));
    expect(await library.shares.byTokenHash('hash-3')).toBeUndefined();
  });

  it('keeps a compare link with its two reps, listed, revoked and ended by either video', async () => {
    await library.add({ id: 'vid-c', athlete: 'Cy', filename: 'vid-c.mp4', size: 1, domain: 'weightlifting', activity: 'squat', expectedReps: null });
    const comparison: Comparison = { a: { videoId: 'vid-a', rep: 2 }, b: { videoId: 'vid-b', rep: 4 }, align: 'bottom', matchTempo: false };
    const review = await library.shares.add({ videoId: 'vid-a', tokenHash: 'hash-r', expiresAt: '2030-01-01T00:00:00.000Z', by: null });
    const compared = await library.shares.add({ videoId: 'vid-a', tokenHash: 'hash-c', expiresAt: '2030-01-01T00:00:00.000Z', by: coach, comparison });
    expect(compared).toMatchObject({ videoId: 'vid-a', kind: 'compare', comparison, createdBy: 'Cora Coach' });
    expect(await library.shares.byTokenHash('hash-c')).toEqual(compared);
    // Both videos list it (the first with its review's link); a video it does not show neither lists nor revokes it.
    expect((await library.shares.list('vid-a')).map((s) => s.id)).toEqual([compared.id, review.id]);
    expect((await library.shares.list('vid-b')).map((s) => s.id)).toEqual([compared.id]);
    expect(await library.shares.list('vid-c')).toEqual([]);
    expect(await library.shares.revoke('vid-c', compared.id)).toBe(false);
    expect(await library.shares.revoke('vid-b', compared.id)).toBe(true);
    expect((await library.shares.byTokenHash('hash-c'))?.revokedAt).toEqual(expect.any(String));

    // Deleting the second video ends a link to it, not the first video's other links.
    const again = await library.shares.add({ videoId: 'vid-c', tokenHash: 'hash-c2', expiresAt: '2030-01-01T00:00:00.000Z', by: null,
      comparison: { ...comparison, a: { videoId: 'vid-c', rep: 1 }, align: 'start' } });
    expect(again.comparison).toMatchObject({ a: { videoId: 'vid-c', rep: 1 }, align: 'start' });
    await library.delete('vid-b');
    expect(await library.shares.byTokenHash('hash-c')).toBeUndefined();
    expect(await library.shares.byTokenHash('hash-c2')).toBeUndefined();
    expect((await library.shares.byTokenHash('hash-r'))?.id).toBe(review.id);
  });

  it("lists a comparison's links: exactly its two reps in that order, at any alignment and tempo", async () => {
    const share = (tokenHash: string, comparison: Comparison) =>
      library.shares.add({ videoId: comparison.a.videoId, tokenHash, expiresAt: '2030-01-01T00:00:00.000Z', by: null, comparison });
    const a = { videoId: 'vid-a', rep: 2 };
    const b = { videoId: 'vid-b', rep: 4 };
    const bottom = await share('hash-1', { a, b, align: 'bottom', matchTempo: false });
    const timed = await share('hash-2', { a, b, align: 'start', matchTempo: true });
    // Not this comparison: another rep (4 is a prefix of 40), the reps swapped, one set against itself, a review.
    await share('hash-3', { a, b: { videoId: 'vid-b', rep: 40 }, align: 'bottom', matchTempo: false });
    await share('hash-4', { a: b, b: a, align: 'bottom', matchTempo: false });
    await share('hash-5', { a, b: { videoId: 'vid-a', rep: 4 }, align: 'bottom', matchTempo: false });
    await library.shares.add({ videoId: 'vid-a', tokenHash: 'hash-6', expiresAt: '2030-01-01T00:00:00.000Z', by: null });

    const listed = await library.shares.listComparison(a, b);
    expect(listed.map((s) => s.id)).toEqual([timed.id, bottom.id]);
    expect(listed[0].comparison).toEqual({ a, b, align: 'start', matchTempo: true });
    expect((await library.shares.listComparison(a, { videoId: 'vid-a', rep: 4 })).map((s) => s.comparison?.b)).toEqual([{ videoId: 'vid-a', rep: 4 }]);
    expect(await library.shares.listComparison(a, { videoId: 'vid-b', rep: 1 })).toEqual([]);
    // Revoked links stay listed (the list shows them as revoked).
    await library.shares.revoke('vid-a', bottom.id);
    expect((await library.shares.listComparison(a, b)).map((s) => s.revokedAt === null)).toEqual([true, false]);
  });

  it('keeps a link without matched tempo in the text links had before the tempo was kept, and reads it back', async () => {
    await library.shares.add({ videoId: 'vid-a', tokenHash: 'hash-old', expiresAt: '2030-01-01T00:00:00.000Z', by: null,
      comparison: { a: { videoId: 'vid-a', rep: 1 }, b: { videoId: 'vid-b', rep: 1 }, align: 'start', matchTempo: false } });
    expect(await test.storedText(['shares'])).toContain('a=vid-a:1&b=vid-b:1&align=start');
    expect((await library.shares.byTokenHash('hash-old'))?.comparison).toEqual({ a: { videoId: 'vid-a', rep: 1 }, b: { videoId: 'vid-b', rep: 1 }, align: 'start', matchTempo: false });
  });
});
