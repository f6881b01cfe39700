// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import '../../test/setup-dom.ts';
import type { Rep } from '../../contract/guru.ts';
import { RepTable } from './rep-table.tsx';

describe('RepTable', () => {
  it('renders known and unknown analysis types generically, with opinions and missing numbers', () => {
    const reps: Rep[] = [
      {
        startTimestampMs: 1200,
        midTimestampMs: 2000,
        endTimestampMs: 3000,
        analyses: [
          { analysisType: 'HIP_KNEE_ANGLE_DEGREES', analysisScalar: 85.25, analysisOpinion: 'good' },
          { analysisType: 'BAR_PATH_SINUOSITY_PERCENTAGE', analysisScalar: 4.5, analysisOpinion: 'bad' },
          { analysisType: 'TOTALLY_NEW_METRIC', analysisScalar: null },
        ],
      },
      { startTimestampMs: 4000, midTimestampMs: null, endTimestampMs: 5500, analyses: [] },
    ];
    render(<RepTable reps={reps} />);
    const headers = screen.getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(['Rep', 'Start', 'Duration', 'Descent', 'Ascent', 'Squat depth (°)', 'Bar path sinuosity (%)', 'Totally new metric', 'Opinion']);
    const rows = screen.getAllByRole('row');
    const first = within(rows[1]).getAllByRole('cell').map((c) => c.textContent);
    expect(first).toEqual(['0:01.2', '1.8 s', '0.8 s', '1 s', '85.3°Good', '4.5%Bad', 'not measured', 'Bad']);
    const second = within(rows[2]).getAllByRole('cell').map((c) => c.textContent);
    expect(second).toEqual(['0:04.0', '1.5 s', '—', '—', '—', '—', '—', '—']);
  });

  it('never shows a fault on a value that was not measured, and marks low-confidence reps', () => {
    const reps: Rep[] = [
      {
        startTimestampMs: 0, midTimestampMs: 500, endTimestampMs: 1000, confidence: 0.3,
        // An answer that judges a missing value (as the old engine did) is shown as not measured.
        analyses: [{ analysisType: 'HIP_SAG_DEGREES', analysisScalar: null, analysisOpinion: 'bad' }],
      },
    ];
    render(<RepTable reps={reps} />);
    const [row] = screen.getAllByRole('row').slice(1);
    expect(within(row).getByRole('rowheader').textContent).toBe('1Check this rep');
    expect(within(row).getAllByRole('cell').map((c) => c.textContent)).toEqual(['0:00.0', '1 s', '0.5 s', '0.5 s', 'not measured', '—']);
  });
});
