import { useCallback, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { librarySource } from '../../../api/compare-source.ts';
import { comparisonShares } from '../../../api/feedback.ts';
import { useVideos } from '../../../api/get-videos.ts';
import {
  compareSettingsOf,
  comparisonQuery,
  parseCompareSide,
  withCompareSettings,
  type CompareSettings,
  type CompareSideRef,
} from '../../../contract/feedback.ts';
import { DRIVING_JOINT, isAnalysable } from '../../../contract/measures.ts';
import { Button } from '../../../components/button.tsx';
import { Card, CardHeader } from '../../../components/card.tsx';
import { fieldClass, labelClass } from '../../../components/field.ts';
import { describeAnalysisType, formatAnalysisValue, formatClock, formatDate, humanize } from '../../../lib/format.ts';
import { ShareCard } from '../feedback/share-card.tsx';
import { jointAngleSeries } from '../joint-angles.ts';
import { findAnalysis } from '../rep-utils.ts';
import { SkeletonOverlay } from '../skeleton-overlay.tsx';
import { followerTime, playFrom, playUntil, tempoScale, windowOf, type SideWindow } from './compare-sync.ts';
import { useCompareSide, type CompareSide } from './use-compare-side.ts';

/** B is put back on A's clock when it drifts further than this (about one frame at 30 fps). */
const MAX_DRIFT_MS = 34;
const SPEEDS = [0.25, 0.5, 1] as const;
const COLOURS = { a: '#2563eb', b: '#ea580c' } as const;

/**
 * Two reps side by side (`/compare?a=<video>:<rep>&b=<video>:<rep>&align=start|bottom&tempo=match`),
 * from the same or different sets or athletes, chosen from the library; shared with the athlete by
 * a read-only link to these two reps, shown as on screen. The address is the page's state, so a
 * reload or a pasted address shows the same view; changes replace it rather than add to history.
 */
export function ComparePage() {
  const [params, setParams] = useSearchParams();
  const a = parseCompareSide(params.get('a'));
  const b = parseCompareSide(params.get('b'));
  const settings = compareSettingsOf(params);
  const sideA = useCompareSide(librarySource, a);
  const sideB = useCompareSide(librarySource, b);
  // In place, not a history entry per toggle; flushSync, as the router's usual transition would
  // leave a controlled radio, checkbox or select showing its old value for a moment.
  const replaceParams = (next: URLSearchParams) => setParams(next, { replace: true, flushSync: true });
  const choose = (key: 'a' | 'b', value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    replaceParams(next);
  };

  return (
    <div className="space-y-6">
      <div>
        <Link to="/library" className="text-sm text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600">
          ← All videos
        </Link>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight text-slate-900">Compare reps</h1>
      </div>
      <CompareView
        a={sideA}
        b={sideB}
        settings={settings}
        onSettings={(next) => replaceParams(withCompareSettings(params, next))}
        pickers={{
          a: <SidePicker name="A" side={sideA} value={a} onChoose={(v) => choose('a', v)} />,
          b: <SidePicker name="B" side={sideB} value={b} onChoose={(v) => choose('b', v)} />,
        }}
      >
        {a && b && (
          <ShareCard
            // A link shown once made is of the reps and settings it was made for: another comparison starts afresh.
            key={comparisonQuery({ a, b, ...settings })}
            target={comparisonShares({ a, b, ...settings })}
            intro="A read-only link to these two reps, aligned and timed as now: both videos, their angle curves and measures, nothing else of the library."
          />
        )}
      </CompareView>
    </div>
  );
}

/**
 * The comparison itself, on the compare page and on a compare link alike: the two reps played in
 * sync, aligned at their start or bottom, B optionally slowed or sped to A's tempo (`settings`,
 * kept by whoever shows the view); their driving-joint curves on one chart and their measures with
 * the differences. `pickers` choose each side's set and rep (the compare page's); `children` go
 * beside the curves and measures.
 */
export function CompareView({
  a,
  b,
  settings,
  onSettings,
  pickers,
  children,
}: {
  a: CompareSide;
  b: CompareSide;
  settings: CompareSettings;
  onSettings: (settings: CompareSettings) => void;
  pickers?: { a: ReactNode; b: ReactNode };
  children?: ReactNode;
}) {
  const { align, matchTempo } = settings;
  const [skeleton, setSkeleton] = useState(false);
  const [speed, setSpeed] = useState<number>(0.5);

  const ready = a.rep && b.rep;
  const wa = a.rep ? windowOf(a.rep, align) : null;
  const wb = b.rep ? windowOf(b.rep, align) : null;
  const scale = wa && wb ? tempoScale(wa, wb, matchTempo) : 1;
  const player = useSyncedPair(wa, wb, scale, speed);

  return (
    <>
      {/* Side by side on every screen: on a phone too both reps must be in view while they play. */}
      <div className="grid grid-cols-2 gap-3 sm:gap-6">
        <SidePanel name="A" side={a} picker={pickers?.a} videoRef={player.refs.a} nowMs={player.nowA} skeleton={skeleton} />
        <SidePanel name="B" side={b} picker={pickers?.b} videoRef={player.refs.b} nowMs={player.nowB} skeleton={skeleton} />
      </div>

      <Card className="p-4 sm:p-5">
        <div className="flex flex-wrap items-center gap-x-6 gap-y-3">
          <fieldset className="flex items-center gap-3 text-sm text-slate-700">
            <legend className="sr-only">Align the reps at</legend>
            <span aria-hidden="true">Align at</span>
            {(['start', 'bottom'] as const).map((value) => (
              <label key={value} className="flex items-center gap-1.5">
                <input type="radio" name="align" value={value} checked={align === value} onChange={() => onSettings({ ...settings, align: value })} />
                {value === 'start' ? 'Start' : 'Bottom'}
              </label>
            ))}
          </fieldset>
          <label className="flex items-center gap-1.5 text-sm text-slate-700">
            <input type="checkbox" checked={matchTempo} onChange={(e) => onSettings({ ...settings, matchTempo: e.target.checked })} />
            Match B to A&apos;s tempo{matchTempo && scale !== 1 ? ` (B at ${Math.round(100 / scale)}% speed)` : ''}
          </label>
          <label className="flex items-center gap-1.5 text-sm text-slate-700">
            <input type="checkbox" checked={skeleton} onChange={(e) => setSkeleton(e.target.checked)} />
            Skeleton
          </label>
          <label className="flex items-center gap-1.5 text-sm text-slate-700">
            Speed
            <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))} className="rounded-md border-0 py-1 pr-8 pl-2 text-sm ring-1 ring-inset ring-slate-300">
              {SPEEDS.map((s) => (
                <option key={s} value={s}>
                  {s}×
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="mt-4 flex flex-wrap gap-2">
          <Button disabled={!ready} onClick={player.playing ? player.pause : player.play}>
            {player.playing ? 'Pause both' : 'Play both'}
          </Button>
          <Button variant="secondary" disabled={!ready} onClick={player.toAnchor}>
            {align === 'start' ? 'Go to both starts' : 'Go to both bottoms'}
          </Button>
        </div>
        {!ready && pickers && <p className="mt-3 text-sm text-slate-600">Pick a set and a rep on each side to compare them.</p>}
      </Card>

      {ready && wa && wb && (
        <div className="grid gap-6 lg:grid-cols-2">
          <CurvesCard a={a} b={b} wa={wa} wb={wb} scale={scale} />
          <MeasuresCard a={a} b={b} />
          {children}
        </div>
      )}
    </>
  );
}

/** Both videos on A's clock: B follows A, put back whenever it drifts by more than a frame. */
function useSyncedPair(wa: SideWindow | null, wb: SideWindow | null, scale: number, speed: number) {
  const a = useRef<HTMLVideoElement | null>(null);
  const b = useRef<HTMLVideoElement | null>(null);
  const [playing, setPlaying] = useState(false);
  const [nowA, setNowA] = useState(0);
  const nowB = wa && wb ? followerTime(nowA, wa, wb, scale) : 0;

  const seekBoth = useCallback(
    (aMs: number) => {
      if (!a.current || !b.current || !wa || !wb) return;
      a.current.currentTime = aMs / 1000;
      b.current.currentTime = Math.max(0, followerTime(aMs, wa, wb, scale)) / 1000;
      setNowA(aMs);
    },
    [wa, wb, scale],
  );
  const pause = useCallback(() => {
    a.current?.pause();
    b.current?.pause();
    setPlaying(false);
  }, []);

  useEffect(() => {
    if (!playing || !wa || !wb) return;
    let frame = 0;
    const until = playUntil(wa, wb, scale);
    const tick = () => {
      const va = a.current;
      const vb = b.current;
      if (!va || !vb) return;
      const t = va.currentTime * 1000;
      if (t >= until || va.ended) {
        pause();
        return;
      }
      const expected = followerTime(t, wa, wb, scale);
      if (expected >= 0 && Math.abs(vb.currentTime * 1000 - expected) > MAX_DRIFT_MS) vb.currentTime = expected / 1000;
      setNowA(t);
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [playing, wa, wb, scale, pause]);

  // A new alignment or rep: both go to their anchors, paused.
  useEffect(() => {
    if (wa && wb) seekBoth(wa.anchorMs);
  }, [wa?.anchorMs, wb?.anchorMs]); // eslint-disable-line react-hooks/exhaustive-deps -- re-seek only when the anchors move

  return {
    refs: { a, b },
    playing,
    nowA,
    nowB,
    pause,
    toAnchor: () => {
      pause();
      if (wa) seekBoth(wa.anchorMs);
    },
    play: () => {
      if (!a.current || !b.current || !wa || !wb) return;
      seekBoth(playFrom(wa, wb, scale));
      a.current.playbackRate = speed;
      b.current.playbackRate = speed * scale;
      void Promise.all([a.current.play(), b.current.play()]).then(() => setPlaying(true), pause);
    },
  };
}

/** Which set and rep a side shows, from the library's analysed sets. */
function SidePicker({ name, side, value, onChoose }: { name: 'A' | 'B'; side: CompareSide; value: CompareSideRef | null; onChoose: (value: string | null) => void }) {
  const id = useId();
  const sessions = useVideos({ status: 'Complete', limit: 100 });
  const options = sessions.data?.items ?? [];
  return (
    <div className="flex flex-wrap items-end gap-3 p-3 sm:p-5">
      <div className="min-w-0 flex-1 basis-40">
        <label htmlFor={`${id}-set`} className={labelClass}>
          Set {name}
        </label>
        <select id={`${id}-set`} className={fieldClass} value={value?.videoId ?? ''} onChange={(e) => onChoose(e.target.value ? `${e.target.value}:1` : null)}>
          <option value="">Choose a set…</option>
          {value && !options.some((o) => o.id === value.videoId) && <option value={value.videoId}>{side.video?.filename ?? value.videoId}</option>}
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.athlete} · {o.filename} · {formatDate(o.createdAt)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-rep`} className={labelClass}>
          Rep {name}
        </label>
        <select id={`${id}-rep`} className={fieldClass} value={value?.rep ?? 1} disabled={!value} onChange={(e) => value && onChoose(`${value.videoId}:${e.target.value}`)}>
          {side.reps.map((_, i) => (
            <option key={i} value={i + 1}>
              {i + 1}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

function SidePanel({
  name,
  side,
  picker,
  videoRef,
  nowMs,
  skeleton,
}: {
  name: 'A' | 'B';
  side: CompareSide;
  picker: ReactNode;
  videoRef: React.RefObject<HTMLVideoElement | null>;
  nowMs: number;
  skeleton: boolean;
}) {
  const chosen = side.id !== '';
  return (
    <Card aria-label={`Side ${name}`} className="overflow-hidden">
      {picker}
      {side.video?.uri ? (
        <div className="relative bg-black">
          <video
            ref={videoRef}
            src={side.video.uri}
            muted
            playsInline
            preload="auto"
            aria-label={`Video of rep ${name}`}
            className="mx-auto block max-h-[45vh] w-full sm:max-h-[60vh]"
          />
          {skeleton && side.j2p && <SkeletonOverlay j2p={side.j2p} boxRef={videoRef} currentTimeMs={nowMs} />}
        </div>
      ) : (
        <p className="p-3 text-sm text-slate-600 sm:px-5">
          {side.loading ? 'Loading…' : side.error ? 'This set could not be loaded.' : chosen ? 'This video cannot be played here.' : 'No set chosen.'}
        </p>
      )}
      {side.rep && (
        <p className="px-3 py-3 text-xs sm:text-sm text-slate-700 sm:px-5">
          <span className="font-medium" style={{ color: COLOURS[name === 'A' ? 'a' : 'b'] }}>
            ■
          </span>{' '}
          Rep {side.repNumber} of {side.reps.length}
          {side.rep.edited ? ' (edited by coach)' : ''} · {side.video?.athlete} · {humanize(side.activity)} · {formatClock(side.rep.startTimestampMs)}–
          {formatClock(side.rep.endTimestampMs)}
        </p>
      )}
      {chosen && !side.loading && !side.rep && side.analysis?.status === 'Complete' && (
        <p className="px-3 pb-3 text-sm text-bad sm:px-5">This set has no rep {side.repNumber}.</p>
      )}
    </Card>
  );
}

/** Both reps' driving-joint angle on A's clock, from the anchor (0). */
function CurvesCard({ a, b, wa, wb, scale }: { a: CompareSide; b: CompareSide; wa: SideWindow; wb: SideWindow; scale: number }) {
  const from = playFrom(wa, wb, scale);
  const until = playUntil(wa, wb, scale);
  const curve = useCallback(
    (side: CompareSide, w: SideWindow, k: number) => {
      if (!side.j2p || !side.activity || !isAnalysable(side.activity)) return [];
      const lo = (from - wa.anchorMs) * k + w.anchorMs;
      const hi = (until - wa.anchorMs) * k + w.anchorMs;
      return jointAngleSeries(side.j2p, DRIVING_JOINT[side.activity]).samples
        .filter((s) => s.t * 1000 >= lo && s.t * 1000 <= hi)
        .map((s) => ({ x: Math.round((s.t * 1000 - w.anchorMs) / k), angle: s.angle === null ? null : Math.round(s.angle) }));
    },
    [from, until, wa.anchorMs],
  );
  const dataA = useMemo(() => curve(a, wa, 1), [curve, a, wa]);
  const dataB = useMemo(() => curve(b, wb, scale), [curve, b, wb, scale]);
  const joint = a.activity && isAnalysable(a.activity) ? DRIVING_JOINT[a.activity] : 'knee';
  return (
    <Card>
      <CardHeader title={`${humanize(joint)} angle, both reps (ms from the ${wa.anchorMs === wa.startMs ? 'start' : 'bottom'})`} />
      <div className="h-64 p-3 sm:p-4">
        <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 480, height: 220 }}>
          <LineChart accessibilityLayer={false} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
            <XAxis dataKey="x" type="number" domain={['dataMin', 'dataMax']} tickLine={false} axisLine={false} fontSize={12} unit=" ms" />
            <YAxis width={44} tickLine={false} axisLine={false} fontSize={12} unit="°" domain={[0, 180]} />
            <Tooltip />
            <Line data={dataA} dataKey="angle" name="Rep A" stroke={COLOURS.a} dot={false} strokeWidth={2} isAnimationActive={false} />
            <Line data={dataB} dataKey="angle" name="Rep B" stroke={COLOURS.b} dot={false} strokeWidth={2} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </Card>
  );
}

/** Each measure of the two reps, and B minus A where both were measured. */
function MeasuresCard({ a, b }: { a: CompareSide; b: CompareSide }) {
  const types = [...new Set([...(a.rep?.analyses ?? []), ...(b.rep?.analyses ?? [])].map((x) => x.analysisType))];
  const cell = (side: CompareSide, type: string) => {
    const found = side.rep && findAnalysis(side.rep, type);
    if (!found) return '—';
    if (typeof found.analysisScalar !== 'number') return 'not measured';
    const verdict = found.analysisOpinion === 'bad' ? ' (Bad)' : found.analysisOpinion === 'good' ? ' (Good)' : '';
    return `${formatAnalysisValue(type, found.analysisScalar)}${verdict}`;
  };
  const difference = (type: string) => {
    const x = a.rep && findAnalysis(a.rep, type)?.analysisScalar;
    const y = b.rep && findAnalysis(b.rep, type)?.analysisScalar;
    if (typeof x !== 'number' || typeof y !== 'number') return '—';
    const d = y - x;
    return `${d > 0 ? '+' : d < 0 ? '−' : '±'}${formatAnalysisValue(type, Math.abs(d))}`;
  };
  return (
    <Card>
      <CardHeader title="Measures" />
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm" aria-label="Measures of both reps">
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-4 py-2 text-left font-medium">Measure</th>
              <th scope="col" className="px-4 py-2 text-left font-medium">Rep A</th>
              <th scope="col" className="px-4 py-2 text-left font-medium">Rep B</th>
              <th scope="col" className="px-4 py-2 text-left font-medium">B − A</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {types.map((type) => (
              <tr key={type}>
                <th scope="row" className="px-4 py-2 text-left font-medium text-slate-900">
                  {describeAnalysisType(type).label}
                </th>
                <td className="px-4 py-2 tabular-nums text-slate-700">{cell(a, type)}</td>
                <td className="px-4 py-2 tabular-nums text-slate-700">{cell(b, type)}</td>
                <td className="px-4 py-2 tabular-nums text-slate-700">{difference(type)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
