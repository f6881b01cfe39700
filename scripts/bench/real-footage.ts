/**
 * The engine on real people: the clips in ../shared/realfootage (or BENCH_REALFOOTAGE), read in
 * place and never copied into the repo. Per clip: count against the counted truth, the error of
 * each rep's bottom (lockout for deadlifts), the camera view found, rep confidences, and any
 * opinion on a value that was not measured (there must be none); their speed is in the speed part.
 * Then one real side-view squat re-encoded as phones write it, to show that the count and the
 * depth do not depend on the encoding.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ffmpeg from '@ffmpeg-installer/ffmpeg';
import { createAnalysisPool } from '../../server/analysis/pool.ts';
import type { AnalysisOutcome } from '../../server/analysis/types.ts';

interface Table {
  title: string;
  header: string[];
  rows: string[][];
}

interface TruthClip {
  file: string;
  domain: string;
  activity: string;
  reps: number;
  bottoms?: number[];
  lockouts?: number[];
  view: string;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FOOTAGE = path.resolve(process.env.BENCH_REALFOOTAGE ?? path.join(ROOT, '..', 'shared', 'realfootage'));

/** The real clips and their counted truth, or none where the workplace has no such folder. */
export function realFootage(): TruthClip[] {
  const truthFile = path.join(FOOTAGE, 'truth.json');
  return existsSync(truthFile) ? (JSON.parse(readFileSync(truthFile, 'utf8')) as TruthClip[]) : [];
}
/** The real side-view squat the encoding variants are made from. */
const VARIANT_SOURCE = 'rohanx01__Squat-Analysis-Model__squat.mp4';

const log = (msg: string) => process.stderr.write(`[bench real footage] ${msg}\n`);
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '-');
const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[s.length >> 1] : (s[(s.length >> 1) - 1] + s[s.length >> 1]) / 2) : NaN;
};

function run(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpeg.path, ['-hide_banner', '-loglevel', 'error', '-y', ...args], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg exited ${code}`))));
  });
}

/** Each true mid matched to the nearest found one (each used once); seconds. */
function midErrors(outcome: AnalysisOutcome, truth: number[]): number[] {
  const found = outcome.reps.map((r) => (r.midTimestampMs ?? NaN) / 1000);
  const used = new Set<number>();
  return truth.flatMap((t) => {
    let best = -1;
    found.forEach((f, i) => {
      if (!used.has(i) && (best < 0 || Math.abs(f - t) < Math.abs(found[best] - t))) best = i;
    });
    if (best < 0) return [];
    used.add(best);
    return [Math.abs(found[best] - t)];
  });
}

/** The activity's own bottom angle per rep, printed to judge by eye (none is known from truth). */
const BOTTOM_ANGLE: Record<string, string> = {
  squat: 'HIP_KNEE_ANGLE_DEGREES', bodyweight_squat: 'HIP_KNEE_ANGLE_DEGREES', deadlift: 'HIP_ANGLE_DEGREES',
  bench_press: 'ELBOW_ANGLE_DEGREES', push_up: 'ELBOW_ANGLE_DEGREES',
};
const bottomAngles = (o: AnalysisOutcome, activity: string) => o.reps
  .map((r) => r.analyses.find((a) => a.analysisType === BOTTOM_ANGLE[activity])?.analysisScalar)
  .map((v) => (typeof v === 'number' ? v.toFixed(0) : '-')).join(' ');

const depthsOf = (o: AnalysisOutcome) =>
  o.reps.map((r) => r.analyses.find((a) => a.analysisType === 'HIP_KNEE_ANGLE_DEGREES')?.analysisScalar ?? NaN);

export async function benchRealFootage(workDir: string): Promise<Table[]> {
  const clips = realFootage();
  if (!clips.length) {
    return [{ title: `Real footage (skipped: no ${FOOTAGE}/truth.json; set BENCH_REALFOOTAGE to a folder with one)`, header: ['clip'], rows: [] }];
  }
  const pool = createAnalysisPool({ threads: 2 });
  try {
    const rows: string[][] = [];
    let exact = 0;
    const originals = new Map<string, AnalysisOutcome>();
    const outcomes = await Promise.all(clips.map((clip) =>
      pool.analyze(path.join(FOOTAGE, clip.file), { domain: clip.domain, activity: clip.activity })));
    clips.forEach((clip, k) => {
      const outcome = outcomes[k];
      originals.set(clip.file, outcome);
      const errors = midErrors(outcome, clip.bottoms ?? clip.lockouts ?? []);
      if (outcome.reps.length === clip.reps) exact++;
      const judged = outcome.reps.flatMap((r) => r.analyses).filter((a) => a.analysisOpinion);
      const unmeasuredJudged = judged.filter((a) => typeof a.analysisScalar !== 'number').length;
      rows.push([
        clip.file.replace(/\.mp4$/, ''),
        `${outcome.reps.length}/${clip.reps}${outcome.reps.length === clip.reps ? '' : ' ✗'}`,
        `${f2(median(errors))} / ${f2(Math.max(...errors))}`,
        `${clip.view.split(/[;,]/)[0]} → ${outcome.view ?? '-'}`,
        outcome.reps.map((r) => f2(r.confidence ?? NaN)).join(' '),
        String(unmeasuredJudged),
        `${BOTTOM_ANGLE[clip.activity]?.replace(/_DEGREES$/, '') ?? '-'}: ${bottomAngles(outcome, clip.activity)}`,
      ]);
      log(`${clip.file}: ${outcome.reps.length}/${clip.reps}`);
    });
    rows.push(['all', `${exact}/${clips.length} exact`, '', '', '', '', '']);
    const tables: Table[] = [{
      title: `Real footage (${FOOTAGE}): counts, mid error (bottom, or lockout for deadlifts), view (speed: see the speed table)`,
      header: ['clip', 'reps found/true', 'mid error median / max (s)', 'view: truth → found', 'rep confidence', 'opinions on unmeasured',
        'bottom angle per rep (°)'],
      rows,
    }];

    const source = path.join(FOOTAGE, VARIANT_SOURCE);
    const original = originals.get(VARIANT_SOURCE);
    if (existsSync(source) && original) {
      const variants: [string, string[]][] = [
        ['60 fps', ['-i', source, '-vf', 'fps=60', '-c:v', 'libx264', '-crf', '20', '-pix_fmt', 'yuv420p', path.join(workDir, 'real-60.mp4')]],
        ['variable frame rate', ['-i', source, '-vf', "select='not(eq(mod(n\\,5)\\,2))*not(eq(mod(n\\,7)\\,4))'", '-vsync', 'vfr',
          '-c:v', 'libx264', '-crf', '20', '-pix_fmt', 'yuv420p', path.join(workDir, 'real-vfr.mp4')]],
        // The athlete smaller (padded to 1.6x the height), stored on its side in 10-bit HEVC, rotation flag.
        ['HEVC 10-bit portrait .mov, rotated, athlete smaller', ['-i', source, '-vf', 'pad=iw*1.2:ih*1.6:(ow-iw)/2:(oh-ih)/2,scale=-2:1080,transpose=2',
          '-c:v', 'libx265', '-pix_fmt', 'yuv420p10le', '-tag:v', 'hvc1', '-x265-params', 'log-level=error', path.join(workDir, 'real-hevc-raw.mov')]],
      ];
      const base = depthsOf(original);
      const variantRows: string[][] = [['original', String(original.reps.length), base.map(f2).join(', '), '-']];
      for (const [name, args] of variants) {
        await run(args);
        let out = args.at(-1)!;
        if (out.endsWith('-raw.mov')) {
          const tagged = out.replace('-raw.mov', '.mov');
          await run(['-i', out, '-c', 'copy', '-metadata:s:v:0', 'rotate=270', tagged]);
          out = tagged;
        }
        const o = await pool.analyze(out, { domain: 'weightlifting', activity: 'squat' });
        const d = depthsOf(o);
        const diff = d.length === base.length ? Math.max(...d.map((x, i) => Math.abs(x - base[i]))) : NaN;
        variantRows.push([name, String(o.reps.length), d.map(f2).join(', '), f2(diff)]);
        log(`variant ${name}: ${o.reps.length} reps`);
      }
      tables.push({
        title: `Real side-view squat re-encoded (${VARIANT_SOURCE}): count and bottom depth (goal: same count, within ±4°)`,
        header: ['variant', 'reps', 'depth per rep (°)', 'max diff from original (°)'],
        rows: variantRows,
      });
    }
    return tables;
  } finally {
    await pool.close();
  }
}
