/**
 * Two RepLens servers on one PostgreSQL database (DATABASE_URL), started at once: one migration,
 * one admin, one library. Runs when TEST_DATABASE_URL names a server to make a fresh database on.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { notePostgresSkipped, TEST_DATABASE_URL } from './lib/test-postgres.ts';
import { startRepLens, type RepLens } from './start.ts';

const name = `replens_t_${randomBytes(5).toString('hex')}`;
const SECRET = randomBytes(32).toString('base64');
const admin = async (sql: string) => {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
};

notePostgresSkipped();
describe.skipIf(!TEST_DATABASE_URL)('two servers on one PostgreSQL database', () => {
  let dir: string;
  const servers: RepLens[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replens-pg-'));
    await admin(`CREATE DATABASE ${name}`);
    const url = new URL(TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    const start = (n: number) =>
      startRepLens(
        loadConfig({
          PORT: '0', DATA_DIR: path.join(dir, `data-${n}`), DATABASE_URL: url.href, SESSION_SECRET: SECRET,
          ADMIN_EMAIL: 'head@club.example', ADMIN_PASSWORD: 'first-admin-pass',
        }),
        { analyze: () => Promise.reject(new Error('unused')), distDir: dir, hashCost: { ln: 10, r: 8, p: 1 } },
      );
    servers.push(...(await Promise.all([start(1), start(2)])));
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const signIn = async (server: RepLens) => {
    const res = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      body: JSON.stringify({ email: 'head@club.example', password: 'first-admin-pass' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(200);
    return res.headers.get('set-cookie')!.split(';')[0];
  };

  it('share one admin and one library, and keep no library file in DATA_DIR', async () => {
    const [a, b] = servers;
    const [cookieA, cookieB] = [await signIn(a), await signIn(b)];
    const created = await fetch(`${a.url}/api/videos`, {
      method: 'POST',
      body: JSON.stringify({ athlete: 'Ana', filename: 'set.mp4', size: 4, domain: 'weightlifting', activity: 'squat', repCount: 2 }),
      headers: { 'content-type': 'application/json', cookie: cookieA, origin: a.url },
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const list = (await (await fetch(`${b.url}/api/videos`, { headers: { cookie: cookieB } })).json()) as { total: number; items: { id: string; uploadedBy: string }[] };
    expect(list).toMatchObject({ total: 1, items: [{ id, uploadedBy: 'Admin' }] });
    expect(fs.existsSync(path.join(dir, 'data-1', 'library.db'))).toBe(false);
  });

  it('accept each other\'s sign-ins with one SESSION_SECRET (the coach is not tied to one server)', async () => {
    const [a, b] = servers;
    const cookie = await signIn(a);
    expect((await fetch(`${b.url}/api/videos`, { headers: { cookie } })).status).toBe(200);
    // Signed out on one, signed out on both: the sign-in lives in the shared database.
    expect((await fetch(`${b.url}/api/session`, { method: 'DELETE', headers: { cookie, origin: b.url } })).status).toBe(200);
    expect((await fetch(`${a.url}/api/videos`, { headers: { cookie } })).status).toBe(401);
  });
});
