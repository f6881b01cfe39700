/**
 * Dashboard sign-ins the server still honours, kept in DATA_DIR so a restart keeps coaches signed
 * in while a sign-out really ends that sign-in (a signed cookie alone cannot be taken back).
 */
import fs from 'node:fs';
import { randomSecret } from '../lib/signing.ts';

export function createLoginSessions(file: string, now: () => number) {
  const active = new Map<string, number>();
  try {
    for (const [id, expires] of Object.entries(JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>)) {
      if (typeof expires === 'number') active.set(id, expires);
    }
  } catch {
    // None yet, or unreadable: everyone signs in again.
  }

  function save() {
    for (const [id, expires] of active) if (expires <= now()) active.delete(id);
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(Object.fromEntries(active)), { mode: 0o600 });
    fs.renameSync(tmp, file);
  }

  return {
    start(ttlMs: number) {
      const id = randomSecret(18);
      const expires = now() + ttlMs;
      active.set(id, expires);
      save();
      return { id, expires };
    },
    isActive: (id: string) => (active.get(id) ?? 0) > now(),
    end(id: string) {
      if (active.delete(id)) save();
    },
  };
}
