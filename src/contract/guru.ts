/**
 * The Guru API contract: zod schemas and types for every call RepLens makes.
 * The one module shared by the dashboard (src/), the proxy and the local Guru (server/).
 *
 * Answers are parsed leniently (unknown fields kept, optional numbers, open analysis types)
 * because Guru's API kept moving after the documented version; requests are parsed strictly.
 */
import { z } from 'zod';

export const DOMAIN_ACTIVITIES = {
  weightlifting: ['squat', 'deadlift', 'bench_press', 'clean_and_jerk', 'snatch'],
  calisthenics: ['push_up', 'bodyweight_squat', 'lunge', 'sit_up', 'burpee', 'chin_up'],
} as const;

export type Domain = keyof typeof DOMAIN_ACTIVITIES;
export type Activity = (typeof DOMAIN_ACTIVITIES)[Domain][number];

export const DOMAINS = Object.keys(DOMAIN_ACTIVITIES) as Domain[];
export const ACTIVITIES = Object.values(DOMAIN_ACTIVITIES).flat() as Activity[];

export const domainSchema = z.enum(DOMAINS as [Domain, ...Domain[]]);
export const activitySchema = z.enum(ACTIVITIES as [Activity, ...Activity[]]);

export function activitiesOf(domain: Domain): readonly Activity[] {
  return DOMAIN_ACTIVITIES[domain];
}

/** True when `activity` belongs to `domain`; the one rule for create, update and the dashboard. */
export function isActivityInDomain(domain: string, activity: string): boolean {
  return Object.hasOwn(DOMAIN_ACTIVITIES, domain) && (DOMAIN_ACTIVITIES[domain as Domain] as readonly string[]).includes(activity);
}

export function domainOf(activity: Activity): Domain {
  return DOMAINS.find((d) => (DOMAIN_ACTIVITIES[d] as readonly string[]).includes(activity))!;
}

/** Largest upload RepLens accepts (bytes); the signed policy enforces the same cap. */
export const MAX_VIDEO_BYTES = 500 * 1024 * 1024;
export const MAX_FILENAME_BYTES = 255;
export const VIDEO_ID_PATTERN = /^[A-Za-z0-9-]{1,64}$/;

export const videoIdSchema = z.string().regex(VIDEO_ID_PATTERN, 'invalid video id');

/**
 * Control characters and text-direction controls: names with them display as something else
 * ("\u202e4pm.exe" shows as "exe.mp4"), so names that people read refuse them.
 */
// eslint-disable-next-line no-control-regex
export const DISPLAY_SPOOFING_CHARS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** A file's base name only, NFC-normalised, at most 255 UTF-8 bytes, no control characters. */
export const filenameSchema = z
  .string()
  .transform((name) => (name.split(/[\\/]/).pop() ?? '').normalize('NFC'))
  .pipe(
    z
      .string()
      .min(1, 'filename is required')
      .refine((n) => !DISPLAY_SPOOFING_CHARS.test(n), 'filename has control or text-direction characters')
      .refine((n) => n !== '.' && n !== '..', 'filename is not a file name')
      .refine(
        (n) => new TextEncoder().encode(n).length <= MAX_FILENAME_BYTES,
        `filename is longer than ${MAX_FILENAME_BYTES} bytes`,
      ),
  );

/** The most reps one set may count (inputs and the API agree). */
export const MAX_REP_COUNT = 1000;
const repCountSchema = z.number().int().min(0).max(MAX_REP_COUNT);

function checkActivityInDomain(
  v: { domain?: Domain | undefined; activity?: Activity | undefined },
  ctx: z.RefinementCtx,
) {
  if (v.domain && v.activity && !isActivityInDomain(v.domain, v.activity)) {
    ctx.addIssue({
      code: 'custom',
      path: ['activity'],
      message: `${v.activity} is not an activity of ${v.domain}`,
    });
  }
}

// ---- Auth -------------------------------------------------------------------------------------

export const tokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().positive(),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

// ---- Create video -----------------------------------------------------------------------------

export const createVideoFields = {
  filename: filenameSchema,
  size: z.number().int().min(1, 'the file is empty').max(MAX_VIDEO_BYTES, 'the file is too large'),
  source: z.string().max(64).optional(),
  domain: domainSchema.optional(),
  activity: activitySchema.optional(),
  repCount: repCountSchema.optional(),
};

export const createVideoRequestSchema = z
  .strictObject(createVideoFields)
  .superRefine(checkActivityInDomain);
export type CreateVideoRequest = z.infer<typeof createVideoRequestSchema>;

export const createVideoResponseSchema = z.looseObject({
  id: videoIdSchema,
  url: z.url(),
  fields: z.record(z.string(), z.string()),
});
export type CreateVideoResponse = z.infer<typeof createVideoResponseSchema>;

// ---- Update video -----------------------------------------------------------------------------

export const updateVideoRequestSchema = z
  .strictObject({
    repCount: repCountSchema.optional(),
    domain: domainSchema.optional(),
    activity: activitySchema.optional(),
  })
  .superRefine(checkActivityInDomain);
export type UpdateVideoRequest = z.infer<typeof updateVideoRequestSchema>;

export const updateVideoResponseSchema = z.looseObject({ id: z.string() });

// ---- Analysis ---------------------------------------------------------------------------------

/** Guru's analysis statuses; anything unrecognised is treated as still pending. */
export const ANALYSIS_STATUSES = ['Pending', 'Complete', 'Failed'] as const;
export type AnalysisStatus = (typeof ANALYSIS_STATUSES)[number];
const analysisStatusSchema = z
  .string()
  .transform((s): AnalysisStatus => ((ANALYSIS_STATUSES as readonly string[]).includes(s) ? (s as AnalysisStatus) : 'Pending'));

export const isTerminal = (s: AnalysisStatus) => s === 'Complete' || s === 'Failed';

const optionalNumber = z.number().nullish().catch(null);

export const repAnalysisSchema = z.looseObject({
  /** Open set: HIP_KNEE_ANGLE_DEGREES, BAR_PATH_SINUOSITY_PERCENTAGE, ... */
  analysisType: z.string(),
  analysisScalar: optionalNumber,
  analysisOpinion: z.enum(['good', 'bad']).nullish().catch(null),
});
export type RepAnalysis = z.infer<typeof repAnalysisSchema>;

export const repSchema = z.looseObject({
  startTimestampMs: z.number(),
  midTimestampMs: optionalNumber,
  endTimestampMs: z.number(),
  /** RepLens extension: 0..1, from keypoint scores and the camera view; low means "check this rep". */
  confidence: optionalNumber,
  analyses: z.array(repAnalysisSchema).catch([]).default([]),
});
export type Rep = z.infer<typeof repSchema>;

/** The camera view the analysis saw (a RepLens extension of Guru's analysis answer). */
export const CAMERA_VIEWS = ['side', 'oblique', 'front', 'back'] as const;
export type CameraView = (typeof CAMERA_VIEWS)[number];

export const analysisResponseSchema = z.looseObject({
  status: analysisStatusSchema,
  /** RepLens extension, absent from the cloud Guru: see CAMERA_VIEWS. */
  view: z.enum(CAMERA_VIEWS).nullish().catch(null),
  /** RepLens extension: while Pending, how many sets the local Guru analyses before this one. */
  queuePosition: z.number().int().min(0).nullish().catch(null),
  reason: z.string().nullish(),
  domain: z.string().nullish(),
  activity: z.string().nullish(),
  /** Some later answers name the movement this way instead of domain/activity. */
  liftType: z.string().nullish(),
  reps: z.array(repSchema).nullish().transform((r) => r ?? []),
});
export type AnalysisResponse = z.infer<typeof analysisResponseSchema>;

// ---- Joint data (j2p) -------------------------------------------------------------------------

export const JOINTS = [
  'nose', 'leftEye', 'rightEye', 'leftEar', 'rightEar',
  'leftShoulder', 'rightShoulder', 'leftElbow', 'rightElbow', 'leftWrist', 'rightWrist',
  'leftHip', 'rightHip', 'leftKnee', 'rightKnee', 'leftAnkle', 'rightAnkle',
] as const;
export type Joint = (typeof JOINTS)[number];

export const jointPointSchema = z.looseObject({
  frame_idx: z.number().int(),
  part: z.string(),
  /** Normalised to the frame: 0..1 from the left/top edge. */
  position: z.object({ x: z.number(), y: z.number() }),
  score: z.number(),
  /** Seconds (rep timestamps are milliseconds). */
  timestamp: z.number(),
});
export type JointPoint = z.infer<typeof jointPointSchema>;

export const j2pResponseSchema = z.looseObject({
  status: z.string().optional(),
  resolutionWidth: optionalNumber,
  resolutionHeight: optionalNumber,
  jointToPoints: z.record(z.string(), z.array(jointPointSchema)).nullish().transform((j) => j ?? {}),
  analysis: z.looseObject({ reps: z.array(repSchema).catch([]).default([]) }).nullish(),
  /**
   * RepLens extension (local Guru): the joint whose points were followed by its image through the
   * set rather than placed by the pose model frame by frame (the load's: a wrist or a shoulder).
   */
  followedJoint: z.string().nullish().catch(null),
});
export type J2pResponse = z.infer<typeof j2pResponseSchema>;

// ---- Get video --------------------------------------------------------------------------------

/** Success means *uploaded*, not analysed: poll the analysis for results. */
export const videoResponseSchema = z.looseObject({
  id: z.string().optional(),
  status: z.string(),
  reason: z.string().nullish(),
  uri: z.string().nullish(),
  fps: optionalNumber,
  overlays: z.unknown().optional(),
  /**
   * RepLens extension (local Guru): `Preparing` while a browser-safe copy is made (`uri` is null
   * until then), `Copy` when `uri` is that copy, `Original` when `uri` is the upload as sent.
   */
  playback: z.enum(['Preparing', 'Copy', 'Original']).nullish().catch(null),
  /** RepLens extension (local Guru): the upload as sent, served as a download. */
  originalUri: z.string().nullish(),
  analysis: analysisResponseSchema.nullish().catch(null),
  j2p: j2pResponseSchema.nullish().catch(null),
});
export type VideoResponse = z.infer<typeof videoResponseSchema>;
