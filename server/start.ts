/**
 * Starts RepLens: the proxy and the dashboard, plus the local Guru mounted under /guru on the
 * same origin when no credentials are configured (so its URLs follow PUBLIC_URL and stay the same
 * across restarts). Used by `npm start` (server/main.ts) and by the tests.
 */
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { serve } from '@hono/node-server';
import type { Analyzer } from './analysis/types.ts';
import { createApp } from './app.ts';
import type { ScryptCost } from './lib/passwords.ts';
import type { AccountStore } from './proxy/account-store.ts';
import { ConfigError, type Config, type GuruCredentials } from './config.ts';
import { isWildcard } from './lib/hosts.ts';
import { createLocalGuru } from './local-guru/app.ts';
import { randomSecret } from './lib/signing.ts';
import { createAccounts, type Accounts } from './proxy/accounts.ts';
import { createGuruClient } from './proxy/guru-client.ts';
import { httpFetch } from './proxy/http-fetch.ts';
import { openSqliteLibrary } from './proxy/library.ts';
import type { LibraryStore } from './proxy/library-store.ts';
import { createPosterStore } from './proxy/posters.ts';
import { createSessionSync } from './proxy/session-sync.ts';
import { createTokenCache } from './proxy/token-cache.ts';

export interface StartOptions {
  /** The local Guru's analysis; defaults to the worker-thread pool. */
  analyze?: Analyzer;
  distDir?: string;
  /** Password hashing cost (tests only). */
  hashCost?: ScryptCost;
}

/** Where the local Guru is mounted on the dashboard's origin. */
export const LOCAL_GURU_PATH = '/guru';

type Server = ReturnType<typeof serve>;
type FetchHandler = (req: Request, env: unknown) => Response | Promise<Response>;

function listen(fetch: FetchHandler, host: string, port: number) {
  return new Promise<{ server: Server; port: number }>((resolve, reject) => {
    const server = serve({ fetch, hostname: host, port }, (info: AddressInfo) => resolve({ server, port: info.port }));
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
  return pool;
}

/**
 * With DATABASE_URL: the local Guru's records in PostgreSQL and its analyses on the shared queue,
 * worked here when `analyze` is given (ANALYSIS_IN_PROCESS) and by any `npm run worker`.
 */
async function openSharedGuruStorage(config: Config, guruDir: string, analyze: Analyzer | undefined, slots = 2, cleanups: (() => Promise<void> | void)[]) {
  const url = config.databaseUrl!;
  const [{ openPostgresVideoStore }, { openPgAnalysisQueue }] = await Promise.all([
    import('./local-guru/postgres/video-store.ts'),
    import('./local-guru/postgres/analysis-queue.ts'),
  ]);
  try {
    const store = await openPostgresVideoStore(url, guruDir);
    cleanups.push(() => store.close());
    const jobs = await openPgAnalysisQueue({ url, store, analyze, slots: analyze ? slots : 0, timeoutSeconds: config.analysisJobTimeoutSeconds });
    cleanups.push(() => jobs.close());
    return { store, jobs };
  } catch (error) {
    for (const cleanup of cleanups.reverse()) await cleanup();
    throw new ConfigError(`Invalid configuration:\n  DATABASE_URL: ${(error as Error).message.replace('[local-guru] ', '')}`);
  }
}

/**
 * Coach accounts at start: ADMIN_EMAIL/ADMIN_PASSWORD make the admin once; a shared password on a
 * library that has accounts is refused rather than silently winning or losing.
 */
async function prepareAccounts(config: Config, store: AccountStore, hashCost?: ScryptCost) {
  const accounts = createAccounts({ store, hashCost });
  if (config.dashboardPassword) {
    if (await accounts.hasAccounts()) {
      throw new ConfigError(
        'Invalid configuration:\n  DASHBOARD_PASSWORD: this library has coach accounts, which replace the shared password. Unset DASHBOARD_PASSWORD and sign in with an account.',
      );
    }
    return accounts;
  }
  if (config.admin) {
    const { created, account } = await accounts.ensureAdmin(config.admin);
    if (!account) {
      throw new ConfigError(`Invalid configuration:\n  ADMIN_PASSWORD: is required to create the admin account ${config.admin.email}`);
    }
    if (created) console.log(`[accounts] created the admin account ${account.email}`);
    else if (account.role !== 'admin') console.warn(`[accounts] ADMIN_EMAIL ${account.email} is a coach account; it was left as it is.`);
  }
  return accounts;
}

/** PostgreSQL when DATABASE_URL is set (its driver loaded only then), else SQLite in DATA_DIR. */
async function openLibrary(config: Config): Promise<LibraryStore> {
  if (!config.databaseUrl) return openSqliteLibrary(config.dataDir);
  const { openPostgresLibrary } = await import('./proxy/postgres/library.ts');
  try {
    return await openPostgresLibrary(config.databaseUrl);
  } catch (error) {
    throw new ConfigError(`Invalid configuration:\n  DATABASE_URL: ${(error as Error).message.replace('[library] ', '')}`);
  }
}

export async function startRepLens(config: Config, options: StartOptions = {}) {
  const cleanups: (() => Promise<void> | void)[] = [];
  // Listen first (PORT may be 0), so every URL below is known before the app exists.
  let handler: FetchHandler = () => new Response('RepLens is starting.', { status: 503 });
  const main = await listen((req, env) => handler(req, env), config.host, config.port);
  cleanups.push(() => close(main.server));
  const url = config.publicUrl ?? `http://${urlHost(config.host)}:${main.port}`;
  // The proxy reaches its own process on loopback when HOST listens everywhere.
  const selfUrl = `http://${urlHost(isWildcard(config.host) ? '127.0.0.1' : config.host)}:${main.port}`;
  const allowedHosts = [new URL(url).hostname, ...(isWildcard(config.host) ? [] : [config.host])];
  const dashboardOrigins = [url, ...['127.0.0.1', 'localhost', '[::1]', ...allowedHosts].map((h) => `http://${urlHost(h)}:${main.port}`)];

  let credentials: GuruCredentials;
  let localGuru: ReturnType<typeof createLocalGuru> | undefined;
  if (config.guru) {
    credentials = config.guru;
  } else {
    // No credentials: run the local Guru with a fresh client identity that only the proxy knows.
    const works = !config.databaseUrl || config.analysisInProcess;
    const pool = options.analyze || !works ? null : await startAnalysisPool(config, cleanups);
    const analyze = options.analyze ?? pool?.analyze;
    const guruDir = path.join(config.dataDir, 'local-guru');
    const storage = config.databaseUrl ? await openSharedGuruStorage(config, guruDir, works ? analyze : undefined, pool?.size, cleanups) : undefined;
    const clientId = `replens-${randomSecret(6)}`;
    const clientSecret = randomSecret();
    localGuru = createLocalGuru({
      dataDir: guruDir,
      storage,
      publicUrl: () => `${url}${LOCAL_GURU_PATH}`,
      clientId,
      clientSecret,
      analyze,
      analysisSlots: pool?.size,
      allowedOrigins: () => dashboardOrigins,
      maxUploadBytes: config.maxUploadBytes,
    });
    cleanups.push(() => localGuru?.copies.close());
    credentials = {
      clientId,
      clientSecret,
      authUrl: `${selfUrl}${LOCAL_GURU_PATH}/oauth/token`,
      apiUrl: `${selfUrl}${LOCAL_GURU_PATH}`,
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
  let accounts: Accounts;
  let library: LibraryStore;
  try {
    library = await openLibrary(config);
    cleanups.push(() => library.close());
    accounts = await prepareAccounts(config, library.accounts, options.hashCost);
  } catch (error) {
    for (const cleanup of cleanups.reverse()) await cleanup();
    throw error;
  }
  const sync = createSessionSync({ guru, library });
  sync.start();
  cleanups.push(() => sync.stop());
  const app = createApp({
    guru,
    library,
    sync,
    posters: createPosterStore(config.dataDir),
    mode: localGuru ? 'local' : 'remote',
    maxUploadBytes: config.maxUploadBytes,
    dashboardPassword: config.dashboardPassword,
    accounts,
    dataDir: config.dataDir,
    sessionSecret: config.sessionSecret,
    publicOrigin: new URL(url).origin,
    trustProxy: config.trustProxy,
    distDir: options.distDir ?? path.resolve('dist'),
    allowedHosts,
    localGuru: localGuru && { path: LOCAL_GURU_PATH, app: localGuru.app },
    // The local Guru's URLs are built on PUBLIC_URL. The real Guru's signed URLs point at cloud
    // storage hosts we cannot list in advance (https:), plus Guru's own origin, which may be plain
    // http for a self-hosted or test Guru.
    guruOrigins: localGuru ? [new URL(url).origin] : ['https:', new URL(credentials.apiUrl).origin],
  });
  handler = app.fetch;

  return {
    url,
    guruUrl: localGuru ? `${url}${LOCAL_GURU_PATH}` : credentials.apiUrl,
    tokens,
    library,
    sync,
    localGuru,
    async close() {
      for (const cleanup of cleanups.reverse()) await cleanup();
    },
  };
}

export type RepLens = Awaited<ReturnType<typeof startRepLens>>;
