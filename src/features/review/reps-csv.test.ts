import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../contract/reps-csv.ts';
import { completeAnalysis } from '../../test/fixtures.ts';
import { csvFilename, repsToCsv } from './reps-csv.ts';

describe('reps CSV', () => {
  it("has the athlete export's columns: one row per rep, readable headers, timing once, every analysis once with opinions", () => {
    const [header, ...rows] = parseCsv(repsToCsv(completeAnalysis().reps, { athlete: 'Sam Lee', date: '2026-11-27T02:00:00.000Z', activity: 'squat', view: 'side', filename: 'back-squat.mp4' }));
    expect(header.join(',')).toBe(
      'Athlete,Date,Activity,Camera view,Video,Rep,Start (s),Mid (s),End (s),Duration (s),Descent (s),Ascent (s),Squat depth (°),Squat depth opinion,Elbow wrist angle (°),Elbow wrist angle opinion,Confidence,Check this rep,Rep opinion,Edited by coach',
    );
    expect(rows.map((r) => r.join(','))).toEqual([
      'Sam Lee,2026-11-27,Squat,Side,back-squat.mp4,1,1,1.8,2.6,1.6,0.8,0.8,80,good,,,,no,good,no',
      'Sam Lee,2026-11-27,Squat,Side,back-squat.mp4,2,3,3.9,4.8,1.8,0.9,0.9,105,bad,,,,no,bad,no',
      'Sam Lee,2026-11-27,Squat,Side,back-squat.mp4,3,5.2,6,6.9,1.7,0.8,0.9,,,170,,,no,neutral,no',
    ]);
  });

  it('writes "not measured" with no opinion for a missing value, flags low-confidence and edited reps', () => {
    const rep = {
      startTimestampMs: 0, midTimestampMs: 500, endTimestampMs: 1000, confidence: 0.3, edited: true,
      analyses: [{ analysisType: 'HIP_SAG_DEGREES', analysisScalar: null, analysisOpinion: 'bad' as const }],
    };
    const [header, row] = parseCsv(repsToCsv([rep]));
    expect(header.slice(12)).toEqual(['Hip sag (°)', 'Hip sag opinion', 'Confidence', 'Check this rep', 'Rep opinion', 'Edited by coach']);
    expect(row.join(',')).toBe(',,,,,1,0,0.5,1,1,0.5,0.5,not measured,,0.3,yes,neutral,yes');
  });

  it('names the file after the video', () => {
    expect(csvFilename('Back squat 1.mp4')).toBe('Back squat 1-reps.csv');
    expect(csvFilename('a/b:c.mov')).toBe('a_b_c-reps.csv');
    expect(csvFilename(null)).toBe('video-reps.csv');
  });
});
