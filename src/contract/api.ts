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
  athlete: z.string(),
  filename: z.string(),
  size: z.number(),
  domain: z.string().nullable(),
  activity: z.string().nullable(),
  expectedReps: z.number().nullable(),
  /** The coach's corrected count: Guru's PUT repCount only records the expected count. */
  correctedReps: z.number().nullable(),
  repsFound: z.number().nullable(),
  status: z.enum(SESSION_STATUSES),
  reason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Session = z.infer<typeof sessionSchema>;

export const sessionListSchema = z.object({
  items: z.array(sessionSchema),
  total: z.number(),
});
export type SessionList = z.infer<typeof sessionListSchema>;

export const sessionListQuerySchema = z.object({
  athlete: z.string().max(80).optional(),
  activity: activitySchema.optional(),
  status: z.enum(SESSION_STATUSES).optional(),
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

export { analysisResponseSchema };

/** GET/POST/DELETE /api/session: the dashboard's own login (only when a password is configured). */
export const loginRequestSchema = z.strictObject({ password: z.string().min(1).max(1024) });
export const authStateSchema = z.object({ required: z.boolean(), authenticated: z.boolean() });
export type AuthState = z.infer<typeof authStateSchema>;

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
