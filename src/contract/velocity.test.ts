import { describe, expect, it } from 'vitest';
import { j2pOf, standing, squatSet as set, SYNTHETIC } from './synthetic-joints.ts';
import {
  concentricVelocity, standingStatureInPixels, meanVelocityType, setVelocity, statureInPixels, VELOCITY_LOSS_TYPE, withVelocity,
} from './velocity.ts';

const { W, H, S } = SYNTHETIC;
const HEIGHT_CM = 180;
const M_PER_PX = HEIGHT_CM / 100 / S;

describe('statureInPixels', () => {
  it('reads stature from the segments, the median of their estimates', () => {
    const { poseAt, seconds } = set([300]);
    // The torso leans (10 px sideways), so it alone reads long; the median is the others' exact one.
    expect(statureInPixels(j2pOf(seconds, poseAt), W, H)).toBeCloseTo(S, 0);
    // A thigh read 25% long (the hip placed on a bench) does not move it either.
    const longThigh = j2pOf(seconds, (ms) => {
      const pose = poseAt(ms);
      return { ...pose, Hip: { x: pose.Hip!.x, y: pose.Hip!.y - 0.25 * 0.245 * S } };
    });
    expect(statureInPixels(longThigh, W, H)! / S - 1).toBeLessThan(0.03);
  });

  it('reads a standing stature from the ankles to eye level, the top decile of the set (standing frames)', () => {
    // Half the frames crouched 60 px lower at the head: the standing height still wins.
    const j2p = j2pOf(3, (ms) => {
      const pose = standing(0);
      return ms < 1500 ? pose : { ...pose, nose: { x: 340, y: pose.nose!.y + 60 }, Eye: { x: 340, y: pose.nose!.y + 60 } };
    });
    expect(standingStatureInPixels(j2p, W, H)).toBeCloseTo(S, 0);
    expect(standingStatureInPixels(j2pOf(3, () => standing(0, { headless: true })), W, H)).toBeNull();
  });

  it('is null without the legs', () => {
    const j2p = j2pOf(2, () => ({ Shoulder: { x: 1, y: 1 }, Hip: { x: 1, y: 100 } }));
    expect(statureInPixels(j2p, W, H)).toBeNull();
  });
});

describe('setVelocity', () => {
  it('measures the mean concentric velocity of the shoulders in m/s with the height', () => {
    const { reps, seconds, poseAt } = set([300, 300]);
    const v = setVelocity({ jointToPoints: j2pOf(seconds, poseAt), width: W, height: H, activity: 'squat', reps, heightCm: HEIGHT_CM })!;
    expect(v.unit).toBe('m/s');
    expect(v.point).toBe('shoulders');
    expect(v.approximate).toBe(false);
    // The same rise in a push-up is measured, but not vouched for as an absolute speed from the
    // keypoints; it is when the engine followed the tracked shoulder by its image.
    const pushUp = (followedJoint?: string) =>
      setVelocity({ jointToPoints: j2pOf(seconds, poseAt), followedJoint, width: W, height: H, activity: 'push_up', reps, heightCm: HEIGHT_CM })?.approximate;
    expect(pushUp()).toBe(true);
    expect(pushUp('leftShoulder')).toBe(false);
    expect(pushUp('leftWrist')).toBe(true);
    for (const rep of v.reps) {
      expect(rep.mean! / (300 * M_PER_PX)).toBeCloseTo(1, 1);
      expect(rep.peak!).toBeGreaterThanOrEqual(rep.mean! * 0.98);
      // The path runs over the whole rep, in normalised coordinates.
      expect(rep.path[0].t).toBeGreaterThanOrEqual(reps[0].startTimestampMs);
      expect(Math.max(...rep.path.map((p) => p.y)) - Math.min(...rep.path.map((p) => p.y))).toBeCloseTo(150 / H, 2);
    }
    // A bottom placed late (into the rise) measures the same rise.
    const late = reps.map((r) => ({ ...r, midTimestampMs: r.midTimestampMs + 250 }));
    const again = setVelocity({ jointToPoints: j2pOf(seconds, poseAt), width: W, height: H, activity: 'squat', reps: late, heightCm: HEIGHT_CM })!;
    expect(again.reps.map((r) => r.mean)).toEqual(v.reps.map((r) => r.mean));
  });

  it('answers in body heights per second without a height', () => {
    const { reps, seconds, poseAt } = set([240]);
    const v = setVelocity({ jointToPoints: j2pOf(seconds, poseAt), width: W, height: H, activity: 'squat', reps })!;
    expect(v.unit).toBe('BH/s');
    expect(v.reps[0].mean! / (240 / S)).toBeCloseTo(1, 1);
  });

  it("times a deadlift's pull from its start to its lockout, on the hands", () => {
    // The pull is the rep's first part: stand up from `depth` in 0.6 s (eased), then lower slowly.
    const depth = 120;
    const rep = { startTimestampMs: 1000, midTimestampMs: 1600, endTimestampMs: 3600 };
    const dropAt = (ms: number) => {
      if (ms <= rep.startTimestampMs) return depth;
      if (ms <= rep.midTimestampMs) return (depth * (1 + Math.cos((Math.PI * (ms - 1000)) / 600))) / 2;
      return Math.min(depth, ((ms - rep.midTimestampMs) / (rep.endTimestampMs - rep.midTimestampMs)) * depth);
    };
    const j2p = j2pOf(4.5, (ms) => standing(dropAt(ms)));
    const v = setVelocity({ jointToPoints: j2p, width: W, height: H, activity: 'deadlift', reps: [rep], heightCm: HEIGHT_CM })!;
    expect(v.point).toBe('hands');
    // An eased rise passes 10% and 90% at 0.205 and 0.795 of its time.
    const between = (Math.acos(-0.8) - Math.acos(0.8)) / Math.PI;
    expect(v.reps[0].mean! / (((0.8 * depth) / (between * 0.6)) * M_PER_PX)).toBeCloseTo(1, 1);
  });

  it('finds the velocity loss from the fastest rep and the first rep under the threshold', () => {
    const { reps, seconds, poseAt } = set([300, 330, 290, 250, 220]);
    const v = setVelocity({ jointToPoints: j2pOf(seconds, poseAt), width: W, height: H, activity: 'squat', reps, heightCm: HEIGHT_CM, thresholdPct: 20 })!;
    // Rep 2 is the fastest; 250 is 24% under 330.
    expect(v.loss).toMatchObject({ fastest: 1, last: 4 });
    expect(v.loss!.pct).toBeCloseTo((1 - 220 / 330) * 100, -0.5);
    expect(v.firstBelow).toBe(3);
    expect(v.reps[0].lossPct).toBe(0);
    const strict = setVelocity({ jointToPoints: j2pOf(seconds, poseAt), width: W, height: H, activity: 'squat', reps, thresholdPct: 40 })!;
    expect(strict.firstBelow).toBeNull();
  });

  it('is null for an activity without a tracked point or without a frame size', () => {
    const { reps, seconds, poseAt } = set([300]);
    const j2p = j2pOf(seconds, poseAt);
    expect(setVelocity({ jointToPoints: j2p, width: W, height: H, activity: 'snatch', reps })).toBeNull();
    expect(setVelocity({ jointToPoints: j2p, width: 0, height: H, activity: 'squat', reps })).toBeNull();
  });

  it('leaves a rep where the point did not rise unmeasured', () => {
    const v = setVelocity({
      jointToPoints: j2pOf(3, () => standing(0)), width: W, height: H, activity: 'squat',
      reps: [{ startTimestampMs: 500, midTimestampMs: 1000, endTimestampMs: 2000 }],
    })!;
    expect(v.reps[0]).toMatchObject({ mean: null, peak: null, concentric: null });
    expect(v.loss).toBeNull();
  });
});

describe('concentricVelocity', () => {
  it('times 10% to 90% of the rise, so pauses at either end do not count', () => {
    // 100 px up in 0.5 s, with a second's pause below and above.
    const track = Array.from({ length: 251 }, (_, i) => {
      const t = i * 10;
      return { t, x: 0, y: t < 1000 ? 200 : t < 1500 ? 200 - (t - 1000) / 5 : 100 };
    });
    const v = concentricVelocity(track, 0, 2500, 2500, 10)!;
    expect(v.mean).toBeCloseTo(200, 5);
    expect(v.fromMs).toBeCloseTo(1050, 5);
    expect(v.toMs).toBeCloseTo(1450, 5);
    expect(concentricVelocity(track, 0, 2500, 2500, 150)).toBeNull();
  });
});

describe('withVelocity', () => {
  it("adds RepLens's analyses beside Guru's and replaces earlier ones", () => {
    const { reps, seconds, poseAt } = set([300, 240]);
    const v = setVelocity({ jointToPoints: j2pOf(seconds, poseAt), width: W, height: H, activity: 'squat', reps, heightCm: HEIGHT_CM });
    const guru = reps.map((r) => ({ ...r, analyses: [{ analysisType: 'HIP_KNEE_ANGLE_DEGREES', analysisScalar: -5, analysisOpinion: 'good' as const }] }));
    const once = withVelocity(guru, v);
    const twice = withVelocity(once, v);
    expect(twice[1].analyses.map((a) => a.analysisType)).toEqual([
      'HIP_KNEE_ANGLE_DEGREES', meanVelocityType('m/s'), 'PEAK_CONCENTRIC_VELOCITY_M_PER_S', VELOCITY_LOSS_TYPE,
    ]);
    expect(twice[1].analyses[3].analysisScalar).toBeCloseTo(20, -0.5);
    expect(twice[1].analyses.every((a) => a.analysisType === 'HIP_KNEE_ANGLE_DEGREES' || a.analysisOpinion === null)).toBe(true);
    expect(withVelocity(guru, null)).toEqual(guru);
  });
});
