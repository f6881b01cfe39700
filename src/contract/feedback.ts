/**
 * The coach's feedback on a video (notes pinned to a time, drawings on a frame) and read-only share
 * links to one review or one comparison of two reps: the /api contract, shared by the proxy and the dashboard.
 */
import { z } from 'zod';
import { interiorAngle, type Point } from './geometry.ts';
import { DISPLAY_SPOOFING_CHARS, videoIdSchema } from './guru.ts';

const MAX_VIDEO_MS = 24 * 3600 * 1000;
const timeMs = z.number().int().min(0).max(MAX_VIDEO_MS);
const repNumber = z.number().int().min(1).max(500);
/** Most notes or drawings one video keeps: a bound on what one page and one print carry. */
export const MAX_FEEDBACK_PER_VIDEO = 200;
export const MAX_NOTE_CHARS = 1000;

const noteText = z
  .string()
  .trim()
  .min(1, 'a note needs some text')
  .max(MAX_NOTE_CHARS, `a note is at most ${MAX_NOTE_CHARS} characters`)
  // Line breaks are welcome in a note; other control and direction-changing characters are not.
  .refine((t) => !DISPLAY_SPOOFING_CHARS.test(t.replaceAll('\n', '')), 'the note contains invisible or direction-changing characters');

/**
 * The rep a note is pinned to: one of the set's `reps` (as the coach judges it) when the server
 * knows how many there are, else any rep number. The video's length is not known to the proxy
 * (Guru's answer has none), so a note's time is only bounded by `timeMs`.
 */
const noteRep = (reps: number | null) => (reps === null ? repNumber : repNumber.max(reps, `this set has ${reps} rep${reps === 1 ? '' : 's'}`));

/** POST /api/videos/:id/notes, on a set of `reps` reps (null: not known). */
export const newNoteSchemaFor = (reps: number | null) => z.strictObject({ timeMs, rep: noteRep(reps).nullable().default(null), text: noteText });
export const newNoteSchema = newNoteSchemaFor(null);
export type NewNote = z.infer<typeof newNoteSchema>;

/** PATCH /api/videos/:id/notes/:noteId: only what changes (a move is a new time, rep or both; rep null unpins it). */
export const noteChangeSchemaFor = (reps: number | null) =>
  z
    .strictObject({ timeMs: timeMs.optional(), rep: noteRep(reps).nullable().optional(), text: noteText.optional() })
    .refine((c) => Object.values(c).some((v) => v !== undefined), 'nothing to change');
export const noteChangeSchema = noteChangeSchemaFor(null);
export type NoteChange = z.infer<typeof noteChangeSchema>;

/** Who wrote it (null without coach accounts) and whether this coach may change it. */
const authored = { id: z.number(), author: z.string().nullable(), mine: z.boolean(), createdAt: z.string() };

export const noteSchema = z.object({ ...authored, timeMs: z.number(), rep: z.number().nullable(), text: z.string(), updatedAt: z.string() });
export type Note = z.infer<typeof noteSchema>;
export const noteListSchema = z.object({ items: z.array(noteSchema) });

// ---- Drawings ---------------------------------------------------------------------------------

/** A point on the picture, 0..1 across and down (so it fits any size the video is shown at). */
const pointSchema = z.strictObject({ x: z.number().min(0).max(1), y: z.number().min(0).max(1) });
export type NormalisedPoint = z.infer<typeof pointSchema>;

export const DRAWING_KINDS = ['line', 'angle', 'circle', 'arrow'] as const;
export type DrawingKind = (typeof DRAWING_KINDS)[number];
/** How many points the coach places for each tool. A circle is its centre and a point on its edge. */
export const DRAWING_POINTS: Record<DrawingKind, number> = { line: 2, angle: 3, circle: 2, arrow: 2 };

/** The vector data of a drawing: the tool and its points (an angle's vertex is its middle point). */
export const shapeSchema = z
  .strictObject({ kind: z.enum(DRAWING_KINDS), points: z.array(pointSchema).min(2).max(3) })
  .refine((s) => s.points.length === DRAWING_POINTS[s.kind], { message: 'wrong number of points for this shape', path: ['points'] });
export type Shape = z.infer<typeof shapeSchema>;

/** POST /api/videos/:id/drawings */
export const newDrawingSchema = z.strictObject({ timeMs, shape: shapeSchema });
export type NewDrawing = z.infer<typeof newDrawingSchema>;

export const drawingSchema = z.object({ ...authored, timeMs: z.number(), shape: shapeSchema });
export type Drawing = z.infer<typeof drawingSchema>;
export const drawingListSchema = z.object({ items: z.array(drawingSchema) });

/** A normalised point on a picture `width` × `height` pixels. */
export const toPixels = (p: NormalisedPoint, width: number, height: number): Point => ({ x: p.x * width, y: p.y * height });

/**
 * An angle drawing's value in degrees, measured on the real picture: normalised coordinates would
 * skew it on any frame that is not square.
 */
export function drawnAngle(shape: Shape, width: number, height: number): number | null {
  if (shape.kind !== 'angle' || !(width > 0 && height > 0)) return null;
  const [a, b, c] = shape.points.map((p) => toPixels(p, width, height));
  return interiorAngle(a, b, c);
}

/** How long from its time a drawing stays on the video, playing or paused within that second. */
export const DRAWING_SHOWN_MS = 1000;
/** How long from its time a note stays highlighted beside the player. */
export const NOTE_SHOWN_MS = 2000;

/** The notes or drawings due at `currentMs`: pinned at most `windowMs` before it (1 ms early: a seek lands on frames). */
export const feedbackAt = <T extends { timeMs: number }>(items: readonly T[], currentMs: number, windowMs: number) =>
  items.filter((d) => currentMs >= d.timeMs - 1 && currentMs < d.timeMs + windowMs);

// ---- Share links ------------------------------------------------------------------------------

export const SHARE_DAYS = [1, 7, 30] as const;
const shareDays = z.union(SHARE_DAYS.map((d) => z.literal(d)));

/** POST /api/videos/:id/shares */
export const newShareSchema = z.strictObject({ days: shareDays });
export type NewShare = z.infer<typeof newShareSchema>;

// ---- Compared reps ----------------------------------------------------------------------------

export const ALIGNS = ['start', 'bottom'] as const;
export type Align = (typeof ALIGNS)[number];

const compareSideSchema = z.strictObject({ videoId: videoIdSchema, rep: repNumber });
export type CompareSideRef = z.infer<typeof compareSideSchema>;
/**
 * Two reps, each of a video, where they are aligned, and whether B is slowed or sped to A's tempo:
 * what a compare link shows. Without `matchTempo` (a body from before it was kept) each plays at its own.
 */
export const comparisonSchema = z.strictObject({ a: compareSideSchema, b: compareSideSchema, align: z.enum(ALIGNS), matchTempo: z.boolean().default(false) });
export type Comparison = z.infer<typeof comparisonSchema>;
/** How the two reps are shown: the compare page's address carries it, and so does a compare link. */
export type CompareSettings = Pick<Comparison, 'align' | 'matchTempo'>;
const DEFAULT_COMPARE_SETTINGS: CompareSettings = { align: 'bottom', matchTempo: false };

/** "<video id>:<rep number>", one side in the compare page's address (`/compare?a=…&b=…`). */
export function parseCompareSide(value: string | null | undefined): CompareSideRef | null {
  const match = /^([^:]*):(\d{1,4})$/.exec(value ?? '');
  const side = match && compareSideSchema.safeParse({ videoId: match[1], rep: Number(match[2]) });
  return side?.success ? side.data : null;
}
export const compareSideParam = ({ videoId, rep }: CompareSideRef) => `${videoId}:${rep}`;

/**
 * `tempo=match` when B plays at A's tempo; absent when each plays at its own, so such a query reads
 * exactly as those kept before the tempo was (and they still parse).
 */
const TEMPO_MATCHED = 'match';
const tempoParam = z.literal(TEMPO_MATCHED).nullable().transform((tempo) => tempo === TEMPO_MATCHED);

/** The one text a comparison is kept as: the compare page's query, with its settings (nothing in it needs escaping). */
export const comparisonQuery = ({ a, b, align, matchTempo }: Comparison) =>
  `a=${compareSideParam(a)}&b=${compareSideParam(b)}&align=${align}${matchTempo ? `&tempo=${TEMPO_MATCHED}` : ''}`;
/** What every kept query of exactly these two reps starts with, whatever their settings. */
export const comparisonQueryPrefix = (a: CompareSideRef, b: CompareSideRef) => `a=${compareSideParam(a)}&b=${compareSideParam(b)}&`;
/** A comparison from its kept text; throws if it does not fit. */
export function parseComparisonQuery(query: string): Comparison {
  const params = new URLSearchParams(query);
  return comparisonSchema.parse({
    a: parseCompareSide(params.get('a')),
    b: parseCompareSide(params.get('b')),
    align: params.get('align'),
    matchTempo: tempoParam.parse(params.get('tempo')),
  });
}

/** The settings in the compare page's address: a missing or unknown value is the default, never an error (it may be hand-edited). */
export function compareSettingsOf(params: URLSearchParams): CompareSettings {
  return {
    align: z.enum(ALIGNS).catch(DEFAULT_COMPARE_SETTINGS.align).parse(params.get('align')),
    matchTempo: tempoParam.catch(DEFAULT_COMPARE_SETTINGS.matchTempo).parse(params.get('tempo')),
  };
}
/** The compare page's address with these settings, written as a kept comparison writes them. */
export function withCompareSettings(params: URLSearchParams, { align, matchTempo }: CompareSettings): URLSearchParams {
  const next = new URLSearchParams(params);
  next.set('align', align);
  if (matchTempo) next.set('tempo', TEMPO_MATCHED);
  else next.delete('tempo');
  return next;
}

/** POST /api/compare/shares: a link to exactly these two reps, shown so. */
export const newCompareShareSchema = comparisonSchema.extend({ days: shareDays });
export type NewCompareShare = z.infer<typeof newCompareShareSchema>;

/** The random part of /shared/<token>: 32 bytes, base64url (only its sha256 is stored). */
export const shareTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'this link is not complete');

export const shareSchema = z.object({
  id: z.number(),
  kind: z.enum(['review', 'compare']),
  /** A compare link's reps (null for a review's). */
  comparison: comparisonSchema.nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type Share = z.infer<typeof shareSchema>;
export const shareListSchema = z.object({ items: z.array(shareSchema) });
/** The answer to a new share: the only time its path (with the token) is ever sent. */
export const createdShareSchema = shareSchema.extend({ path: z.string() });
export type CreatedShare = z.infer<typeof createdShareSchema>;

/** Only what a player needs of Guru's answer about a video. */
const sharedVideoSchema = z.object({
  status: z.string(),
  uri: z.string().nullish(),
  fps: z.number().nullish(),
  playback: z.enum(['Preparing', 'Copy', 'Original']).nullish(),
  originalUri: z.string().nullish(),
});
const recording = { athlete: z.string(), activity: z.string().nullable(), recordedAt: z.string(), video: sharedVideoSchema };

/** GET /api/shared/:token of a review: what the athlete's page shows above the review, and the video to play. */
export const sharedReviewSchema = z.object({
  kind: z.literal('review'),
  expiresAt: z.string(),
  ...recording,
  /** The athlete's own numbers, for velocity in m/s and its loss threshold (velocity.ts). */
  athleteNumbers: z.object({ heightCm: z.number().nullable(), velocityLossPct: z.number() }),
});
export type SharedReview = z.infer<typeof sharedReviewSchema>;

/** GET /api/shared/:token of a comparison: its two reps, each with its video; the rest is read per video. */
const sharedSideSchema = z.object({ videoId: z.string(), rep: z.number(), ...recording });
export type SharedSide = z.infer<typeof sharedSideSchema>;
export const sharedComparisonSchema = z.object({
  kind: z.literal('compare'),
  expiresAt: z.string(),
  align: z.enum(ALIGNS),
  matchTempo: z.boolean(),
  a: sharedSideSchema,
  b: sharedSideSchema,
});
export type SharedComparison = z.infer<typeof sharedComparisonSchema>;
export const sharedLinkSchema = z.discriminatedUnion('kind', [sharedReviewSchema, sharedComparisonSchema]);
