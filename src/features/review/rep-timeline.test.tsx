// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
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
});
