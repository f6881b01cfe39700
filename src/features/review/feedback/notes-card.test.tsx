// @vitest-environment jsdom
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import '../../../test/setup-dom.ts';
import type { Drawing, Note } from '../../../contract/feedback.ts';
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
