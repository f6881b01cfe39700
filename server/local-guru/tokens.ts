/**
 * Access tokens of the local Guru: stateless `lg1.<payload>.<hmac>` strings with an expiry, so a
 * restarted server simply rejects old tokens with 401 and clients fetch a new one.
 */
import { hmac, safeEqual } from '../lib/signing.ts';

export interface TokenIssuer {
  issue(subject: string, now?: number): { token: string; expiresIn: number };
  verify(token: string, now?: number): boolean;
}

export function createTokenIssuer(secret: string, ttlSeconds: number): TokenIssuer {
  return {
    issue(subject, now = Date.now()) {
      const payload = Buffer.from(JSON.stringify({ sub: subject, exp: now + ttlSeconds * 1000 })).toString('base64url');
      return { token: `lg1.${payload}.${hmac('sha256', secret, payload, 'base64url')}`, expiresIn: ttlSeconds };
    },
    verify(token, now = Date.now()) {
      const [version, payload, signature] = token.split('.');
      if (version !== 'lg1' || !payload || !signature) return false;
      if (!safeEqual(signature, hmac('sha256', secret, payload, 'base64url'))) return false;
      try {
        const { exp } = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { exp: unknown };
        return typeof exp === 'number' && exp > now;
      } catch {
        return false;
      }
    },
  };
}
