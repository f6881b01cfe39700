/**
 * The RepLens HTTP app: security headers, request hygiene, /api and the built dashboard.
 */
import fs from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import type { ApiErrorBody } from '../src/contract/api.ts';
import { allowHosts } from './lib/hosts.ts';
import { createAccess } from './proxy/access.ts';
import type { Accounts } from './proxy/accounts.ts';
import { ProxyError } from './proxy/errors.ts';
import { createApi, type ApiOptions } from './proxy/routes.ts';
import { createSharedApi } from './proxy/shared-routes.ts';

export interface AppOptions extends ApiOptions {
  distDir: string;
  /** Origins the browser uploads to and plays video from (the Guru's signed URLs). */
  guruOrigins: string[];
  dashboardPassword?: string;
  /** Coach accounts; absent: only open or single-password mode. */
  accounts?: Accounts;
  dataDir: string;
  /** SESSION_SECRET: the cookie-signing key shared by several servers. */
  sessionSecret?: string;
  /** PUBLIC_URL's origin: what browsers send as Origin when a reverse proxy serves us (e.g. over https). */
  publicOrigin?: string;
  /** TRUST_PROXY: sign-in limits count per X-Forwarded-For address. */
  trustProxy?: boolean;
  /** Host names served besides loopback ones (PUBLIC_URL's, HOST's). */
  allowedHosts: string[];
  /** The local Guru, served on this origin under `path`. */
  localGuru?: { path: string; app: Hono };
}

const MAX_JSON_BYTES = 10 * 1024;

/** The request target exactly as the client sent it (Node's server), when there is one. */
const rawTarget = (env: unknown) => (env as { incoming?: { url?: string } } | undefined)?.incoming?.url;
const MUTATIONS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function createApp(options: AppOptions) {
  const app = new Hono();
  const guruSources = options.guruOrigins.join(' ');
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    // recharts and React set inline style attributes.
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob: ${guruSources}`,
    `media-src 'self' blob: ${guruSources}`,
    `connect-src 'self' ${guruSources}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');

  app.use('*', allowHosts(() => options.allowedHosts));
  app.use('*', async (c, next) => {
    await next();
    c.header('Content-Security-Policy', csp);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('X-Frame-Options', 'DENY');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Cross-Origin-Opener-Policy', 'same-origin');
  });

  app.use('/api/*', async (c, next) => {
    // Encoded dots and slashes or doubled slashes never name a real route: refuse them early, on
    // the path as sent (c.req.url is already normalised: /a/%2e%2e/b there reads /b).
    const rawPath = (rawTarget(c.env) ?? new URL(c.req.url).pathname).split('?')[0];
    if (/%2e|%2f|%5c|\.\.|\/\/|\\/i.test(rawPath)) throw new ProxyError(400, 'bad_path', 'That address is not valid.');
    // CSRF: a browser always sends Origin on cross-site mutations; it must be our own origin.
    if (MUTATIONS.has(c.req.method)) {
      const origin = c.req.header('origin');
      if (origin && origin !== new URL(c.req.url).origin && origin !== options.publicOrigin) {
        throw new ProxyError(403, 'cross_origin', 'This request came from another site and was refused.');
      }
    }
    c.header('Cache-Control', 'no-store');
    await next();
  });

  // Joint data runs to tens of MB of JSON: gzip shrinks it ~4x on the wire.
  app.use('/api/*', compress({ encoding: 'gzip' }));
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: MAX_JSON_BYTES,
      onError: () => {
        throw new ProxyError(413, 'body_too_large', 'The request is too large.');
      },
    }),
  );
  const access = createAccess({
    password: options.dashboardPassword,
    dataDir: options.dataDir,
    sessionSecret: options.sessionSecret,
    accounts: options.accounts,
    secureCookies: options.publicOrigin?.startsWith('https:'),
    trustProxy: options.trustProxy,
  });
  // Sign-in, setup, invite and share-link routes answer before the guard; everything after it needs a sign-in.
  app.route('/api', access.routes);
  app.route('/api/shared', createSharedApi(options.guru, options.library));
  app.use('/api/*', (c, next) => (c.req.path === '/api/health' ? next() : access.guard(c, next)));
  if (access.adminRoutes) app.route('/api/accounts', access.adminRoutes);
  app.route('/api', createApi(options));

  app.onError((error, c) => {
    const e = error instanceof ProxyError ? error : undefined;
    if (!e) console.error('[server] unexpected error:', error);
    const status = e?.status ?? 500;
    const body: ApiErrorBody = {
      error: {
        code: e?.code ?? 'internal_error',
        message: e?.message ?? 'Something went wrong on the RepLens server. Try again.',
      },
    };
    if (e?.retryAfterSeconds !== undefined) c.header('Retry-After', String(e.retryAfterSeconds));
    return c.json(body, status);
  });

  if (options.localGuru) app.route(options.localGuru.path, options.localGuru.app);

  const distDir = path.resolve(options.distDir);
  app.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.ok) c.header('Cache-Control', 'public, max-age=31536000, immutable');
  });
  app.use('*', serveStatic({ root: path.relative(process.cwd(), distDir) || '.' }));
  // Client-side routes (/library, /videos/:id) all load the app shell.
  app.get('*', (c) => {
    const index = path.join(distDir, 'index.html');
    if (!fs.existsSync(index)) return c.text('The dashboard is not built: run `npm run build` (npm start does it).', 503);
    c.header('Cache-Control', 'no-cache');
    return c.html(fs.readFileSync(index, 'utf8'));
  });
  return app;
}
