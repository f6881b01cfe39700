/**
 * The RepLens /api contract between the dashboard and its proxy. Guru's own shapes live in
 * guru.ts; this module adds what RepLens keeps itself: the coach's library of sessions.
 */
import { z } from 'zod';
import {
  activitySchema,
  analysisResponseSchema,
  createVideoFields,
  DISPLAY_SPOOFING_CHARS,
  domainSchema,
  isActivityInDomain,
  repSchema,
  updateVideoRequestSchema,
  videoResponseSchema,
  type Activity,
  type Domain,
} from './guru.ts';

export const athleteSchema = z
  .string()
  .trim()
  .normalize('NFC')
  .min(1, 'athlete is required')
  .max(80, 'athlete name is longer than 80 characters')
  .refine((n) => !DISPLAY_SPOOFING_CHARS.test(n), 'athlete name has control or text-direction characters');

/**
 * One spelling per person: "maya chen", "Maya  Chen" and "MAYA CHÉN" are one athlete. Latin accents
 * fold away (marks of other scripts stay: they change the name), case folds fully ("ß" = "ss").
 */
export const athleteKey = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .replace(/\s+/g, ' ')
    .toUpperCase()
    .toLowerCase()
    .normalize('NFC');

export const athleteIdSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** POST /api/videos: Guru's create-video fields plus the athlete RepLens files it under. */
export const createSessionRequestSchema = z
  .strictObject({
    athlete: athleteSchema,
    filename: createVideoFields.filename,
    size: createVideoFields.size,
    domain: domainSchema,
    activity: activitySchema,
    repCount: createVideoFields.repCount,
  })
  .superRefine((v, ctx) => {
    // Same rule as Guru's table; repeated here because the domain is required on our side.
    const { domain, activity } = v as { domain: Domain; activity: Activity };
    if (!isActivityInDomain(domain, activity)) {
      ctx.addIssue({ code: 'custom', path: ['activity'], message: `${activity} is not an activity of ${domain}` });
    }
  });
export type CreateSessionRequest = z.infer<typeof createSessionRequestSchema>;

export const SESSION_STATUSES = ['Uploading', 'Pending', 'Complete', 'Failed'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const sessionSchema = z.object({
  id: z.string(),
  athleteId: z.number(),
  /** The athlete's current name (renaming the athlete renames it on every session). */
  athlete: z.string(),
  filename: z.string(),
  size: z.number(),
  domain: z.string().nullable(),
  activity: z.string().nullable(),
  expectedReps: z.number().nullable(),
  /** The coach's corrected count: Guru's PUT repCount only records the expected count. */
  correctedReps: z.number().nullable(),
  repsFound: z.number().nullable(),
  /** The coach has edited the reps themselves (their count is then `correctedReps`). */
  repsEdited: z.boolean(),
  /** Reps of Guru's answer marked "check this rep" (confidence under LOW_REP_CONFIDENCE). */
  lowConfidenceReps: z.number().nullable(),
  /**
   * Analysed, not yet corrected by the coach, and either the reps found differ from the expected
   * count or some rep is low-confidence.
   */
  needsReview: z.boolean(),
  status: z.enum(SESSION_STATUSES),
  reason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The coach who uploaded it (coach accounts); null in open and single-password mode. */
  uploadedBy: z.string().nullable(),
});
export type Session = z.infer<typeof sessionSchema>;

export const sessionListSchema = z.object({
  items: z.array(sessionSchema),
  total: z.number(),
});
export type SessionList = z.infer<typeof sessionListSchema>;

export const sessionListQuerySchema = z.object({
  /** Words each found in the athlete's name or the filename, whatever their case or accents. */
  q: z.string().max(200).optional(),
  athlete: z.string().max(80).optional(),
  athleteId: athleteIdSchema.optional(),
  activity: activitySchema.optional(),
  status: z.enum(SESSION_STATUSES).optional(),
  needsReview: z.union([z.boolean(), z.stringbool()]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type SessionListQuery = z.input<typeof sessionListQuerySchema>;

/** GET /api/videos/:id: Guru's video answer plus the library entry. */
export const videoDetailSchema = videoResponseSchema.extend({
  session: sessionSchema.nullable(),
});
export type VideoDetail = z.infer<typeof videoDetailSchema>;

export const updateSessionRequestSchema = updateVideoRequestSchema;
export type UpdateSessionRequest = z.infer<typeof updateSessionRequestSchema>;

/** PUT /api/videos/:id/athlete: files the session under the athlete this name means (made if new). */
export const moveSessionRequestSchema = z.strictObject({ athlete: athleteSchema });
export type MoveSessionRequest = z.infer<typeof moveSessionRequestSchema>;

/** GET /api/athletes/:id answers one athlete so; GET /api/athletes lists them (athleteListSchema). */
export const athleteSummarySchema = z.object({
  id: z.number(),
  name: z.string(),
  sessions: z.number(),
  needsReview: z.number(),
  lastSessionAt: z.string().nullable(),
  /** Centimetres; calibrates velocity in m/s (without it, body heights per second). */
  heightCm: z.number().nullable(),
  /** The velocity loss (%) at which a set is flagged: the first rep this much slower than the fastest. */
  velocityLossPct: z.number(),
});
export type AthleteSummary = z.infer<typeof athleteSummarySchema>;

/** GET /api/athletes: every athlete, by name. */
export const athleteListSchema = z.object({ items: z.array(athleteSummarySchema) });
export type AthleteList = z.infer<typeof athleteListSchema>;

/** PUT /api/athletes/:id */
export const renameAthleteRequestSchema = z.strictObject({ name: athleteSchema });
export type RenameAthleteRequest = z.infer<typeof renameAthleteRequestSchema>;

/** PATCH /api/athletes/:id: the athlete's numbers (height, velocity-loss threshold); null clears the height. */
export const athleteSettingsRequestSchema = z
  .strictObject({
    heightCm: z.number('height must be a number of centimetres').min(100, 'height must be at least 100 cm').max(250, 'height must be at most 250 cm').nullable().optional(),
    velocityLossPct: z.number('the velocity-loss threshold must be a number').int('the velocity-loss threshold must be a whole percentage').min(5, 'the velocity-loss threshold must be at least 5%').max(60, 'the velocity-loss threshold must be at most 60%').optional(),
  })
  .refine((b) => b.heightCm !== undefined || b.velocityLossPct !== undefined, 'give heightCm or velocityLossPct');
export type AthleteSettingsRequest = z.infer<typeof athleteSettingsRequestSchema>;

/** POST /api/athletes/:id/merge: every session of :id moves to `into`, and :id is gone. */
export const mergeAthleteRequestSchema = z.strictObject({ into: z.number().int().positive() });
export type MergeAthleteRequest = z.infer<typeof mergeAthleteRequestSchema>;

/** An IANA time zone this runtime knows ("Europe/Paris"); dates are read in it. */
const timeZoneSchema = z
  .string()
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'unknown time zone');

/**
 * GET /api/athletes/:id/export.csv: the athlete's analysed sets from `from` to `to` (inclusive
 * calendar dates in `tz`, UTC by default; either may be left open), one row per rep (reps-csv.ts).
 */
export const athleteExportQuerySchema = z
  .object({
    from: z.iso.date('use a date like 2026-11-30').optional(),
    to: z.iso.date('use a date like 2026-11-30').optional(),
    tz: timeZoneSchema.default('UTC'),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'the From date is after the To date' });
export type AthleteExportQuery = z.input<typeof athleteExportQuerySchema>;
/** GET /api/athletes/:id/sets takes the export's range. */
export type AthleteSetsQuery = AthleteExportQuery;

/** Answer headers of the export: sets written, and sets left out because Guru's analysis could not be read. */
export const EXPORT_SETS_HEADER = 'X-RepLens-Sets';
export const EXPORT_SKIPPED_HEADER = 'X-RepLens-Skipped';

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function dateIn(iso: string, timeZone = 'UTC'): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}

// ---- The coach's version of a set's reps ------------------------------------------------------

/** Longest video a rep can be placed in (the upload limit keeps real ones far shorter). */
const MAX_REP_MS = 24 * 3600 * 1000;
const repTime = z.number().int().min(0).max(MAX_REP_MS);

/** Where the coach puts a rep; the bottom (a deadlift's lockout) is found from the movement when absent. */
export const repBoundsSchema = z
  .strictObject({ startTimestampMs: repTime, midTimestampMs: repTime.optional(), endTimestampMs: repTime })
  .refine((r) => r.startTimestampMs < r.endTimestampMs, 'a rep must end after it starts')
  .refine(
    (r) => r.midTimestampMs === undefined || (r.midTimestampMs >= r.startTimestampMs && r.midTimestampMs <= r.endTimestampMs),
    "a rep's bottom must lie between its start and end",
  );
export type RepBounds = z.infer<typeof repBoundsSchema>;

/** The version an edit or undo was made on (0: the detected reps); a newer one answers 409. */
const basedOn = z.number().int().min(0);

/** POST /api/videos/:id/reps/undo */
export const undoRepsRequestSchema = z.strictObject({ basedOn });

/** PUT /api/videos/:id/reps: the whole set as the coach judges it, on top of the version they saw. */
export const saveRepsRequestSchema = z
  .strictObject({
    basedOn,
    /** In time order; null puts the detected reps back. */
    reps: z.array(repBoundsSchema).max(500).nullable(),
  })
  .refine(
    (b) => !b.reps || b.reps.every((r, i) => i === 0 || r.startTimestampMs >= b.reps![i - 1].endTimestampMs),
    { message: 'reps must be in time order and must not overlap', path: ['reps'] },
  );
export type SaveRepsRequest = z.infer<typeof saveRepsRequestSchema>;

/** A rep of the coach's version: Guru's as it was, or placed by the coach and measured by RepLens. */
export const coachRepSchema = repSchema.extend({ edited: z.boolean() });
export type CoachRep = z.infer<typeof coachRepSchema>;

/** GET/PUT /api/videos/:id/reps, POST …/reps/undo: the coach's version of the set. */
export const coachRepsSchema = z.object({
  /** Counts every save and undo; 0 before any. */
  version: z.number(),
  /** null: the detected reps stand. */
  reps: z.array(coachRepSchema).nullable(),
  editedAt: z.string().nullable(),
  canUndo: z.boolean(),
});
export type CoachReps = z.infer<typeof coachRepsSchema>;

/** One analysed set of an athlete as the coach judged it (their version of the reps where one exists). */
export const athleteSetSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  /** The session's calendar date in the asked time zone. */
  date: z.string(),
  activity: z.string().nullable(),
  view: z.string().nullable(),
  filename: z.string(),
  /** Reps Guru found (the coach's may differ). */
  detected: z.number(),
  reps: z.array(coachRepSchema),
});
export type AthleteSet = z.infer<typeof athleteSetSchema>;

/** GET /api/athletes/:id/sets?from&to&tz: the athlete's analysed sets in the range, oldest first. */
export const athleteSetsSchema = z.object({
  athlete: athleteSummarySchema,
  sets: z.array(athleteSetSchema),
  /** Sets left out because their analysis could not be read just now. */
  skipped: z.number(),
});
export type AthleteSets = z.infer<typeof athleteSetsSchema>;


export { analysisResponseSchema };

// ---- Who is signed in: open (loopback, no sign-in), one shared password, or coach accounts --------

/** POST /api/session with DASHBOARD_PASSWORD (single-user mode). */
export const loginRequestSchema = z.strictObject({ password: z.string().min(1).max(1024) });

/** Emails are kept trimmed and lower-cased: one address, one account. */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'email is longer than 254 characters')
  .pipe(z.email('email is not a valid address'));

export const newPasswordSchema = z
  .string()
  .min(10, 'password must be at least 10 characters')
  .max(256, 'password is longer than 256 characters');

export const personNameSchema = z
  .string()
  .trim()
  .normalize('NFC')
  .min(1, 'name is required')
  .max(80, 'name is longer than 80 characters')
  .refine((n) => !DISPLAY_SPOOFING_CHARS.test(n), 'name has control or text-direction characters');

/** POST /api/session with coach accounts. */
export const accountLoginRequestSchema = z.strictObject({
  email: emailSchema,
  password: z.string().min(1, 'password is required').max(1024),
});
export type AccountLoginRequest = z.infer<typeof accountLoginRequestSchema>;

export const ACCOUNT_ROLES = ['admin', 'coach'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

export const accountSchema = z.object({
  id: z.number(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ACCOUNT_ROLES),
  status: z.enum(['active', 'disabled']),
  createdAt: z.string(),
});
export type Account = z.infer<typeof accountSchema>;

/** GET/POST/DELETE /api/session. `required`: the API needs a sign-in; `account`: who, with accounts. */
export const authStateSchema = z.object({
  required: z.boolean(),
  authenticated: z.boolean(),
  mode: z.enum(['open', 'password', 'accounts']),
  account: accountSchema.nullable(),
  /** Open mode on loopback: the admin account can be created here (POST /api/setup). */
  canSetUp: z.boolean(),
});
export type AuthState = z.infer<typeof authStateSchema>;

/** POST /api/setup: the first admin, from the machine RepLens runs on. */
export const setupRequestSchema = z.strictObject({ email: emailSchema, name: personNameSchema, password: newPasswordSchema });
export type SetupRequest = z.infer<typeof setupRequestSchema>;

/** The random part of /invite/<token>: 32 bytes, base64url. */
export const inviteTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'this invite link is not complete');

export const inviteSchema = z.object({ id: z.number(), email: z.string(), createdAt: z.string(), expiresAt: z.string() });
export type Invite = z.infer<typeof inviteSchema>;

/** POST /api/accounts/invites */
export const createInviteRequestSchema = z.strictObject({ email: emailSchema });
export type CreateInviteRequest = z.infer<typeof createInviteRequestSchema>;
/** The link is shown once: only its hash is kept. */
export const createdInviteSchema = inviteSchema.extend({ path: z.string() });
export type CreatedInvite = z.infer<typeof createdInviteSchema>;

/** GET /api/accounts (admin): everyone, and the invites not yet used. */
export const accountListSchema = z.object({ accounts: z.array(accountSchema), invites: z.array(inviteSchema) });
export type AccountList = z.infer<typeof accountListSchema>;

/** PUT /api/accounts/:id (admin) */
export const updateAccountRequestSchema = z.strictObject({ status: z.enum(['active', 'disabled']) });
export type UpdateAccountRequest = z.infer<typeof updateAccountRequestSchema>;

/** GET /api/invites/:token: what the invitee sees before choosing a name and password. */
export const inviteDetailsSchema = z.object({ email: z.string(), expiresAt: z.string() });
export type InviteDetails = z.infer<typeof inviteDetailsSchema>;

/** POST /api/invites/:token */
export const acceptInviteRequestSchema = z.strictObject({ name: personNameSchema, password: newPasswordSchema });
export type AcceptInviteRequest = z.infer<typeof acceptInviteRequestSchema>;

export const healthSchema = z.object({
  ok: z.boolean(),
  guru: z.enum(['local', 'remote']),
});
export type Health = z.infer<typeof healthSchema>;

/** Every non-2xx answer from /api. `code` is for logs, `message` is for the coach. */
export const apiErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;
