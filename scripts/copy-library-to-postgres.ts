/**
 * `npm run library:to-postgres`: moves the embedded library (DATA_DIR/library.db) and the local
 * Guru's video records into the empty PostgreSQL database at DATABASE_URL, before the club's
 * servers start on it (server/move-to-postgres.ts). The files are only read: they stay as they
 * were, a backup of the move.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { describeUrl } from '../server/lib/postgres.ts';
import { moveToPostgres } from '../server/move-to-postgres.ts';

const env = z
  .object({
    DATA_DIR: z.string().trim().min(1).default('./data'),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'DATABASE_URL must be the postgres:// URL of the database to copy into' }),
  })
  .safeParse(process.env);
if (!env.success) {
  console.error(`library:to-postgres: ${env.error.issues.map((i) => i.message).join('; ')}`);
  process.exit(2);
}
const { DATA_DIR, DATABASE_URL } = env.data;
const file = path.join(DATA_DIR, 'library.db');
if (!fs.existsSync(file)) {
  console.error(`library:to-postgres: there is no library at ${file} (set DATA_DIR to the folder RepLens ran with)`);
  process.exit(2);
}
try {
  const { library, videos } = await moveToPostgres(DATA_DIR, DATABASE_URL);
  console.log(`Copied ${file} and the local Guru's records into ${describeUrl(DATABASE_URL)}:`);
  for (const [table, rows] of Object.entries(library)) console.log(`  ${table}: ${rows}`);
  console.log(`  local Guru videos: ${videos}`);
} catch (error) {
  console.error(`library:to-postgres: nothing was copied: ${(error as Error).message}`);
  process.exit(1);
}
