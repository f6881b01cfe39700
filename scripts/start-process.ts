/** Starts a server script (`tsx`) as its own process and waits for the URL it prints. */
import { spawn } from 'node:child_process';

export async function startProcess(script: string, env: Record<string, string>, pattern = /running at (http:\/\/\S+)/) {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => void (output += d));
  child.stderr.on('data', (d: Buffer) => void (output += d));
  const url = await new Promise<string>((resolve, reject) => {
    const onData = () => {
      const match = pattern.exec(output);
      if (match) resolve(match[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}:\n${output}`)));
    setTimeout(() => reject(new Error(`${script} did not start:\n${output}`)), 60_000).unref();
  });
  const exited = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
    });
  return {
    url,
    pid: child.pid!,
    output: () => output,
    stop: () => {
      const done = exited();
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      return done;
    },
    /** kill -9: the process gets no chance to close anything. */
    kill: () => {
      const done = exited();
      child.kill('SIGKILL');
      return done;
    },
  };
}

