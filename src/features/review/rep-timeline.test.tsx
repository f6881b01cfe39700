// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import '../../test/setup-dom.ts';
import type { Rep } from '../../contract/guru.ts';
import { RepTimeline } from './rep-timeline.tsx';

const rep = (start: number, mid: number, end: number, opinion?: 'good' | 'bad'): Rep => ({
  startTimestampMs: start,
  midTimestampMs: mid,
  endTimestampMs: end,
  analyses: opinion ? [{ analysisType: 'HIP_KNEE_ANGLE_DEGREES', analysisScalar: 90, analysisOpinion: opinion }] : [],
});

describe('RepTimeline', () => {
  const reps = [rep(1000, 2000, 3000, 'good'), rep(5000, 6000, 7500, 'bad'), rep(8000, 9000, 10_000)];

  it('renders one "Rep N" button per rep, placed by time and coloured by opinion', () => {
    render(<RepTimeline reps={reps} durationMs={10_000} currentTimeMs={5500} onSeek={() => {}} />);
    const buttons = screen.getAllByRole('button', { name: /^Rep \d+$/ });
    expect(buttons.map((b) => b.getAttribute('aria-label'))).toEqual(['Rep 1', 'Rep 2', 'Rep 3']);
    const second = screen.getByRole('button', { name: 'Rep 2' });
    expect(second.style.left).toBe('50%');
    expect(second.style.width).toBe('25%');
    expect(second.dataset.opinion).toBe('bad');
    expect(screen.getByRole('button', { name: 'Rep 1' }).dataset.opinion).toBe('good');
    expect(screen.getByRole('button', { name: 'Rep 3' }).dataset.opinion).toBe('neutral');
    // The bottom of rep 2 (6000 ms) sits 40% into its 2500 ms band.
    expect((second.querySelector('[data-testid="rep-bottom"]') as HTMLElement).style.left).toBe('40%');
  });

  it('seeks to the start of the clicked rep', async () => {
    const onSeek = vi.fn();
    render(<RepTimeline reps={reps} durationMs={10_000} currentTimeMs={0} onSeek={onSeek} />);
    await userEvent.click(screen.getByRole('button', { name: 'Rep 2' }));
    expect(onSeek).toHaveBeenCalledWith(5000, 1);
    screen.getByRole('button', { name: 'Rep 3' }).focus();
    await userEvent.keyboard('{Enter}');
    expect(onSeek).toHaveBeenLastCalledWith(8000, 2);
  });

  it('stretches the scale when reps run past the reported duration', () => {
    render(<RepTimeline reps={[rep(0, 500, 1000), rep(1000, 1500, 2000)]} durationMs={0} currentTimeMs={0} onSeek={() => {}} />);
    expect(screen.getByRole('button', { name: 'Rep 2' }).style.left).toBe('50%');
  });

  it("names a coach's rep as edited", () => {
    render(<RepTimeline reps={[{ ...rep(0, 500, 1000), edited: true }, rep(2000, 2500, 3000)]} durationMs={4000} currentTimeMs={0} onSeek={() => {}} />);
    expect(screen.getByRole('button', { name: 'Rep 1, edited by coach' }).dataset.edited).toBe('true');
    expect(screen.getByRole('button', { name: 'Rep 2' }).dataset.edited).toBeUndefined();
  });

  it('gives the span of a drag across the empty timeline when editing; a click is not a drag', () => {
    const onDragRange = vi.fn();
    render(<RepTimeline reps={reps} durationMs={10_000} currentTimeMs={0} onSeek={() => {}} onDragRange={onDragRange} />);
    const track = screen.getByRole('group', { name: 'Rep timeline' });
    track.getBoundingClientRect = () => ({ left: 0, width: 1000, top: 0, height: 48, right: 1000, bottom: 48, x: 0, y: 0, toJSON: () => ({}) });
    track.setPointerCapture = () => {};
    fireEvent.pointerDown(track, { clientX: 420, button: 0, pointerId: 1 });
    fireEvent.pointerMove(track, { clientX: 460, pointerId: 1 });
    expect(screen.getByTestId('new-rep').style.width).toBe('4%');
    fireEvent.pointerUp(track, { clientX: 470, pointerId: 1 });
    expect(onDragRange).toHaveBeenCalledWith(4200, 4700);
    fireEvent.pointerDown(track, { clientX: 420, button: 0, pointerId: 1 });
    fireEvent.pointerUp(track, { clientX: 422, pointerId: 1 });
    expect(onDragRange).toHaveBeenCalledTimes(1);
  });
});
