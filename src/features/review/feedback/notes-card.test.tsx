// @vitest-environment jsdom
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import '../../../test/setup-dom.ts';
import type { FeedbackChanges } from '../../../api/feedback.ts';
import type { Drawing, Note } from '../../../contract/feedback.ts';
import type { Rep } from '../../../contract/guru.ts';
import { NotesCard } from './notes-card.tsx';

const note = (id: number, timeMs: number, text: string, mine = false): Note => ({
  id, timeMs, text, mine, rep: null, author: id === 1 ? null : 'Cora Coach', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
});
const notes = [note(1, 1000, 'Early'), note(2, 5000, 'Late', true)];
const drawings: Drawing[] = [
  { id: 7, timeMs: 2000, mine: true, author: null, createdAt: '2026-01-01T00:00:00Z',
    shape: { kind: 'angle', points: [{ x: 0.6, y: 0.5 }, { x: 0.5, y: 0.5 }, { x: 0.6, y: 0.4 }] } },
];
const base = { notes, drawings, reps: [], picture: { width: 1000, height: 1000 } };

describe('NotesCard', () => {
  it('highlights the note at the playhead, seeks on a click, names a note without author "Coach"', () => {
    const onSeek = vi.fn();
    render(<NotesCard {...base} currentTimeMs={1500} onSeek={onSeek} />);
    const items = within(screen.getByRole('list', { name: 'Notes' })).getAllByRole('listitem');
    expect(items.map((li) => li.getAttribute('aria-current'))).toEqual(['true', null]);
    expect(items[0].textContent).toContain('Coach');
    fireEvent.click(within(items[1]).getByRole('button', { name: /Go to ?0:05\.0/ }));
    expect(onSeek).toHaveBeenCalledWith(5000);
    // The angle's value, on the picture's pixels.
    expect(screen.getByRole('list', { name: 'Drawings' }).textContent).toContain('Angle 45°');
  });

  it('is read-only without changes (a shared page): no form, no edit or delete', () => {
    render(<NotesCard {...base} currentTimeMs={0} onSeek={() => {}} />);
    expect(screen.queryByRole('button', { name: 'Add note' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Delete|Edit/ })).toBeNull();
  });
});

describe("moving a note in its author's edit form", () => {
  const rep = (startTimestampMs: number): Rep => ({ startTimestampMs, midTimestampMs: startTimestampMs + 500, endTimestampMs: startTimestampMs + 1000, analyses: [] });
  const reps = [rep(1040), rep(3000)];
  function open(currentTimeMs = 0, videoMs: number | null = 6000) {
    const mutate = vi.fn();
    const idle = { mutate: vi.fn(), isPending: false, error: null };
    const changes = { addNote: idle, editNote: { mutate, isPending: false, error: null }, deleteNote: idle, deleteDrawing: idle } as unknown as FeedbackChanges;
    render(<NotesCard {...base} reps={reps} currentTimeMs={currentTimeMs} videoMs={videoMs} onSeek={() => {}} changes={changes} />);
    fireEvent.click(screen.getByRole('button', { name: 'Edit the note at 0:05.0' }));
    const form = screen.getByRole('form', { name: 'Edit the note at 0:05.0' });
    return { mutate, form, time: within(form).getByLabelText(/^Time/), rep: within(form).getByLabelText('Rep'), save: within(form).getByRole('button', { name: 'Save' }) };
  }

  it('takes a typed time, re-pinned to the rep playing there, and sends only what changed', () => {
    const { mutate, time, rep, save } = open();
    expect(document.activeElement).toBe(time);
    fireEvent.change(time, { target: { value: '0:03.5' } });
    expect((rep as HTMLSelectElement).value).toBe('2');
    fireEvent.click(save);
    expect(mutate).toHaveBeenCalledWith({ id: 2, change: { timeMs: 3500, rep: 2 } }, expect.anything());
  });

  it("moves to the video's current time, or into a rep picked (at its start), and unpins with No rep", () => {
    const { mutate, form, time, rep, save } = open(1234.4);
    fireEvent.click(within(form).getByRole('button', { name: 'Use current time (0:01.2)' }));
    expect((time as HTMLInputElement).value).toBe('0:01.2');
    expect((rep as HTMLSelectElement).value).toBe('1');
    fireEvent.change(rep, { target: { value: '2' } });
    expect((time as HTMLInputElement).value).toBe('0:03.0');
    fireEvent.change(rep, { target: { value: '1' } });
    // Rounded up to the tenth shown, so the note stays inside rep 1 (from 1.04 s).
    expect((time as HTMLInputElement).value).toBe('0:01.1');
    fireEvent.change(rep, { target: { value: '' } });
    fireEvent.click(save);
    expect(mutate).toHaveBeenCalledWith({ id: 2, change: { timeMs: 1100 } }, expect.anything());
  });

  it('says what is wrong with a time it cannot take, and will not save it', () => {
    const { mutate, form, time, save } = open(0, 6000);
    for (const [value, message] of [['soon', 'Type a time as m:ss.s, for example 0:12.5.'], ['0:07', 'The video is 0:06.0 long.']]) {
      fireEvent.change(time, { target: { value } });
      expect(time.getAttribute('aria-invalid')).toBe('true');
      expect(within(form).getByText(message).id).toBe(time.getAttribute('aria-describedby'));
      expect((save as HTMLButtonElement).disabled).toBe(true);
    }
    fireEvent.submit(form);
    expect(mutate).not.toHaveBeenCalled();
  });

  it('closes unchanged without a request, and Escape cancels', () => {
    const first = open();
    fireEvent.click(first.save);
    expect(first.mutate).not.toHaveBeenCalled();
    expect(screen.queryByRole('form')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Edit the note at 0:05.0' }));
    fireEvent.keyDown(screen.getByLabelText(/^Time/), { key: 'Escape' });
    expect(screen.queryByRole('form')).toBeNull();
  });
});
