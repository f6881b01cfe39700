import { describe, expect, it } from 'vitest';
import type { CoachRep } from './api.ts';
import type { Rep } from './guru.ts';
import { CSV_BOM, csvField, parseCsv, setsToCsv, SET_COLUMNS } from './reps-csv.ts';

const squatReps: CoachRep[] = [
  {
    startTimestampMs: 1000, midTimestampMs: 1800, endTimestampMs: 2600, confidence: 0.9, edited: false,
    analyses: [
      { analysisType: 'HIP_KNEE_ANGLE_DEGREES', analysisScalar: -4, analysisOpinion: 'good' },
      { analysisType: 'DESCENT_MS', analysisScalar: 900 },
      { analysisType: 'TORSO_LEAN_DEGREES', analysisScalar: null, analysisOpinion: 'bad' },
    ],
  },
  {
    startTimestampMs: 3000, midTimestampMs: 3500, endTimestampMs: 4800, confidence: 0.3, edited: true,
    analyses: [{ analysisType: 'HIP_KNEE_ANGLE_DEGREES', analysisScalar: 12, analysisOpinion: 'bad' }],
  },
];
const benchReps: Rep[] = [
  {
    startTimestampMs: 500, midTimestampMs: 1000, endTimestampMs: 2000,
    analyses: [{ analysisType: 'ELBOW_ANGLE_DEGREES', analysisScalar: 85, analysisOpinion: 'good' }],
  },
];

/** The CSV read back as one record per row, keyed by header. */
function records(text: string) {
  const [header, ...rows] = parseCsv(text);
  return { header, rows: rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]))) };
}

describe('setsToCsv', () => {
  const text = setsToCsv([
    { athlete: 'Maya Chen', date: '2026-11-20T18:03:00.000Z', activity: 'squat', view: 'side', filename: 'heavy, day.mp4', reps: squatReps },
    { athlete: '=HYPERLINK("x")', date: '2026-11-21', activity: 'bench_press', view: null, filename: 'bench.mov', reps: benchReps },
  ]);

  it('writes readable headers with units, the set on every row, timing once and each measure once', () => {
    expect(text.startsWith(CSV_BOM)).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    const { header } = records(text);
    expect(header).toEqual([
      ...SET_COLUMNS, 'Rep', 'Start (s)', 'Mid (s)', 'End (s)', 'Duration (s)', 'Descent (s)', 'Ascent (s)',
      'Squat depth (°)', 'Squat depth opinion', 'Torso lean (°)', 'Torso lean opinion', 'Elbow at the bottom (°)', 'Elbow at the bottom opinion',
      'Confidence', 'Check this rep', 'Rep opinion', 'Edited by coach',
    ]);
    expect(new Set(header).size).toBe(header.length);
  });

  it('has one row per rep of each set with opinions, "not measured" without opinion, confidence and edits', () => {
    const { rows } = records(text);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({
      Athlete: 'Maya Chen', Date: '2026-11-20', Activity: 'Squat', 'Camera view': 'Side', Video: 'heavy, day.mp4',
      Rep: '1', 'Start (s)': '1', 'Mid (s)': '1.8', 'End (s)': '2.6', 'Duration (s)': '1.6', 'Descent (s)': '0.9', 'Ascent (s)': '0.8',
      'Squat depth (°)': '-4', 'Squat depth opinion': 'good', 'Torso lean (°)': 'not measured', 'Torso lean opinion': '',
      'Elbow at the bottom (°)': '', Confidence: '0.9', 'Check this rep': 'no', 'Rep opinion': 'good', 'Edited by coach': 'no',
    });
    expect(rows[1]).toMatchObject({
      Rep: '2', 'Descent (s)': '0.5', 'Ascent (s)': '1.3', 'Squat depth (°)': '12', 'Squat depth opinion': 'bad',
      'Torso lean (°)': '', Confidence: '0.3', 'Check this rep': 'yes', 'Rep opinion': 'bad', 'Edited by coach': 'yes',
    });
    expect(rows[2]).toMatchObject({
      Athlete: "'=HYPERLINK(\"x\")", Date: '2026-11-21', Activity: 'Bench press', 'Camera view': '', Rep: '1',
      'Elbow at the bottom (°)': '85', 'Elbow at the bottom opinion': 'good', 'Squat depth (°)': '', Confidence: '', 'Edited by coach': 'no',
    });
  });

  it('numbers reps in time order, as the timeline does', () => {
    const { rows } = records(setsToCsv([{ reps: [benchReps[0], { ...benchReps[0], startTimestampMs: 0, midTimestampMs: 200, endTimestampMs: 400 }] }]));
    expect(rows.map((r) => [r.Rep, r['Start (s)']])).toEqual([['1', '0'], ['2', '0.5']]);
  });

  it('writes only the header for no reps', () => {
    expect(parseCsv(setsToCsv([]))).toHaveLength(1);
  });
});

describe("RepLens's velocity in the CSV", () => {
  it('writes mean and peak concentric velocity in their unit and the velocity loss, without opinions', () => {
    const v = (unit: 'M_PER_S' | 'BH_PER_S', mean: number | null, loss: number | null): Rep => ({
      startTimestampMs: 0, endTimestampMs: 1000,
      analyses: [
        { analysisType: 'HIP_KNEE_ANGLE_DEGREES', analysisScalar: -4, analysisOpinion: 'good' },
        { analysisType: `MEAN_CONCENTRIC_VELOCITY_${unit}`, analysisScalar: mean, analysisOpinion: null },
        { analysisType: `PEAK_CONCENTRIC_VELOCITY_${unit}`, analysisScalar: mean === null ? null : mean * 1.5, analysisOpinion: null },
        { analysisType: 'VELOCITY_LOSS_PERCENTAGE', analysisScalar: loss, analysisOpinion: null },
      ],
    });
    const { header, rows } = records(setsToCsv([{ reps: [v('M_PER_S', 0.52, 0), v('M_PER_S', null, null)] }, { reps: [v('BH_PER_S', 0.3, 12.5)] }]));
    expect(header).toEqual(expect.arrayContaining([
      'Mean velocity (RepLens) (m/s)', 'Peak velocity (RepLens) (m/s)', 'Velocity loss (RepLens) (%)', 'Mean velocity (RepLens) (BH/s)',
    ]));
    expect(rows.map((r) => [r['Mean velocity (RepLens) (m/s)'], r['Peak velocity (RepLens) (m/s)'], r['Mean velocity (RepLens) (BH/s)'], r['Velocity loss (RepLens) (%)']])).toEqual([
      ['0.52', '0.78', '', '0'],
      ['not measured', 'not measured', '', 'not measured'],
      ['', '', '0.3', '12.5'],
    ]);
    expect(rows[0]['Mean velocity (RepLens) opinion']).toBe('');
    expect(rows[0]['Rep opinion']).toBe('good');
  });
});

describe('CSV fields', () => {
  it('quotes commas, quotes and newlines (RFC 4180) and defuses formulas', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=cmd()')).toBe("'=cmd()");
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@x')).toBe("'@x");
    expect(csvField('=a,"b"')).toBe(`"'=a,""b"""`);
    expect(csvField(-5)).toBe('-5');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(null)).toBe('');
  });

  it('reads back what it writes', () => {
    const fields = ['plain', 'a,b', 'say "hi"', 'two\r\nlines', ''];
    expect(parseCsv(`${fields.map(csvField).join(',')}\r\nx,y\r\n`)).toEqual([fields, ['x', 'y']]);
  });
});
