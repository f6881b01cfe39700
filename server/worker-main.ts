/**
 * `npm run worker`: an analysis worker for RepLens servers on PostgreSQL. It takes the local
 * Guru's analysis jobs from the shared queue and reads the uploads from the servers' DATA_DIR (a
 * shared filesystem when it runs on another machine). Run one or more per machine.
 */
import path from 'node:path';
import { createAnalysisPool } from './analysis/pool.ts';
import { ConfigError, loadWorkerConfig } from './config.ts';
import { describeUrl } from './lib/postgres.ts';
import { openPgAnalysisQueue } from './local-guru/postgres/analysis-queue.ts';
import { openPostgresVideoStore } from './local-guru/postgres/video-store.ts';

try {
  const config = loadWorkerConfig();
  const store = await openPostgresVideoStore(config.databaseUrl, path.join(config.dataDir, 'local-guru'));
  const pool = createAnalysisPool({ threads: config.analysisThreads });
  await pool.warm();
  const jobs = await openPgAnalysisQueue({
    url: config.databaseUrl,
    store,
    analyze: pool.analyze,
    slots: pool.size,
    timeoutSeconds: config.analysisJobTimeoutSeconds,
  });
  console.log(`Analysis worker is running: ${pool.size} at once, jobs from ${describeUrl(config.databaseUrl)}, videos from ${config.dataDir}`);
  const stop = () => {
    jobs
      .close()
      .then(() => Promise.all([pool.close(), store.close()]))
      .then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
