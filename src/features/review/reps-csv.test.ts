import { describe, expect, it } from 'vitest';
import { completeAnalysis } from '../../test/fixtures.ts';
import { csvField, csvFilename, repsToCsv } from './reps-csv.ts';

describe('reps CSV', () => {
  it('has one row per rep with readable headers, seconds, every analysis once and opinions', () => {
    const lines = repsToCsv(completeAnalysis().reps).trimEnd().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe(
      'Rep,Start (s),Mid (s),End (s),Descent (s),Ascent (s),Squat depth (°),Squat depth opinion,Rep duration (s),Rep duration opinion,Elbow wrist angle (°),Elbow wrist angle opinion,Confidence,Check this rep,Opinion',
    );
    expect(lines[1]).toBe('1,1,1.8,2.6,0.8,0.8,80,good,1.6,,,,,no,good');
    expect(lines[2]).toBe('2,3,3.9,4.8,0.9,0.9,105,bad,1.8,,,,,no,bad');
    expect(lines[3]).toBe('3,5.2,6,6.9,0.8,0.9,,,,,170,,,no,neutral');
  });

  it('writes "not measured" with no opinion for a missing value, and flags low-confidence reps', () => {
    const rep = {
      startTimestampMs: 0, midTimestampMs: 500, endTimestampMs: 1000, confidence: 0.3,
      analyses: [{ analysisType: 'HIP_SAG_DEGREES', analysisScalar: null, analysisOpinion: null }],
    };
    const [header, row] = repsToCsv([rep]).trimEnd().split('\r\n');
    expect(header).toContain('Hip sag (°),Hip sag opinion');
    expect(row).toBe('1,0,0.5,1,1,0.5,0.5,not measured,,0.3,yes,neutral');
  });

  it('escapes commas, quotes and newlines, and defuses formulas', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=cmd()')).toBe("'=cmd()");
    expect(csvField(-5)).toBe('-5');
    expect(csvField(null)).toBe('');
  });

  it('names the file after the video', () => {
    expect(csvFilename('Back squat 1.mp4')).toBe('Back squat 1-reps.csv');
    expect(csvFilename('a/b:c.mov')).toBe('a_b_c-reps.csv');
    expect(csvFilename(null)).toBe('video-reps.csv');
  });
});
