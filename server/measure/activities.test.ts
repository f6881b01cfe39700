import { describe, expect, it } from 'vitest';
import { domainFor, inferActivity, specOf, type BodySummary } from './activities.ts';

const upright = { torsoElevation: 80, wristBelowShoulder: 0.2 };

describe('inferActivity', () => {
  it('tells squats from hinges by how much the knee bends relative to the hip', () => {
    expect(inferActivity({ ...upright, kneeRange: 125, hipRange: 140 }, null)).toBe('squat');
    expect(inferActivity({ ...upright, kneeRange: 47, hipRange: 110 }, null)).toBe('deadlift');
    expect(inferActivity({ ...upright, kneeRange: 10, hipRange: 12 }, null)).toBeNull();
  });
  it('tells push-ups from bench presses by where the hands are', () => {
    const lying: BodySummary = { torsoElevation: 15, wristBelowShoulder: 0.15, kneeRange: 5, hipRange: 5 };
    expect(inferActivity(lying, null)).toBe('push_up');
    expect(inferActivity({ ...lying, wristBelowShoulder: -0.2 }, null)).toBe('bench_press');
  });
  it('stays inside the given domain', () => {
    const squat: BodySummary = { ...upright, kneeRange: 125, hipRange: 140 };
    expect(inferActivity(squat, 'calisthenics')).toBe('bodyweight_squat');
    expect(inferActivity(squat, 'weightlifting')).toBe('squat');
    expect(inferActivity({ ...upright, kneeRange: 47, hipRange: 110 }, 'calisthenics')).toBeNull();
  });
});

describe('specOf and domainFor', () => {
  it('knows the measurable activities only', () => {
    expect(specOf('squat')?.driver).toBe('knee');
    expect(specOf('deadlift')?.driver).toBe('hip');
    expect(specOf('push_up')?.driver).toBe('elbow');
    expect(specOf('burpee')).toBeUndefined();
    expect(specOf('toString')).toBeUndefined();
  });
  it('derives the domain from the activity unless one was given', () => {
    expect(domainFor('push_up', null)).toBe('calisthenics');
    expect(domainFor('squat', 'calisthenics')).toBe('calisthenics');
  });
});
