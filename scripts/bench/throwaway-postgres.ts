/**
 * A throwaway PostgreSQL cluster for a bench run, as .ci/run makes one: initdb in a temp dir (as
 * the postgres user when running as root: initdb refuses root), a free loopback port, gone on stop.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });

export async function startThrowawayPostgres(): Promise<{ url: string; stop(): void } | undefined> {
  if (!fs.existsSync(path.join(BIN, 'initdb'))) return undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replens-bench-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync('chown', ['postgres:', dir]);
  const run = (bin: string, args: string[]) =>
    execFileSync(asRoot ? 'runuser' : path.join(BIN, bin), asRoot ? ['-u', 'postgres', '--', path.join(BIN, bin), ...args] : args, { stdio: 'ignore', cwd: dir });
  const port = await freePort();
  const data = path.join(dir, 'data');
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
  // Durable settings as a real server has them (fsync on): the bench measures reads, but fills the library too.
  run('pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`, 'start']);
  run('createdb', ['-h', dir, '-p', String(port), '-U', 'postgres', 'replens_bench']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/replens_bench`,
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
