/**
 * Writes a synthetic exercise video and its ground truth beside it.
 *   npm run fixtures -- --activity squat --reps 5 --out e2e/fixtures/squat.mp4
 * Options: --fps 30 --width 640 --height 480 --facing right|left --depth -10[,5,...]
 *          --descent-ms --ascent-ms --bottom-pause-ms --top-pause-ms --no-person
 *          --partial 1[,3]   movement indices (0-based, over reps + partials) done as partial reps
 *          --scale 0.6 --shift -0.2   body size and horizontal position
 *          --background plain|busy --noise 15 (per-pixel, per frame) --crf 35 (compression)
 *          --walk (walk in and out: squats, deadlifts) --rest-after 2 --rest-ms 4000 [--rest-leave]
 *          --rotate 90|270 (stored rotated with a rotation tag) --seed 7
 *          --yaw 45 (camera turned from the side: 45 oblique, 90 front) --standing-start (deadlift)
 */
import { parseArgs } from 'node:util';
import { generateVideo, makeNoPersonVideo, truthPathOf } from './fixtures/generate.ts';
import { FIXTURE_ACTIVITIES, type FixtureActivity } from './fixtures/motion.ts';

const { values } = parseArgs({
  options: {
    activity: { type: 'string', default: 'squat' },
    reps: { type: 'string', default: '5' },
    out: { type: 'string' },
    fps: { type: 'string' },
    width: { type: 'string' },
    height: { type: 'string' },
    facing: { type: 'string', default: 'right' },
    depth: { type: 'string' },
    'descent-ms': { type: 'string' },
    'ascent-ms': { type: 'string' },
    'bottom-pause-ms': { type: 'string' },
    'top-pause-ms': { type: 'string' },
    'no-person': { type: 'boolean', default: false },
    partial: { type: 'string' },
    scale: { type: 'string' },
    shift: { type: 'string' },
    background: { type: 'string' },
    noise: { type: 'string' },
    crf: { type: 'string' },
    walk: { type: 'boolean', default: false },
    'rest-after': { type: 'string' },
    'rest-ms': { type: 'string' },
    'rest-leave': { type: 'boolean', default: false },
    rotate: { type: 'string' },
    seed: { type: 'string' },
    yaw: { type: 'string' },
    'standing-start': { type: 'boolean', default: false },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
const out = values.out ?? fail('--out path.mp4 is required');
const started = Date.now();

if (values['no-person']) {
  await makeNoPersonVideo(out, { fps: num(values.fps), width: num(values.width), height: num(values.height) });
  console.log(`${out}: no-person video in ${Date.now() - started} ms`);
} else {
  const activity = values.activity as FixtureActivity;
  if (!FIXTURE_ACTIVITIES.includes(activity)) fail(`--activity must be one of ${FIXTURE_ACTIVITIES.join(', ')}`);
  if (values.facing !== 'left' && values.facing !== 'right') fail('--facing must be left or right');
  const tempo = Object.fromEntries(
    Object.entries({
      descentMs: num(values['descent-ms']),
      ascentMs: num(values['ascent-ms']),
      bottomPauseMs: num(values['bottom-pause-ms']),
      topPauseMs: num(values['top-pause-ms']),
    }).filter(([, v]) => v !== undefined),
  );
  const truth = await generateVideo({
    outPath: out,
    activity,
    reps: Number(values.reps),
    fps: num(values.fps),
    width: num(values.width),
    height: num(values.height),
    facing: values.facing,
    depth: values.depth?.split(',').map(Number),
    tempo,
    partial: values.partial?.split(',').map(Number),
    scale: num(values.scale),
    shift: num(values.shift),
    background: values.background === 'busy' ? 'busy' : 'plain',
    noise: num(values.noise),
    crf: num(values.crf),
    walk: values.walk,
    rest: values['rest-after'] ? { afterRep: Number(values['rest-after']), ms: num(values['rest-ms']) ?? 4000, leave: values['rest-leave'] } : undefined,
    rotate: values.rotate === '90' ? 90 : values.rotate === '270' ? 270 : 0,
    seed: num(values.seed),
    yaw: num(values.yaw),
    ...(values['standing-start'] ? { floorStart: false } : {}),
  });
  console.log(
    `${out}: ${truth.reps.length} ${activity} reps (+${truth.partialReps} partial), ${(truth.durationMs / 1000).toFixed(1)} s, ` +
      `generated in ${Date.now() - started} ms; truth in ${truthPathOf(out)}`,
  );
}
