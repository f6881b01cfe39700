/**
 * Who may use this proxy. It spends one club-wide Guru account and shows every athlete's video,
 * so: with DASHBOARD_PASSWORD a login sets a signed httpOnly SameSite=Strict cookie that every
 * other /api route requires; without it, the server only listens on loopback (see config.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { loginRequestSchema, type AuthState } from '../../src/contract/api.ts';
import { hmac, randomSecret, safeEqual } from '../lib/signing.ts';
import { ProxyError } from './errors.ts';
import { createLoginSessions } from './login-sessions.ts';

const COOKIE = 'replens_session';
const SESSION_MS = 12 * 3600 * 1000;

export interface AccessOptions {
  password?: string;
  dataDir: string;
  now?: () => number;
  /** Failed logins allowed per client address per window. */
  maxFailures?: number;
  windowMs?: number;
}

/** The cookie-signing key survives restarts so coaches stay signed in. */
function loadSigningKey(dataDir: string) {
  const file = path.join(dataDir, 'session-key');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(dataDir, { recursive: true });
    const key = randomSecret();
    fs.writeFileSync(file, key, { mode: 0o600 });
    return key;
  }
}

export function createAccess(options: AccessOptions) {
  const now = options.now ?? Date.now;
  const required = Boolean(options.password);
  // Keyed by the password too: changing DASHBOARD_PASSWORD ends every sign-in.
  const key = required ? hmac('sha256', loadSigningKey(options.dataDir), `password:${options.password}`, 'base64url') : '';
  const sessions = required ? createLoginSessions(path.join(options.dataDir, 'login-sessions.json'), now) : undefined;
  const failures = new Map<string, { count: number; since: number }>();
  const maxFailures = options.maxFailures ?? 5;
  const windowMs = options.windowMs ?? 60_000;

  const signature = (id: string, expires: number | string) => hmac('sha256', key, `session:${id}:${expires}`, 'base64url');
  /** The sign-in a cookie names, if its signature holds and the server still honours it. */
  const sessionOf = (cookie: string | undefined) => {
    const [v, id, expires, signed] = (cookie ?? '').split('.');
    const ok = v === 'v2' && id && Number(expires) > now() && safeEqual(signed ?? '', signature(id, expires)) && sessions?.isActive(id);
    return ok ? id : undefined;
  };
  const valid = (cookie: string | undefined) => sessionOf(cookie) !== undefined;
  const signedIn = (c: Context) => !required || valid(getCookie(c, COOKIE));
  const clientAddress = (c: Context) =>
    (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress ?? 'unknown';

  const routes = new Hono();
  const state = (authenticated: boolean): AuthState => ({ required, authenticated });
  routes.get('/', (c) => c.json(state(signedIn(c))));
  routes.post('/', async (c) => {
    const address = clientAddress(c);
    const record = failures.get(address);
    if (record && now() - record.since < windowMs && record.count >= maxFailures) {
      const wait = Math.ceil((record.since + windowMs - now()) / 1000);
      throw new ProxyError(429, 'too_many_logins', `Too many wrong passwords. Try again in ${wait} seconds.`, wait);
    }
    const body = loginRequestSchema.safeParse(await c.req.json().catch(() => null));
    const ok = required && body.success && safeEqual(body.data.password, options.password!);
    if (!ok) {
      if (!required) throw new ProxyError(404, 'not_found', 'This dashboard has no password.');
      const fresh = !record || now() - record.since >= windowMs;
      failures.set(address, fresh ? { count: 1, since: now() } : { count: record.count + 1, since: record.since });
      throw new ProxyError(401, 'wrong_password', 'That password is not right.');
    }
    failures.delete(address);
    const { id, expires } = sessions!.start(SESSION_MS);
    setCookie(c, COOKIE, `v2.${id}.${expires}.${signature(id, expires)}`, {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
      secure: new URL(c.req.url).protocol === 'https:',
      maxAge: SESSION_MS / 1000,
    });
    return c.json(state(true));
  });
  routes.delete('/', (c) => {
    const id = sessionOf(getCookie(c, COOKIE));
    if (id) sessions!.end(id);
    deleteCookie(c, COOKIE, { path: '/' });
    return c.json(state(false));
  });

  const guard: MiddlewareHandler = async (c, next) => {
    if (!signedIn(c)) throw new ProxyError(401, 'login_required', 'Sign in to use RepLens.');
    await next();
  };

  return { routes, guard, required };
}
