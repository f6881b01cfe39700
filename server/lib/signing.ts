/** HMAC and secret helpers shared by the local Guru (tokens, upload policies, file URLs) and the proxy (login cookies). */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const randomSecret = (bytes = 32) => randomBytes(bytes).toString('base64url');

/** SHA-256 of a random token, for storing tokens (invites, sign-ins) without being able to use them. */
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('base64url');

export function hmac(algorithm: 'sha1' | 'sha256', secret: string, data: string, encoding: 'base64' | 'base64url') {
  return createHmac(algorithm, secret).update(data).digest(encoding);
}

/** Constant-time string comparison, so signature checks leak nothing through timing. */
export function safeEqual(a: string, b: string) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
