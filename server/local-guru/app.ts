/**
 * The local Guru: a real service speaking the Guru API (DESIGN.md section 3) for machines without
 * credentials or internet. Token endpoint, videos, signed S3-style uploads, range-served files and
 * analysis jobs; the proxy talks to it over HTTP exactly as it talks to the cloud.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { Hono, type Context } from 'hono';
import {
  createVideoRequestSchema,
  isActivityInDomain,
  updateVideoRequestSchema,
  videoIdSchema,
  type AnalysisResponse,
  type J2pResponse,
} from '../../src/contract/guru.ts';
import { ANALYSABLE_ACTIVITIES, isAnalysable } from '../../src/contract/measures.ts';
import type { Analyzer } from '../analysis/types.ts';
import { createAnalysisJobs, restartAnalysis, type AnalysisQueue } from './analysis-jobs.ts';
import { loadSigningKeys } from './keys.ts';
import { createPlaybackJobs } from './playback-jobs.ts';
import { receiveUpload } from './receive-upload.ts';
import { attachment, serveFile, videoContentType } from './serve-file.ts';
import { hmac, safeEqual } from '../lib/signing.ts';
import { createTokenIssuer } from './tokens.ts';
import { UploadRefused, createUploadForm, s3ErrorXml, type PolicySigner } from './upload-policy.ts';
import { openFileVideoStore, type VideoRecord, type VideoStore } from './video-store.ts';

export interface LocalGuruOptions {
  dataDir: string;
  /** Base URL the browser and the proxy reach this service at, e.g. http://127.0.0.1:4001. */
  publicUrl: () => string;
  clientId: string;
  clientSecret: string;
  /** Where records live and analyses wait; absent: files in dataDir, analysed in this process by `analyze`. */
  storage?: { store: VideoStore; jobs: AnalysisQueue };
  analyze?: Analyzer;
  /** Dashboard origins allowed to POST uploads from the browser (CORS). */
  allowedOrigins: () => string[];
  maxUploadBytes: number;
  tokenTtlSeconds?: number;
  uploadFormTtlSeconds?: number;
  fileUrlTtlSeconds?: number;
  /** Analyses run at once (the pool's workers); more wait in order (default 2). */
  analysisSlots?: number;
  /** false: serve every upload as it is, as the cloud Guru does (default true: see playback-jobs.ts). */
  playbackCopies?: boolean;
}

const KEY_PREFIX = 'videos/';

const notAnalysable = (activity: string) =>
  `activity: ${activity} is counted only by the cloud Guru; this local Guru measures ${ANALYSABLE_ACTIVITIES.join(', ')}`;

function embeddedAnalyzer(options: LocalGuruOptions): Analyzer {
  if (!options.analyze) throw new Error('the local Guru needs `analyze` unless its storage and queue are given');
  return options.analyze;
}

export function createLocalGuru(options: LocalGuruOptions) {
  const store = options.storage?.store ?? openFileVideoStore(options.dataDir);
  const jobs = options.storage?.jobs ?? createAnalysisJobs(store, embeddedAnalyzer(options), options.analysisSlots);
  const copies = createPlaybackJobs(store);
  const keys = loadSigningKeys(options.dataDir);
  const tokens = createTokenIssuer(keys.tokenSecret, options.tokenTtlSeconds ?? 86_400);
  const signer: PolicySigner = { accessKeyId: keys.accessKeyId, secret: keys.policySecret, securityToken: keys.securityToken };
  /** Videos whose file is arriving right now. */
  const receiving = new Set<string>();
  const app = new Hono();

  const unauthorized = (c: Context) => c.json({ message: 'Unauthorized' }, 401);
  const notFound = (c: Context) => c.json({ message: 'Video not found' }, 404);
  const invalid = (c: Context, message: string) => c.json({ message }, 400);

  app.post('/oauth/token', async (c) => {
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const id = typeof form.client_id === 'string' ? form.client_id : '';
    const secret = typeof form.client_secret === 'string' ? form.client_secret : '';
    if (form.grant_type !== 'client_credentials') {
      return c.json({ error: 'unsupported_grant_type', error_description: 'Only client_credentials is supported' }, 400);
    }
    if (!safeEqual(id, options.clientId) || !safeEqual(secret, options.clientSecret)) {
      return c.json({ error: 'access_denied', error_description: 'Unauthorized' }, 401);
    }
    const { token, expiresIn } = tokens.issue(id);
    return c.json({ access_token: token, token_type: 'Bearer', expires_in: expiresIn });
  });

  // Every API call needs a valid token; both `Bearer <t>` and the bare token are accepted.
  const requireToken = async (c: Context, next: () => Promise<void>) => {
    const token = (c.req.header('authorization') ?? '').replace(/^Bearer\s+/i, '').trim();
    if (!token || !tokens.verify(token)) return unauthorized(c);
    await next();
  };
  app.use('/videos', requireToken);
  app.use('/videos/*', requireToken);

  app.post('/videos', async (c) => {
    const body = await c.req.json().catch(() => undefined);
    const parsed = createVideoRequestSchema.safeParse(body);
    if (!parsed.success) return invalid(c, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    if (parsed.data.size > options.maxUploadBytes) return invalid(c, 'size: the file is too large');
    if (parsed.data.activity && !isAnalysable(parsed.data.activity)) return invalid(c, notAnalysable(parsed.data.activity));
    const id = randomUUID();
    const record: VideoRecord = {
      id,
      filename: parsed.data.filename,
      size: parsed.data.size,
      source: parsed.data.source ?? null,
      domain: parsed.data.domain ?? null,
      activity: parsed.data.activity ?? null,
      repCount: parsed.data.repCount ?? null,
      createdAt: new Date().toISOString(),
      status: 'Pending',
      uploadedBytes: null,
      analysis: { status: 'Pending', reason: null, domain: parsed.data.domain ?? null, activity: parsed.data.activity ?? null, reps: [] },
      fps: null,
      width: null,
      height: null,
      durationMs: null,
    };
    await store.save(record);
    const fields = createUploadForm(signer, {
      key: `${KEY_PREFIX}${id}`,
      contentType: videoContentType(record.filename),
      bytes: record.size,
      expiresInSeconds: options.uploadFormTtlSeconds ?? 3600,
    });
    return c.json({ id, url: `${options.publicUrl()}/uploads`, fields });
  });

  const withVideo = (handler: (c: Context, record: VideoRecord) => Response | Promise<Response>) => async (c: Context) => {
    const id = videoIdSchema.safeParse(c.req.param('id'));
    const record = id.success ? await store.get(id.data) : undefined;
    return record ? handler(c, record) : notFound(c);
  };

  app.get(
    '/videos/:id',
    withVideo(async (c, record) => {
      const include = new Set((c.req.query('include') ?? '').split(',').map((s) => s.trim()));
      return c.json({
        id: record.id,
        status: record.status,
        reason: record.analysis.status === 'Failed' ? record.analysis.reason : null,
        ...videoUris(record),
        fps: record.fps,
        resolutionWidth: record.width,
        resolutionHeight: record.height,
        durationMs: record.durationMs,
        filename: record.filename,
        size: record.size,
        domain: record.domain,
        activity: record.activity,
        repCount: record.repCount,
        createdAt: record.createdAt,
        overlays: {},
        ...(include.has('analysis') ? { analysis: await analysisOf(record) } : {}),
        ...(include.has('j2p') ? { j2p: j2pOf(record) } : {}),
      });
    }),
  );

  app.put(
    '/videos/:id',
    withVideo(async (c, record) => {
      const parsed = updateVideoRequestSchema.safeParse(await c.req.json().catch(() => undefined));
      if (!parsed.success) return invalid(c, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      const domain = parsed.data.domain ?? record.domain;
      const activity = parsed.data.activity ?? record.activity;
      if (domain && activity && !isActivityInDomain(domain, activity)) return invalid(c, `activity: ${activity} is not an activity of ${domain}`);
      if (parsed.data.activity && !isAnalysable(parsed.data.activity)) return invalid(c, notAnalysable(parsed.data.activity));
      const reanalyse = parsed.data.activity !== undefined && parsed.data.activity !== record.activity && record.status === 'Success';
      await store.update(record.id, (r) => {
        if (parsed.data.repCount !== undefined) r.repCount = parsed.data.repCount;
        if (parsed.data.domain !== undefined) r.domain = parsed.data.domain;
        if (parsed.data.activity !== undefined) r.activity = parsed.data.activity;
      });
      // A corrected activity changes what is measured: the set is analysed again as that activity.
      if (reanalyse) await restartAnalysis(store, jobs, record.id);
      return c.json({ id: record.id });
    }),
  );

  app.get('/videos/:id/analysis', withVideo(async (c, record) => c.json(await analysisOf(record))));
  app.get(
    '/videos/:id/j2p',
    withVideo((c, record) => {
      const file = record.analysis.status === 'Pending' ? undefined : store.jointsFile(record.id);
      if (!file) return c.json(j2pOf(record));
      // The stored `{"jointToPoints":…}` goes out as it is on disk after the other fields: parsing
      // and re-serialising tens of MB would hold the event loop for seconds.
      const head = `${JSON.stringify(j2pFields(record)).slice(0, -1)},`;
      const body = Readable.from((async function* () {
        yield Buffer.from(head);
        yield* fs.createReadStream(file, { start: 1 });
      })());
      return c.body(Readable.toWeb(body) as ReadableStream, 200, { 'content-type': 'application/json' });
    }),
  );

  // The signed upload endpoint: the browser posts here directly, cross-origin.
  app.options('/uploads', (c) => {
    const origin = allowedOrigin(c);
    if (!origin) return c.body(null, 403);
    return c.body(null, 204, {
      'access-control-allow-origin': origin,
      'access-control-allow-methods': 'POST',
      'access-control-allow-headers': 'content-type',
      'access-control-max-age': '600',
      vary: 'Origin',
    });
  });

  app.post('/uploads', async (c) => {
    const origin = allowedOrigin(c);
    const cors: Record<string, string> = origin ? { 'access-control-allow-origin': origin, vary: 'Origin' } : {};
    let claimed: string | undefined;
    try {
      const upload = await receiveUpload(c.req.raw, {
        signer,
        tmpDir: store.fileDir,
        hardCapBytes: options.maxUploadBytes,
        async targetFor(form) {
          const id = form.key.startsWith(KEY_PREFIX) ? form.key.slice(KEY_PREFIX.length) : '';
          const record = await store.get(id);
          if (!record) throw new UploadRefused(404, 'NoSuchKey', 'The specified key does not exist.');
          // The same form posted several times at once: the first to get here receives, the rest get 409.
          if (record.status !== 'Pending' || receiving.has(id)) {
            throw new UploadRefused(409, 'OperationAborted', 'This video was already uploaded.');
          }
          receiving.add(id);
          claimed = id;
          return store.filePath(id);
        },
      });
      const id = upload.form.key.slice(KEY_PREFIX.length);
      await store.update(id, (r) => {
        r.status = 'Success';
        r.uploadedBytes = upload.bytes;
      });
      await jobs.start(id);
      if (options.playbackCopies !== false) await copies.start(id);
      return c.body(null, 204, cors);
    } catch (error) {
      if (!(error instanceof UploadRefused)) throw error;
      return c.body(s3ErrorXml(error.code, error.message), error.status, { ...cors, 'content-type': 'application/xml' });
    } finally {
      if (claimed) receiving.delete(claimed);
    }
  });

  app.get('/files/:id', async (c) => {
    const record = await signedFileRecord(c, c.req.param('id'));
    if (!record) return accessDenied(c);
    // `download` only changes how the same bytes are offered, so the signature need not cover it.
    const headers: Record<string, string> = c.req.query('download') === undefined ? {} : { 'content-disposition': attachment(record.filename) };
    return serveFile(store.filePath(record.id), c.req.header('range'), videoContentType(record.filename), headers);
  });

  app.get('/files/:id/playback.mp4', async (c) => {
    const record = await signedFileRecord(c, `${c.req.param('id')}/playback.mp4`);
    if (!record) return accessDenied(c);
    return serveFile(store.playbackPath(record.id), c.req.header('range'), 'video/mp4');
  });

  /** The record behind a signed file URL for `key` (`<id>` or `<id>/<file>`), if the URL is valid. */
  async function signedFileRecord(c: Context, key: string) {
    const expires = Number(c.req.query('expires'));
    const signature = c.req.query('signature') ?? '';
    if (!(expires > Date.now() && safeEqual(signature, fileSignature(key, expires)))) return undefined;
    return store.get(c.req.param('id') ?? '');
  }

  function accessDenied(c: Context) {
    return c.body(s3ErrorXml('AccessDenied', 'Request has expired or the signature does not match.'), 403, {
      'content-type': 'application/xml',
    });
  }

  function allowedOrigin(c: Context) {
    const origin = c.req.header('origin');
    return origin && options.allowedOrigins().includes(origin) ? origin : undefined;
  }

  function fileSignature(key: string, expires: number) {
    return hmac('sha256', keys.fileSecret, `${key}:${expires}`, 'base64url');
  }

  function fileUrl(key: string) {
    const expires = Date.now() + (options.fileUrlTtlSeconds ?? 6 * 3600) * 1000;
    return `${options.publicUrl()}/files/${key}?expires=${expires}&signature=${fileSignature(key, expires)}`;
  }

  /**
   * `uri` is what browsers should play: the playback copy once it exists, nothing while it is made.
   * RepLens extensions beside it: `playback` (Preparing, Copy or Original) and `originalUri`, the
   * upload as sent, offered as a download.
   */
  function videoUris(record: VideoRecord) {
    if (record.status !== 'Success') return { uri: null };
    if (!record.playback) return { uri: fileUrl(record.id) };
    const uri = { Preparing: null, Copy: fileUrl(`${record.id}/playback.mp4`), Original: fileUrl(record.id) }[record.playback];
    return { uri, playback: record.playback, originalUri: `${fileUrl(record.id)}&download=1` };
  }

  async function analysisOf(record: VideoRecord): Promise<AnalysisResponse> {
    return {
      status: record.analysis.status,
      reason: record.analysis.reason,
      domain: record.analysis.domain,
      activity: record.analysis.activity,
      view: record.analysis.view ?? null,
      queuePosition: record.analysis.status === 'Pending' ? await jobs.setsAhead(record.id) : null,
      reps: record.analysis.reps,
    };
  }

  function j2pFields(record: VideoRecord): Omit<J2pResponse, 'jointToPoints'> {
    return {
      status: record.analysis.status,
      resolutionWidth: record.width,
      resolutionHeight: record.height,
      analysis: { reps: record.analysis.reps },
    };
  }

  function j2pOf(record: VideoRecord): J2pResponse {
    const done = record.analysis.status !== 'Pending';
    return { ...j2pFields(record), ...(done ? store.joints(record.id) : { jointToPoints: {} }) };
  }

  const resumed = Promise.all([jobs.resume(), copies.resume()]).catch((error: unknown) =>
    console.error('[local-guru] could not resume the unfinished analyses and copies:', error),
  );
  return { app, store, jobs, copies, resumed, paths: { root: path.resolve(options.dataDir) } };
}

export type LocalGuru = ReturnType<typeof createLocalGuru>;
