/**
 * Analysis engine benchmark: accuracy on generated videos with exact ground truth, speed at 720p
 * through the worker pool, and peak memory on a 5-minute 1080p video.
 *   npm run bench analysis            (BENCH_ANALYSIS_SKIP_MEMORY=1 skips the 5-minute video)
 *   BENCH_ANALYSIS_KEEP=dir keeps the generated videos and their .truth.json files.
 *   BENCH_ANALYSIS_ONLY=accuracy,real,speed,memory,velocity,workers runs only those parts.
 * "workers" times analysis throughput with 1 vs 2 worker processes on PostgreSQL (analysis-workers.ts).
 *   BENCH_ANALYSIS_RUNS=3 single-job runs per speed video (medians); the speed part also times the
 *   real clips in BENCH_REALFOOTAGE (default ../shared/realfootage, with its truth.json) when present.
 * "real" judges those real clips (see real-footage.ts), skipped when absent.
 *
 * The accuracy set has two halves. "dev" holds the cases the engine's thresholds were tuned on
 * (or that are close variants of them); "held-out" cases were written with new seeds, tempos,
 * frame rates, sizes and distraction mixes and run only to be reported, never to tune.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ffmpeg from '@ffmpeg-installer/ffmpeg';
import { createAnalysisPool } from '../../server/analysis/pool.ts';
import type { AnalysisOutcome } from '../../server/analysis/types.ts';
import { generateVideo, type GenerateOptions, type GroundTruth } from '../fixtures/generate.ts';
import { benchAnalysisWorkers } from './analysis-workers.ts';
import { benchRealFootage, FOOTAGE, realFootage } from './real-footage.ts';
import { benchVelocity } from './velocity.ts';

interface Table {
  title: string;
  header: string[];
  rows: string[][];
}

type Split = 'dev' | 'held-out';
interface BenchCase extends Omit<GenerateOptions, 'outPath'> {
  name: string;
  split: Split;
  /** Noise, compression, clutter, partial reps, walking in/out, rests: anything but a clean set. */
  noisy: boolean;
}

const busy = { background: 'busy' as const };
const grain = (seed: number, noise = 14, crf = 33) => ({ noise, crf, seed });

export const ACCURACY_CASES: BenchCase[] = [
  // dev: clean
  { name: 'squat-r', split: 'dev', noisy: false, activity: 'squat', reps: 4 },
  { name: 'squat-l-depths', split: 'dev', noisy: false, activity: 'squat', reps: 4, facing: 'left', depth: [15, 0, -10, -20] },
  { name: 'squat-pauses', split: 'dev', noisy: false, activity: 'squat', reps: 3, tempo: { bottomPauseMs: 1200, topPauseMs: 2500 } },
  { name: 'squat-fast', split: 'dev', noisy: false, activity: 'squat', reps: 5, tempo: { descentMs: 550, ascentMs: 450, bottomPauseMs: 0, topPauseMs: 200 } },
  { name: 'deadlift-r', split: 'dev', noisy: false, activity: 'deadlift', reps: 3 },
  { name: 'bench-l', split: 'dev', noisy: false, activity: 'bench_press', reps: 3, facing: 'left' },
  { name: 'pushup-l', split: 'dev', noisy: false, activity: 'push_up', reps: 4, facing: 'left' },
  { name: 'bwsquat-portrait', split: 'dev', noisy: false, activity: 'bodyweight_squat', reps: 3, width: 480, height: 854 },
  // dev: noisy / distractions
  { name: 'squat-busy-grain', split: 'dev', noisy: true, activity: 'squat', reps: 3, ...busy, ...grain(3, 20, 32) },
  { name: 'deadlift-walk', split: 'dev', noisy: true, activity: 'deadlift', reps: 3, walk: true },
  { name: 'pushup-partial', split: 'dev', noisy: true, activity: 'push_up', reps: 3, partial: [0], scale: 0.6, shift: 0.2, ...busy },
  { name: 'bench-grain', split: 'dev', noisy: true, activity: 'bench_press', reps: 3, ...grain(5, 18, 36) },
  { name: 'squat-rest-leave', split: 'dev', noisy: true, activity: 'squat', reps: 3, walk: true, rest: { afterRep: 2, ms: 3000, leave: true } },
  { name: 'deadlift-rot90-partial', split: 'dev', noisy: true, activity: 'deadlift', reps: 3, width: 480, height: 854, rotate: 90, partial: [1] },
  // held-out: clean
  { name: 'ho-squat-l-24fps', split: 'held-out', noisy: false, activity: 'squat', reps: 4, facing: 'left', fps: 24, depth: [-5, -15, 5, -25] },
  { name: 'ho-squat-60fps', split: 'held-out', noisy: false, activity: 'squat', reps: 3, fps: 60, tempo: { descentMs: 800, ascentMs: 700 } },
  { name: 'ho-deadlift-l-pause', split: 'held-out', noisy: false, activity: 'deadlift', reps: 3, facing: 'left', depth: [60, 75, 80], tempo: { bottomPauseMs: 700, topPauseMs: 1500 } },
  { name: 'ho-bench-r-24fps', split: 'held-out', noisy: false, activity: 'bench_press', reps: 4, fps: 24, depth: [70, 80, 90, 65] },
  { name: 'ho-pushup-r-fast', split: 'held-out', noisy: false, activity: 'push_up', reps: 5, tempo: { descentMs: 600, ascentMs: 500, bottomPauseMs: 0, topPauseMs: 250 } },
  { name: 'ho-bwsquat-rot270', split: 'held-out', noisy: false, activity: 'bodyweight_squat', reps: 3, facing: 'left', width: 480, height: 640, rotate: 270 },
  { name: 'ho-squat-small-left', split: 'held-out', noisy: false, activity: 'squat', reps: 3, scale: 0.65, shift: -0.18 },
  { name: 'ho-pushup-l-deep', split: 'held-out', noisy: false, activity: 'push_up', reps: 3, facing: 'left', depth: [70, 90, 60], tempo: { bottomPauseMs: 600 } },
  { name: 'ho-deadlift-r-fast', split: 'held-out', noisy: false, activity: 'deadlift', reps: 4, tempo: { descentMs: 700, ascentMs: 600, bottomPauseMs: 100, topPauseMs: 400 } },
  // held-out: noisy / distractions
  { name: 'ho-squat-walk-partial-busy', split: 'held-out', noisy: true, activity: 'squat', reps: 3, walk: true, partial: [2], ...busy, seed: 11 },
  { name: 'ho-deadlift-busy-grain', split: 'held-out', noisy: true, activity: 'deadlift', reps: 3, facing: 'left', ...busy, ...grain(12, 16, 36) },
  { name: 'ho-bench-busy-partial', split: 'held-out', noisy: true, activity: 'bench_press', reps: 3, partial: [1, 3], ...busy, seed: 13 },
  { name: 'ho-pushup-busy-grain', split: 'held-out', noisy: true, activity: 'push_up', reps: 4, ...busy, ...grain(14, 22, 34) },
  { name: 'ho-bwsquat-rest-grain', split: 'held-out', noisy: true, activity: 'bodyweight_squat', reps: 4, facing: 'left', walk: true, rest: { afterRep: 2, ms: 3500, leave: true }, ...grain(15) },
  { name: 'ho-squat-rot90-busy', split: 'held-out', noisy: true, activity: 'squat', reps: 3, width: 480, height: 854, rotate: 90, ...busy, seed: 16 },
  { name: 'ho-deadlift-partial-rest', split: 'held-out', noisy: true, activity: 'deadlift', reps: 3, partial: [0], rest: { afterRep: 1, ms: 4000 }, ...grain(17, 10, 30) },
  { name: 'ho-pushup-small-busy', split: 'held-out', noisy: true, activity: 'push_up', reps: 3, facing: 'left', scale: 0.55, shift: -0.15, ...busy, seed: 18 },
  { name: 'ho-squat-60fps-grain', split: 'held-out', noisy: true, activity: 'squat', reps: 3, facing: 'left', fps: 60, ...grain(19, 20, 35) },
];

/** Bottom angles compared with the truth, when the activity reports them. */
const COMPARED = ['HIP_KNEE_ANGLE_DEGREES', 'KNEE_ANGLE_DEGREES', 'HIP_ANGLE_DEGREES', 'ELBOW_ANGLE_DEGREES', 'TORSO_LEAN_DEGREES'];

interface Scored {
  c: BenchCase;
  truth: GroundTruth;
  outcome: AnalysisOutcome;
  bottomErrorsMs: number[];
  angleErrors: Record<string, number[]>;
}

function score(c: BenchCase, truth: GroundTruth, outcome: AnalysisOutcome): Scored {
  const bottomErrorsMs: number[] = [];
  const angleErrors: Record<string, number[]> = {};
  const used = new Set<number>();
  // Each true rep matches the nearest unused found rep whose bottom lies within 1 s.
  for (const t of truth.reps) {
    let best = -1;
    outcome.reps.forEach((r, i) => {
      if (used.has(i)) return;
      const d = Math.abs((r.midTimestampMs ?? NaN) - t.bottomMs);
      if (d <= 1000 && (best < 0 || d < Math.abs((outcome.reps[best].midTimestampMs ?? NaN) - t.bottomMs))) best = i;
    });
    if (best < 0) continue;
    used.add(best);
    const rep = outcome.reps[best];
    bottomErrorsMs.push(Math.abs(rep.midTimestampMs! - t.bottomMs));
    for (const a of rep.analyses) {
      const want = t.atBottom[a.analysisType];
      if (COMPARED.includes(a.analysisType) && a.analysisScalar != null && want !== undefined) {
        (angleErrors[a.analysisType] ??= []).push(Math.abs(a.analysisScalar - want));
      }
    }
  }
  return { c, truth, outcome, bottomErrorsMs, angleErrors };
}

const log = (msg: string) => process.stderr.write(`[bench analysis] ${msg}\n`);
const mean = (v: number[]) => (v.length ? v.reduce((s, x) => s + x, 0) / v.length : NaN);
const median = (v: number[]) => {
  if (!v.length) return NaN;
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '-');
const f0 = (x: number) => (Number.isFinite(x) ? x.toFixed(0) : '-');
const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(0)}%` : '-');

async function accuracy(dir: string): Promise<Table[]> {
  const t0 = performance.now();
  const truths = new Map<string, GroundTruth>();
  // Two at a time: the rasteriser and the encoder each keep about one core busy.
  let next = 0;
  await Promise.all([0, 1].map(async () => {
    while (next < ACCURACY_CASES.length) {
      const c = ACCURACY_CASES[next++];
      const { name: _n, split: _s, noisy: _x, ...gen } = c;
      truths.set(c.name, await generateVideo({ ...gen, outPath: path.join(dir, `${c.name}.mp4`) }));
      log(`generated ${truths.size}/${ACCURACY_CASES.length} ${c.name}`);
    }
  }));
  log(`generation took ${((performance.now() - t0) / 1000).toFixed(0)} s; analysing on 2 worker threads`);
  const pool = createAnalysisPool({ threads: 2 });
  let done = 0;
  let scored: Scored[];
  try {
    scored = await Promise.all(ACCURACY_CASES.map(async (c) => {
      const outcome = await pool.analyze(path.join(dir, `${c.name}.mp4`), { activity: c.activity });
      const truth = truths.get(c.name)!;
      log(`analysed ${++done}/${ACCURACY_CASES.length} ${c.name}: ${outcome.status} ${outcome.reps.length}/${truth.reps.length} reps`);
      return score(c, truth, outcome);
    }));
  } finally {
    await pool.close();
  }

  const perVideo: Table = {
    title: `Analysis accuracy per generated video (${scored.length} videos; bottom error and angle error over matched reps)`,
    header: ['video', 'split', 'kind', 'activity', 'size@fps', 'reps true', 'found', 'partials', 'bottom max ms', 'angle MAE °', 'status'],
    rows: scored.map((s) => [
      s.c.name, s.c.split, s.c.noisy ? 'noisy' : 'clean', s.truth.activity,
      `${s.outcome.width}x${s.outcome.height}@${s.truth.fps}`,
      String(s.truth.reps.length), String(s.outcome.reps.length), String(s.truth.partialReps),
      f0(Math.max(...s.bottomErrorsMs)), f1(mean(Object.values(s.angleErrors).flat())),
      s.outcome.status + (s.outcome.reason ? ` ${s.outcome.reason}` : ''),
    ]),
  };

  const summaryRow = (label: string, set: Scored[]): string[] => {
    const exact = set.filter((s) => s.outcome.reps.length === s.truth.reps.length).length;
    const bottoms = set.flatMap((s) => s.bottomErrorsMs);
    const angles = set.flatMap((s) => Object.values(s.angleErrors).flat());
    return [
      label, String(set.length), set.length ? `${pct(exact / set.length)} (${exact}/${set.length})` : '-',
      f1(mean(set.map((s) => Math.abs(s.outcome.reps.length - s.truth.reps.length)))),
      f0(median(bottoms)), f0(bottoms.length ? Math.max(...bottoms) : NaN), f1(mean(angles)),
    ];
  };
  const of = (split: Split | null, noisy: boolean | null) =>
    scored.filter((s) => (split === null || s.c.split === split) && (noisy === null || s.c.noisy === noisy));
  const summary: Table = {
    title: 'Analysis accuracy summary (goals: clean 100% exact, noisy >= 95% exact, angle MAE <= 5°)',
    header: ['set', 'videos', 'exact count', 'count MAE', 'bottom median ms', 'bottom max ms', 'angle MAE °'],
    rows: [
      summaryRow('dev clean', of('dev', false)),
      summaryRow('dev noisy', of('dev', true)),
      summaryRow('held-out clean', of('held-out', false)),
      summaryRow('held-out noisy', of('held-out', true)),
      summaryRow('all clean', of(null, false)),
      summaryRow('all noisy', of(null, true)),
      summaryRow('all', scored),
    ],
  };
  const types = [...new Set(scored.flatMap((s) => Object.keys(s.angleErrors)))];
  const byAngle: Table = {
    title: 'Angle error at the bottom by analysis type (matched reps; absolute degrees)',
    header: ['analysis', 'reps', 'MAE dev', 'MAE held-out', 'max'],
    rows: types.map((t) => {
      const e = (split: Split | null) => of(split, null).flatMap((s) => s.angleErrors[t] ?? []);
      return [t, String(e(null).length), f1(mean(e('dev'))), f1(mean(e('held-out'))), f1(Math.max(...e(null)))];
    }),
  };
  return [perVideo, summary, byAngle];
}

const SPEED_CASES: BenchCase[] = (['squat', 'deadlift', 'bench_press', 'push_up'] as const).map((activity) => ({
  name: `speed-${activity}-720p30`, split: 'held-out', noisy: false, activity, reps: 4, width: 1280, height: 720, fps: 30,
}));

interface SpeedVideo {
  name: string;
  file: string;
  activity: string;
  durationMs: number;
  reps: number;
}

/** Real clips with counted reps, when the workplace has them (never part of the repo). */
function realClips(): SpeedVideo[] {
  return realFootage().map((t) => ({
    name: `real: ${t.file.replace(/\.\w+$/, '').slice(0, 40)}`, file: path.join(FOOTAGE, t.file), activity: t.activity, durationMs: 0, reps: t.reps,
  }));
}

/** CPU of this process (all threads) plus its reaped children (ffmpeg), in ms. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // cutime and cstime, in clock ticks (100 per second on Linux).
  return (user + system) / 1000 + (Number(f[13]) + Number(f[14])) * 10;
}

async function speed(dir: string): Promise<Table> {
  const videos: SpeedVideo[] = [];
  for (const c of SPEED_CASES) {
    const { name: _n, split: _s, noisy: _x, ...gen } = c;
    const file = path.join(dir, `${c.name}.mp4`);
    const truth = await generateVideo({ ...gen, outPath: file });
    videos.push({ name: c.name, file, activity: c.activity!, durationMs: truth.durationMs, reps: truth.reps.length });
  }
  videos.push(...realClips());
  const runs = Number(process.env.BENCH_ANALYSIS_RUNS ?? 3);
  log(`speed: ${videos.length} videos, ${runs} runs each; warming the pool`);
  const pool = createAnalysisPool({ threads: 2 });
  const rows: string[][] = [];
  const ratios: number[] = [];
  const cpuRatios: number[] = [];
  let inferences = 0;
  let frames = 0;
  let totalMs = 0;
  try {
    // Workers started and the model loaded, as a running server has them.
    await pool.warm();
    // One job at a time: the wait a coach has for one video (ffmpeg decodes on the other core).
    for (const v of videos) {
      const walls: number[] = [];
      const cpus: number[] = [];
      let o: AnalysisOutcome | undefined;
      for (let r = 0; r < runs; r++) {
        const [t0, c0] = [performance.now(), cpuMs()];
        o = await pool.analyze(v.file, { activity: v.activity });
        walls.push(performance.now() - t0);
        cpus.push(cpuMs() - c0);
      }
      const durationMs = v.durationMs || o!.durationMs;
      totalMs += durationMs;
      const sampled = o!.jointToPoints.nose?.length ?? 0;
      const [wall, cpu] = [median(walls), median(cpus)];
      ratios.push(wall / durationMs);
      cpuRatios.push(cpu / durationMs);
      inferences += o!.inferences ?? NaN;
      frames += sampled;
      rows.push([v.name, `${(durationMs / 1000).toFixed(1)} s`, `${(wall / 1000).toFixed(2)} s`, (wall / durationMs).toFixed(2),
        (cpu / durationMs).toFixed(2), String(sampled), ((o!.inferences ?? NaN) / sampled).toFixed(2), f1(cpu / sampled), `${o!.reps.length}/${v.reps}`]);
      log(`speed: ${v.name} wall/video ${(wall / durationMs).toFixed(2)}`);
    }
    // Every video at once on two workers: throughput when uploads queue up.
    const t0 = performance.now();
    await Promise.all(videos.map((v) => pool.analyze(v.file, { activity: v.activity })));
    const ms = performance.now() - t0;
    rows.push([`${videos.length} videos, 2 workers busy`, `${(totalMs / 1000).toFixed(1)} s`, `${(ms / 1000).toFixed(2)} s`, (ms / totalMs).toFixed(2), '-', '-', '-', '-', '-']);
  } finally {
    await pool.close();
  }
  rows.push(['MEDIAN / MAX (one job at a time)', '', '', `${median(ratios).toFixed(2)} / ${Math.max(...ratios).toFixed(2)}`,
    median(cpuRatios).toFixed(2), String(frames), (inferences / frames).toFixed(2), '', '']);
  // Other processes compete for the two cores: say how busy the machine was.
  rows.push([`load average at the end: ${loadavg().map((x) => x.toFixed(1)).join(' ')}`, '', '', '', '', '', '', '', '']);
  return {
    title: `Analysis speed through the worker pool, warmed, median of ${runs} runs (goals: wall/video median <= 0.25, max <= 0.5; `
      + 'inferences/frame <= 1.1; CPU includes ffmpeg)',
    header: ['video', 'duration', 'wall', 'wall/video', 'CPU/video', 'frames analysed', 'inferences/frame', 'CPU ms/frame', 'reps found/true'],
    rows,
  };
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} exited ${code}: ${err.slice(-500)}`))));
  });
}

/** Peak resident memory (kB) of every descendant process of `pid` seen so far, by command name. */
function watchDescendants(pid: number): { stop(): Record<string, number> } {
  const peaks: Record<string, number> = {};
  const tick = async () => {
    const all = await readdir('/proc').catch(() => [] as string[]);
    const parent = new Map<number, number>();
    const name = new Map<number, string>();
    for (const p of all) {
      if (!/^\d+$/.test(p)) continue;
      try {
        const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
        const close = stat.lastIndexOf(')');
        parent.set(Number(p), Number(stat.slice(close + 2).split(' ')[1]));
        name.set(Number(p), stat.slice(stat.indexOf('(') + 1, close));
      } catch { /* gone */ }
    }
    for (const [p] of parent) {
      let q: number | undefined = p;
      while (q && q !== pid) q = parent.get(q);
      if (q !== pid || p === pid) continue;
      try {
        const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1];
        const key = name.get(p) ?? String(p);
        if (hwm) peaks[key] = Math.max(peaks[key] ?? 0, Number(hwm));
      } catch { /* gone */ }
    }
  };
  const timer = setInterval(() => void tick(), 500);
  return { stop: () => (clearInterval(timer), peaks) };
}

async function memory(dir: string): Promise<Table> {
  const clip = path.join(dir, 'mem-clip.mp4');
  const long = path.join(dir, 'mem-5min-1080p.mp4');
  const truth = await generateVideo({ outPath: clip, activity: 'squat', reps: 3, tempo: { leadInMs: 500, leadOutMs: 500, topPauseMs: 500 } });
  const loops = Math.ceil(300_000 / truth.durationMs);
  log(`memory: looping a ${(truth.durationMs / 1000).toFixed(1)} s clip ${loops}x to 1920x1080 (ultrafast)`);
  const t0 = performance.now();
  await run(ffmpeg.path, [
    '-hide_banner', '-loglevel', 'error', '-y', '-stream_loop', String(loops - 1), '-i', clip, '-t', '300',
    '-vf', 'scale=1920:1080', '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '23', '-pix_fmt', 'yuv420p', long,
  ]);
  log(`memory: built in ${((performance.now() - t0) / 1000).toFixed(0)} s; analysing in a child process through a 1-thread pool`);
  const script = new URL(import.meta.url).pathname;
  const child = spawn(process.execPath, ['--import', 'tsx', script, '--memory-child', long], { stdio: ['ignore', 'pipe', 'inherit'] });
  const watch = watchDescendants(child.pid!);
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const peaks = watch.stop();
  if (code !== 0) throw new Error(`memory child exited ${code}: ${out}`);
  const r = JSON.parse(out.trim().split('\n').at(-1)!) as { maxRssKb: number; wallMs: number; reps: number; status: string; frames: number };
  // Reps that end inside the 300 s cut of the looped clip.
  let expected = 0;
  for (let k = 0; k < loops; k++) expected += truth.reps.filter((rep) => k * truth.durationMs + rep.endMs <= 300_000).length;
  const ffmpegPeak = Math.max(0, ...Object.entries(peaks).filter(([k]) => k.includes('ffmpeg')).map(([, v]) => v));
  return {
    title: 'Analysis memory: 5-minute 1920x1080 30 fps video (goal: peak RSS < 1 GB)',
    header: ['measure', 'value'],
    rows: [
      ['node process peak RSS (main + worker thread, maxRSS)', `${(r.maxRssKb / 1024).toFixed(0)} MB`],
      ['ffmpeg decoder peak RSS (separate process, VmHWM)', ffmpegPeak ? `${(ffmpegPeak / 1024).toFixed(0)} MB` : 'not sampled'],
      ['total peak (upper bound: sum)', `${((r.maxRssKb + ffmpegPeak) / 1024).toFixed(0)} MB`],
      ['analysis wall time', `${(r.wallMs / 1000).toFixed(0)} s (ratio ${(r.wallMs / 300_000).toFixed(2)})`],
      ['frames analysed / reps found / reps in the video', `${r.frames} / ${r.reps} / ${expected} (${r.status})`],
    ],
  };
}

export async function benchAnalysis(): Promise<Table | Table[]> {
  const keep = process.env.BENCH_ANALYSIS_KEEP;
  const dir = keep ?? (await mkdtemp(path.join(tmpdir(), 'replens-bench-analysis-')));
  if (keep) await mkdir(keep, { recursive: true });
  const started = performance.now();
  const only = process.env.BENCH_ANALYSIS_ONLY?.split(',');
  const want = (part: string) => !only || only.includes(part);
  try {
    const tables: Table[] = [];
    if (want('accuracy')) {
      tables.push(...(await accuracy(dir)));
      log(`accuracy done at ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
    if (want('real')) {
      tables.push(...(await benchRealFootage(dir)));
      log(`real footage done at ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
    if (want('velocity')) {
      tables.push(...(await benchVelocity(dir)));
      log(`velocity done at ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
    if (want('speed')) {
      tables.push(await speed(dir));
      log(`speed done at ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
    if (want('workers')) {
      tables.push(await benchAnalysisWorkers());
      log(`workers done at ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
    if (!want('memory')) {
      // Not asked for.
    } else if (process.env.BENCH_ANALYSIS_SKIP_MEMORY) {
      tables.push({ title: 'Analysis memory (skipped: BENCH_ANALYSIS_SKIP_MEMORY is set)', header: ['measure', 'value'], rows: [] });
    } else {
      tables.push(await memory(dir));
      log(`memory done at ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
    return tables;
  } finally {
    if (!keep) await rm(dir, { recursive: true, force: true });
  }
}

// Child mode for the memory case: analyse one file the way the server does, report peak RSS.
if (process.argv[2] === '--memory-child' && import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const pool = createAnalysisPool({ threads: 1 });
  const t0 = performance.now();
  const o = await pool.analyze(process.argv[3], { activity: 'squat' });
  const wallMs = performance.now() - t0;
  await pool.close();
  process.stdout.write(`${JSON.stringify({
    maxRssKb: process.resourceUsage().maxRSS, wallMs, reps: o.reps.length, status: o.status, frames: o.jointToPoints.nose?.length ?? 0,
  })}\n`);
} else if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  // Direct run: print the tables as JSON lines (npm run bench prints them as text).
  for (const t of [await benchAnalysis()].flat()) console.log(JSON.stringify(t));
}
