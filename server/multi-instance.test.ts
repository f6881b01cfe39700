/**
 * Several machines on one PostgreSQL: two RepLens servers (web only, ANALYSIS_IN_PROCESS=false)
 * and two `npm run worker` processes, all real child processes sharing one DATA_DIR. Twelve
 * uploads spread over both servers; one worker is killed (kill -9) while it holds a job. Every
 * analysis completes, each is recorded exactly once, and both servers list the same library.
 * Runs when TEST_DATABASE_URL names a server to make a fresh database on.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sessionListSchema } from '../src/contract/api.ts';
import { generateVideo } from '../scripts/fixtures/generate.ts';
import { uploadViaApi } from '../scripts/replens-api.ts';
import { startProcess } from '../scripts/start-process.ts';
import { notePostgresSkipped, TEST_DATABASE_URL } from './lib/test-postgres.ts';

const UPLOADS = 12;
/** Short, so the killed worker's job comes back soon; still well above one clip's analysis. */
const JOB_TIMEOUT_SECONDS = 15;
const name = `replens_mi_${randomBytes(5).toString('hex')}`;

type Process = Awaited<ReturnType<typeof startProcess>>;

notePostgresSkipped();
describe.skipIf(!TEST_DATABASE_URL)('two servers and two analysis workers on one PostgreSQL', () => {
  let dir: string;
  let db: pg.Client;
  let clip: string;
  const servers: Process[] = [];
  const workers: Process[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replens-multi-'));
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    db = new pg.Client({ connectionString: url.href });
    await db.connect();
    clip = path.join(dir, 'squat.mp4');
    await generateVideo({ outPath: clip, activity: 'squat', reps: 2, width: 320, height: 240 });
    const env = {
      DATA_DIR: path.join(dir, 'shared-data'),
      DATABASE_URL: url.href,
      SESSION_SECRET: randomBytes(32).toString('base64'),
      ANALYSIS_JOB_TIMEOUT_SECONDS: String(JOB_TIMEOUT_SECONDS),
    };
    // All four start at once: migrations and the queue's setup must cope.
    const started = await Promise.all([
      startProcess('server/main.ts', { ...env, PORT: '0', ANALYSIS_IN_PROCESS: 'false' }),
      startProcess('server/main.ts', { ...env, PORT: '0', ANALYSIS_IN_PROCESS: 'false' }),
      startProcess('server/worker-main.ts', { ...env, ANALYSIS_THREADS: '1' }, /Analysis worker is (running)/),
      startProcess('server/worker-main.ts', { ...env, ANALYSIS_THREADS: '1' }, /Analysis worker is (running)/),
    ]);
    servers.push(...started.slice(0, 2));
    workers.push(...started.slice(2));
  });
  afterAll(async () => {
    await Promise.all([...servers, ...workers].map((p) => p.stop()));
    await db?.end();
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const activeJobs = async () =>
    (await db.query<{ id: string }>(`SELECT data->>'id' AS id FROM pgboss.job WHERE name = 'local-guru-analysis' AND state = 'active'`)).rows.map((r) => r.id);
  const list = async (server: Process) => sessionListSchema.parse(await (await fetch(`${server.url}/api/videos?limit=100`)).json()).items;

  it('analyses all twelve uploads exactly once though a worker is killed mid-job', { timeout: 300_000 }, async () => {
    const started = Date.now();
    const ids: string[] = [];
    for (let i = 0; i < UPLOADS; i++) ids.push(await uploadViaApi(servers[i % 2].url, clip, { athlete: `Athlete ${i % 3}` }));

    // Each worker runs one analysis at a time: two active jobs means both hold one. Kill one.
    await vi.waitFor(async () => expect(await activeJobs()).toHaveLength(2), { timeout: 60_000, interval: 100 });
    const queued = await fetch(`${servers[0].url}/api/videos/${ids[UPLOADS - 1]}/analysis`).then((r) => r.json());
    await workers[0].kill();
    const heldWhenKilled = await activeJobs();

    // Every session completes, as both servers see it.
    await vi.waitFor(
      async () => {
        for (const server of servers) {
          const items = await list(server);
          expect(items.map((s) => s.status).sort()).toEqual(Array(UPLOADS).fill('Complete'));
        }
      },
      { timeout: 240_000, interval: 1000 },
    );
    const [a, b] = await Promise.all(servers.map(list));
    expect(a.map((s) => s.id).sort()).toEqual([...ids].sort());
    expect(b).toEqual(a);

    // Each analysis recorded exactly once, the killed worker's job by the other worker after a retry.
    const outcomes = await db.query<{ video_id: string; n: number }>(
      'SELECT video_id, count(*)::int AS n FROM local_guru.analysis_outcomes GROUP BY video_id ORDER BY video_id',
    );
    expect(outcomes.rows).toEqual([...ids].sort().map((id) => ({ video_id: id, n: 1 })));
    const retried = await db.query<{ id: string }>(
      `SELECT data->>'id' AS id FROM pgboss.job WHERE name = 'local-guru-analysis' AND retry_count > 0
       UNION SELECT data->>'id' FROM pgboss.archive WHERE name = 'local-guru-analysis' AND retry_count > 0`,
    );
    expect(retried.rows.map((r) => r.id).filter((id) => heldWhenKilled.includes(id)).length).toBeGreaterThan(0);
    // No request depends on which server served the one before: a video URL signed by one server
    // plays from the other; a poster cut by one is served by the other; the joint data is on both.
    const video = (await (await fetch(`${servers[0].url}/api/videos/${ids[0]}`)).json()) as { uri: string };
    const onOther = new URL(video.uri);
    onOther.port = new URL(servers[1].url).port;
    const played = await fetch(onOther, { headers: { range: 'bytes=0-99' } });
    expect(played.status).toBe(206);
    expect((await played.arrayBuffer()).byteLength).toBe(100);
    for (const server of servers) {
      const poster = await fetch(`${server.url}/api/videos/${ids[1]}/poster`);
      expect(poster.headers.get('content-type')).toBe('image/jpeg');
      expect((await poster.arrayBuffer()).byteLength).toBeGreaterThan(500);
    }
    expect(fs.readdirSync(path.join(dir, 'shared-data', 'posters')).filter((f) => f.endsWith('.jpg'))).toEqual([`${ids[1]}.jpg`]);
    const joints = await Promise.all(servers.map(async (server) => (await fetch(`${server.url}/api/videos/${ids[2]}/j2p`)).text()));
    expect(joints[1]).toBe(joints[0]);
    expect(joints[0].length).toBeGreaterThan(1000);

    // The last upload waited behind others while the workers were busy.
    expect(queued).toMatchObject({ status: 'Pending' });
    expect(queued.queuePosition).toBeGreaterThan(0);
    console.log(`[multi-instance] ${UPLOADS} uploads analysed through a killed worker in ${Math.round((Date.now() - started) / 1000)} s`);
  });
});
