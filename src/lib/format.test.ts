import { describe, expect, it } from 'vitest';
import { describeAnalysisType, formatAnalysisValue, formatClock, humanize, parseClock, setsAhead } from './format.ts';

describe('describeAnalysisType', () => {
  it('humanises any type and reads the unit from its suffix', () => {
    expect(describeAnalysisType('HIP_KNEE_ANGLE_DEGREES')).toEqual({ label: 'Squat depth', unit: '°' });
    expect(describeAnalysisType('BAR_PATH_SINUOSITY_PERCENTAGE')).toEqual({ label: 'Bar path sinuosity', unit: '%' });
    expect(describeAnalysisType('DESCENT_MS')).toEqual({ label: 'Descent', unit: 'ms' });
    expect(describeAnalysisType('SOMETHING_NEW')).toEqual({ label: 'Something new', unit: '' });
  });

  it('formats values with their units and tolerates missing numbers', () => {
    expect(formatAnalysisValue('KNEE_ANGLE_DEGREES', 92.34)).toBe('92.3°');
    expect(formatAnalysisValue('HIP_KNEE_ANGLE_DEGREES', -12)).toBe('-12°');
    expect(formatAnalysisValue('REP_DURATION_MS', 1850)).toBe('1.85 s');
    expect(formatAnalysisValue('BAR_PATH_SINUOSITY_PERCENTAGE', 3.2)).toBe('3.2%');
    expect(formatAnalysisValue('ANYTHING', null)).toBe('—');
    expect(formatClock(83_450)).toBe('1:23.4');
    expect(humanize('bench_press')).toBe('Bench press');
  });
});

describe('parseClock', () => {
  it('reads what formatClock writes, and plain seconds', () => {
    for (const ms of [0, 1000, 12_300, 83_400, 600_000]) expect(parseClock(formatClock(ms))).toBe(ms);
    expect(parseClock(' 0:05 ')).toBe(5000);
    expect(parseClock('1:02.25')).toBe(62_250);
    expect(parseClock('12.5')).toBe(12_500);
    expect(parseClock('90')).toBe(90_000);
  });

  it('refuses anything else', () => {
    for (const text of ['', ':', '1:', '1:60', '-1', '0:-5', '1:2:3', '1e3', 'abc', '0:05.1234', 'Infinity', '0x10']) expect(parseClock(text), text).toBeNull();
  });
});

describe('setsAhead', () => {
  it('says how many sets the local Guru analyses first, and nothing once it runs', () => {
    expect(setsAhead(2)).toBe('2 sets ahead of this one');
    expect(setsAhead(1)).toBe('1 set ahead of this one');
    expect(setsAhead(0)).toBe('next in line, waiting for a free analysis worker');
    expect(setsAhead(undefined)).toBeNull();
    expect(setsAhead(null)).toBeNull();
  });
});
