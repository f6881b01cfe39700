/** HMAC and secret helpers shared by the local Guru (tokens, upload policies, file URLs) and the proxy (login cookies). */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const randomSecret = (bytes = 32) => randomBytes(bytes).toString('base64url');

export function hmac(algorithm: 'sha1' | 'sha256', secret: string, data: string, encoding: 'base64' | 'base64url') {
  return createHmac(algorithm, secret).update(data).digest(encoding);
}

/** Constant-time string comparison, so signature checks leak nothing through timing. */
export function safeEqual(a: string, b: string) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
