/** Server configuration from the environment, validated once at start-up. */
import path from 'node:path';
import { z } from 'zod';
import { emailSchema, newPasswordSchema, personNameSchema } from '../src/contract/api.ts';
import { MAX_VIDEO_BYTES } from '../src/contract/guru.ts';
import { isLoopback, isWildcard } from './lib/hosts.ts';

const optional = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const analysisEnv = {
  /** Local Guru only: how many analyses run at once (one worker thread each). */
  ANALYSIS_THREADS: z.coerce.number().int().min(1).max(16).optional(),
  /** With DATABASE_URL: an analysis job still running this long is presumed lost (its worker killed) and retried. */
  ANALYSIS_JOB_TIMEOUT_SECONDS: z.coerce.number().int().min(2).max(86_400).default(900),
};

const envSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().trim().min(1).default('127.0.0.1'),
    /** The address people open the dashboard at; every URL the browser receives is built from it. */
    PUBLIC_URL: optional.pipe(z.url({ protocol: /^https?$/ }).optional()),
    DATA_DIR: z.string().trim().min(1).default('./data'),
    /** The library and accounts in PostgreSQL instead of DATA_DIR/library.db. */
    /** Signs sign-in cookies; the same on every server of one database, so a sign-in holds on all of them. */
    SESSION_SECRET: optional.pipe(z.string().min(32, 'must be at least 32 characters (openssl rand -base64 32)').optional()),
    DATABASE_URL: optional.pipe(z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' }).optional()),
    GURU_CLIENT_ID: optional,
    GURU_CLIENT_SECRET: optional,
    GURU_AUTH_URL: optional.pipe(z.url().optional()),
    GURU_AUDIENCE: z.string().trim().default('https://api.formguru.fitness/'),
    GURU_SCOPE: optional,
    GURU_AUTH_SCHEME: z.enum(['bearer', 'raw']).default('bearer'),
    GURU_API_URL: optional.pipe(z.url().optional()),
    /** How long one upstream Guru call may take. */
    GURU_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
    MAX_UPLOAD_BYTES: z.coerce.number().int().min(1).max(MAX_VIDEO_BYTES).default(MAX_VIDEO_BYTES),
    DASHBOARD_PASSWORD: optional,
    /** Coach accounts: the admin made at start when this email has no account yet (never overwritten). */
    ADMIN_EMAIL: optional.pipe(emailSchema.optional()),
    ADMIN_PASSWORD: z
      .string()
      .transform((v) => (v === '' ? undefined : v))
      .pipe(newPasswordSchema.optional())
      .optional(),
    ADMIN_NAME: optional.pipe(personNameSchema.optional()),
    /** Behind a reverse proxy: count wrong passwords per X-Forwarded-For address, not per proxy. */
    TRUST_PROXY: z.stringbool().default(false),
    ...analysisEnv,
    /** With DATABASE_URL: false leaves the analyses to `npm run worker` processes (a web-only server). */
    ANALYSIS_IN_PROCESS: z.stringbool().default(true),
  })
  .superRefine((env, ctx) => {
    if (env.DASHBOARD_PASSWORD && (env.ADMIN_EMAIL || env.ADMIN_PASSWORD)) {
      ctx.addIssue({
        code: 'custom',
        path: ['DASHBOARD_PASSWORD'],
        message: 'choose one: DASHBOARD_PASSWORD is the single shared password, ADMIN_EMAIL/ADMIN_PASSWORD turn on coach accounts',
      });
    }
    if (env.ADMIN_PASSWORD && !env.ADMIN_EMAIL) {
      ctx.addIssue({ code: 'custom', path: ['ADMIN_EMAIL'], message: 'is required when ADMIN_PASSWORD is set (the admin signs in with it)' });
    }
    if (!env.DASHBOARD_PASSWORD && !env.ADMIN_EMAIL && !isLoopback(env.HOST)) {
      ctx.addIssue({
        code: 'custom',
        path: ['HOST'],
        message: `${env.HOST} is reachable from other machines: set DASHBOARD_PASSWORD, or ADMIN_EMAIL and ADMIN_PASSWORD (coach accounts), or use HOST=127.0.0.1`,
      });
    }
    if (isWildcard(env.HOST) && !env.PUBLIC_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['PUBLIC_URL'],
        message: `is required with HOST=${env.HOST}: the address people open, e.g. http://192.168.1.20:${env.PORT}`,
      });
    }
    if (!env.GURU_CLIENT_ID) return;
    for (const key of ['GURU_CLIENT_SECRET', 'GURU_AUTH_URL', 'GURU_API_URL'] as const) {
      if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'is required when GURU_CLIENT_ID is set' });
    }
  });

export interface GuruCredentials {
  clientId: string;
  clientSecret: string;
  authUrl: string;
  apiUrl: string;
  audience: string;
  scope?: string;
  authScheme: 'bearer' | 'raw';
  timeoutMs: number;
}

export interface Config {
  port: number;
  host: string;
  /** The origin the browser uses; absent: http://HOST:PORT. */
  publicUrl?: string;
  dataDir: string;
  /** Absent: the library is SQLite in dataDir. */
  databaseUrl?: string;
  /** SESSION_SECRET; absent: a key kept in DATA_DIR/session-key. */
  sessionSecret?: string;
  maxUploadBytes: number;
  /** Absent: no shared password (open on loopback, or coach accounts). */
  dashboardPassword?: string;
  /** ADMIN_EMAIL/ADMIN_PASSWORD/ADMIN_NAME: the admin account made at start if its email has none. */
  admin?: { email: string; password?: string; name: string };
  trustProxy: boolean;
  analysisThreads?: number;
  analysisJobTimeoutSeconds: number;
  /** With databaseUrl: this server analyses queued videos too (else only workers do). */
  analysisInProcess: boolean;
  /** Absent: the local Guru runs in-process. */
  guru?: GuruCredentials;
}

export class ConfigError extends Error {}

function parseEnv<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv): z.output<T> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || 'env'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const e = parseEnv(envSchema, env);
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL && new URL(e.PUBLIC_URL).origin,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    sessionSecret: e.SESSION_SECRET,
    maxUploadBytes: e.MAX_UPLOAD_BYTES,
    dashboardPassword: e.DASHBOARD_PASSWORD,
    admin: e.ADMIN_EMAIL ? { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD, name: e.ADMIN_NAME ?? 'Admin' } : undefined,
    trustProxy: e.TRUST_PROXY,
    analysisThreads: e.ANALYSIS_THREADS,
    analysisJobTimeoutSeconds: e.ANALYSIS_JOB_TIMEOUT_SECONDS,
    analysisInProcess: e.ANALYSIS_IN_PROCESS,
    guru: e.GURU_CLIENT_ID
      ? {
          clientId: e.GURU_CLIENT_ID,
          clientSecret: e.GURU_CLIENT_SECRET!,
          authUrl: e.GURU_AUTH_URL!,
          apiUrl: e.GURU_API_URL!.replace(/\/+$/, ''),
          audience: e.GURU_AUDIENCE,
          scope: e.GURU_SCOPE,
          authScheme: e.GURU_AUTH_SCHEME,
          timeoutMs: e.GURU_TIMEOUT_MS,
        }
      : undefined,
  };
}

const workerEnvSchema = z.object({
  DATA_DIR: z.string().trim().min(1).default('./data'),
  DATABASE_URL: z
    .string({ error: 'is required: an analysis worker takes its jobs from the PostgreSQL the RepLens servers use' })
    .trim()
    .pipe(z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' })),
  ...analysisEnv,
});

export interface WorkerConfig {
  /** The servers' DATA_DIR (a shared filesystem): the uploads are read from it. */
  dataDir: string;
  databaseUrl: string;
  analysisThreads?: number;
  analysisJobTimeoutSeconds: number;
}

/** `npm run worker`: an analysis worker's configuration. */
export function loadWorkerConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const e = parseEnv(workerEnvSchema, env);
  return {
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    analysisThreads: e.ANALYSIS_THREADS,
    analysisJobTimeoutSeconds: e.ANALYSIS_JOB_TIMEOUT_SECONDS,
  };
}
