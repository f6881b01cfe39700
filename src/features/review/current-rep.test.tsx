// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import '../../test/setup-dom.ts';
import { CurrentRep } from './current-rep.tsx';

const reps = [
  { startTimestampMs: 0, endTimestampMs: 1000, analyses: [] },
  {
    startTimestampMs: 1000,
    endTimestampMs: 2000,
    edited: true,
    analyses: [
      { analysisType: 'REP_DURATION_MS', analysisScalar: 1000 },
      { analysisType: 'HIP_KNEE_ANGLE_DEGREES', analysisScalar: 4.2, analysisOpinion: 'bad' as const },
      { analysisType: 'KNEE_ANGLE_DEGREES', analysisScalar: null, analysisOpinion: 'bad' as const },
    ],
  },
];

describe('CurrentRep', () => {
  it("shows the rep's measures with verdicts, never a verdict on what was not measured", () => {
    render(<CurrentRep reps={reps} index={1} />);
    const line = screen.getByText(/Rep 2 of 2/).parentElement!;
    expect(line.textContent).toBe('Rep 2 of 2 (edited by coach) · Squat depth 4.2° Bad · Knee angle not measured');
  });

  it('says so between reps', () => {
    render(<CurrentRep reps={reps} index={undefined} />);
    expect(screen.getByText('Between reps')).toBeTruthy();
  });
});
