import { describe, expect, it } from 'vitest';
import { completeAnalysis } from '../../test/fixtures.ts';
import { csvField, csvFilename, repsToCsv } from './reps-csv.ts';

describe('reps CSV', () => {
  it('has one row per rep with times in seconds, every analysis and opinions', () => {
    const lines = repsToCsv(completeAnalysis().reps).trimEnd().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe(
      'rep,start_s,mid_s,end_s,duration_s,descent_s,ascent_s,HIP_KNEE_ANGLE_DEGREES,HIP_KNEE_ANGLE_DEGREES_opinion,REP_DURATION_MS,REP_DURATION_MS_opinion,ELBOW_WRIST_ANGLE_DEGREES,ELBOW_WRIST_ANGLE_DEGREES_opinion,opinion',
    );
    expect(lines[1]).toBe('1,1,1.8,2.6,1.6,0.8,0.8,80,good,1600,,,,good');
    expect(lines[2]).toBe('2,3,3.9,4.8,1.8,0.9,0.9,105,bad,1800,,,,bad');
    expect(lines[3]).toBe('3,5.2,6,6.9,1.7,0.8,0.9,,,,,170,,neutral');
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
