/**
 * The local Guru as a process of its own (`tsx server/local-guru/main.ts`), for pointing a RepLens
 * at it as if it were the cloud: GURU_API_URL=<its url>, GURU_AUTH_URL=<its url>/oauth/token.
 */
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { z } from 'zod';
import { createAnalysisPool } from '../analysis/pool.ts';
import { createLocalGuru } from './app.ts';

const env = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    HOST: z.string().default('127.0.0.1'),
    DATA_DIR: z.string().default('./data/local-guru-standalone'),
    LOCAL_GURU_CLIENT_ID: z.string().min(1),
    LOCAL_GURU_CLIENT_SECRET: z.string().min(16),
    /** Dashboard origins allowed to upload from a browser, comma-separated. */
    LOCAL_GURU_ALLOWED_ORIGINS: z.string().default(''),
    /** Delay every API answer, to stand in for the network distance to the cloud (benchmarks). */
    LOCAL_GURU_LATENCY_MS: z.coerce.number().int().min(0).max(5000).default(0),
    /** `off` serves uploads as they are, as the cloud Guru does (no browser-safe playback copies). */
    LOCAL_GURU_PLAYBACK_COPIES: z.enum(['on', 'off']).default('on'),
  })
  .parse(process.env);

const pool = createAnalysisPool();
let url = '';
const guru = createLocalGuru({
  dataDir: path.resolve(env.DATA_DIR),
  publicUrl: () => url,
  clientId: env.LOCAL_GURU_CLIENT_ID,
  clientSecret: env.LOCAL_GURU_CLIENT_SECRET,
  analyze: pool.analyze,
  allowedOrigins: () => env.LOCAL_GURU_ALLOWED_ORIGINS.split(',').filter(Boolean),
  maxUploadBytes: 500 * 1024 * 1024,
  playbackCopies: env.LOCAL_GURU_PLAYBACK_COPIES === 'on',
});
const latency = env.LOCAL_GURU_LATENCY_MS;
const fetchHandler = latency
  ? async (req: Request) => (await new Promise((r) => setTimeout(r, latency)), guru.app.fetch(req))
  : guru.app.fetch;
const server = serve({ fetch: fetchHandler, hostname: env.HOST, port: env.PORT }, (info: AddressInfo) => {
  url = `http://${env.HOST}:${info.port}`;
  console.log(`Local Guru is running at ${url}`);
});
process.once('SIGTERM', () => server.close(() => Promise.all([pool.close(), guru.copies.close()]).then(() => process.exit(0))));
