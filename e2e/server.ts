/** Real server processes for the specs, each on a free port with its own DATA_DIR. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startProcess } from '../scripts/start-process.ts';

export interface RunningServer {
  url: string;
  dataDir: string;
  output: () => string;
  stop: () => Promise<void>;
}

async function start(script: string, env: Record<string, string>): Promise<RunningServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'replens-e2e-'));
  const child = await startProcess(script, { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ...env });
  return {
    url: child.url,
    dataDir,
    output: child.output,
    async stop() {
      await child.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** `npm start`'s server: the dashboard, /api, and (without GURU_CLIENT_ID) the local Guru. */
export const startServer = (env: Record<string, string> = {}) => start('server/main.ts', env);

/** The local Guru alone, standing in for the cloud Guru at its own URL. */
export const startStandaloneGuru = (env: Record<string, string>) => start('server/local-guru/main.ts', env);

/** `npm start`'s server with coach accounts (so "without a sign-in" means something), and its admin's cookie. */
export async function startServerWithAdmin(admin: { email: string; password: string; name: string }) {
  const server = await startServer({ ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password, ADMIN_NAME: admin.name });
  const signedIn = await fetch(`${server.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: admin.email, password: admin.password }),
  });
  return { server, cookie: signedIn.headers.get('set-cookie')!.split(';')[0] };
}
