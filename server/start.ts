/**
 * Starts RepLens: the local Guru on its own loopback port when no credentials are configured,
 * then the proxy and the dashboard. Used by `npm start` (server/main.ts) and by the tests.
 */
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { serve } from '@hono/node-server';
import type { Analyzer } from './analysis/types.ts';
import { createApp } from './app.ts';
import type { Config, GuruCredentials } from './config.ts';
import { createLocalGuru } from './local-guru/app.ts';
import { randomSecret } from './local-guru/signing.ts';
import { createGuruClient } from './proxy/guru-client.ts';
import { httpFetch } from './proxy/http-fetch.ts';
import { openLibrary } from './proxy/library.ts';
import { createPosterStore } from './proxy/posters.ts';
import { createTokenCache } from './proxy/token-cache.ts';

export interface StartOptions {
  /** The local Guru's analysis; defaults to the worker-thread pool. */
  analyze?: Analyzer;
  distDir?: string;
}

type Server = ReturnType<typeof serve>;

function listen(app: { fetch: (req: Request) => Response | Promise<Response> }, host: string, port: number) {
  return new Promise<{ server: Server; port: number }>((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: host, port }, (info: AddressInfo) => resolve({ server, port: info.port }));
    server.once('error', reject);
  });
}

const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

const urlHost = (host: string) => (host.includes(':') ? `[${host}]` : host);

async function startAnalysisPool(config: Config, cleanups: (() => Promise<void> | void)[]) {
  const { createAnalysisPool } = await import('./analysis/pool.ts');
  const pool = createAnalysisPool({ threads: config.analysisThreads });
  // Not awaited: the server listens while the workers load their model.
  void pool.warm();
  cleanups.push(() => pool.close());
  return pool.analyze;
}

export async function startRepLens(config: Config, options: StartOptions = {}) {
  const cleanups: (() => Promise<void> | void)[] = [];
  let dashboardOrigins: string[] = [];
  let credentials: GuruCredentials;
  let localGuru: ReturnType<typeof createLocalGuru> | undefined;

  if (config.guru) {
    credentials = config.guru;
  } else {
    // No credentials: run the local Guru with a fresh client identity that only the proxy knows.
    const analyze = options.analyze ?? (await startAnalysisPool(config, cleanups));
    let guruUrl = '';
    const clientId = `replens-${randomSecret(6)}`;
    const clientSecret = randomSecret();
    localGuru = createLocalGuru({
      dataDir: path.join(config.dataDir, 'local-guru'),
      publicUrl: () => guruUrl,
      clientId,
      clientSecret,
      analyze,
      allowedOrigins: () => dashboardOrigins,
      maxUploadBytes: config.maxUploadBytes,
    });
    const guruServer = await listen(localGuru.app, config.host, 0);
    guruUrl = `http://${urlHost(config.host)}:${guruServer.port}`;
    cleanups.push(() => close(guruServer.server));
    credentials = {
      clientId,
      clientSecret,
      authUrl: `${guruUrl}/oauth/token`,
      apiUrl: guruUrl,
      audience: 'https://api.formguru.fitness/',
      authScheme: 'bearer',
      timeoutMs: 60_000,
    };
  }

  const tokens = createTokenCache({ credentials, timeoutMs: credentials.timeoutMs, fetch: httpFetch });
  const guru = createGuruClient({
    apiUrl: credentials.apiUrl,
    tokens,
    authScheme: credentials.authScheme,
    timeoutMs: credentials.timeoutMs,
    fetch: httpFetch,
  });
  const library = openLibrary(config.dataDir);
  cleanups.push(() => library.close());
  const app = createApp({
    guru,
    library,
    posters: createPosterStore(config.dataDir),
    mode: localGuru ? 'local' : 'remote',
    maxUploadBytes: config.maxUploadBytes,
    dashboardPassword: config.dashboardPassword,
    dataDir: config.dataDir,
    distDir: options.distDir ?? path.resolve('dist'),
    // The real Guru's signed URLs point at cloud storage hosts we cannot list in advance (https:),
    // plus Guru's own origin, which may be plain http for a self-hosted or test Guru.
    guruOrigins: localGuru ? [new URL(credentials.apiUrl).origin] : ['https:', new URL(credentials.apiUrl).origin],
  });
  const main = await listen(app, config.host, config.port);
  const url = `http://${urlHost(config.host)}:${main.port}`;
  dashboardOrigins = [url];
  if (config.host === '127.0.0.1') dashboardOrigins.push(`http://localhost:${main.port}`);

  return {
    url,
    guruUrl: credentials.apiUrl,
    tokens,
    library,
    localGuru,
    async close() {
      await close(main.server);
      for (const cleanup of cleanups.reverse()) await cleanup();
    },
  };
}

export type RepLens = Awaited<ReturnType<typeof startRepLens>>;
