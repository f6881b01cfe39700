/**
 * The local Guru's signing keys, kept in its DATA_DIR so that upload forms, video URLs and tokens
 * issued before a restart still verify after it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { randomSecret } from '../lib/signing.ts';
import { writeOnce } from '../lib/atomic-files.ts';

const keysSchema = z.object({
  tokenSecret: z.string().min(32),
  accessKeyId: z.string().min(8),
  policySecret: z.string().min(32),
  securityToken: z.string().min(32),
  fileSecret: z.string().min(32),
});
export type SigningKeys = z.infer<typeof keysSchema>;

function freshKeys(): SigningKeys {
  return {
    tokenSecret: randomSecret(),
    accessKeyId: `LGAK${randomSecret(12).toUpperCase().replace(/[^A-Z0-9]/g, '')}`,
    policySecret: randomSecret(),
    securityToken: randomSecret(48),
    fileSecret: randomSecret(),
  };
}

const readKeys = (file: string) => keysSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));

/**
 * The keys in `dir`, made there the first time. Several servers sharing DATA_DIR must sign with
 * the same keys: when two make them at once, the first file written wins and the other adopts it.
 */
export function loadSigningKeys(dir: string): SigningKeys {
  const file = path.join(dir, 'signing-keys.json');
  if (fs.existsSync(file)) {
    try {
      return readKeys(file);
    } catch {
      console.warn(`[local-guru] ${file} is unreadable: new signing keys, so forms and video URLs issued before are void`);
      fs.rmSync(file, { force: true });
    }
  }
  fs.mkdirSync(dir, { recursive: true });
  return keysSchema.parse(JSON.parse(writeOnce(file, JSON.stringify(freshKeys()))));
}
