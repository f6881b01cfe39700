/**
 * Who may use this proxy. It spends one club-wide Guru account and shows every athlete's video, so
 * it runs in one of three modes:
 * - password: DASHBOARD_PASSWORD set; a login with it sets a signed cookie (single-user mode);
 * - accounts: the library has coach accounts; each coach signs in with email and password, and the
 *   server-side sign-in record names the coach (so disabling a coach ends their sign-ins at once);
 * - open: neither; only allowed on a loopback HOST (config.ts), exactly as before accounts existed.
 *   The first admin can then be made from this machine (POST /api/setup).
 * Cookies are signed, httpOnly and SameSite=Strict in every mode.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import {
  acceptInviteRequestSchema,
  accountLoginRequestSchema,
  inviteTokenSchema,
  loginRequestSchema,
  setupRequestSchema,
  type Account,
  type AuthState,
} from '../../src/contract/api.ts';
import { writeOnce } from '../lib/atomic-files.ts';
import { createFailureWindow } from '../lib/failure-window.ts';
import { hostnameOf, isLoopback } from '../lib/hosts.ts';
import { hmac, randomSecret, safeEqual } from '../lib/signing.ts';
import { createAccountApi } from './account-routes.ts';
import type { Accounts } from './accounts.ts';
import { actorOf, setActor } from './actor.ts';
import { methodNotAllowed, ProxyError } from './errors.ts';
import { createLoginSessions } from './login-sessions.ts';
import { jsonBody, parse } from './request.ts';

const COOKIE = 'replens_session';
const SESSION_MS = 12 * 3600 * 1000;

export type AccessMode = AuthState['mode'];

export interface AccessOptions {
  password?: string;
  dataDir: string;
  /** SESSION_SECRET: signs cookies instead of DATA_DIR's key, so every server of a club accepts them. */
  sessionSecret?: string;
  /** Coach accounts (absent: open or password mode only). */
  accounts?: Accounts;
  now?: () => number;
  /** Failed logins allowed per client address per window. */
  maxFailures?: number;
  windowMs?: number;
  /** The dashboard is served over https (PUBLIC_URL), perhaps by a reverse proxy: cookies get `Secure`. */
  secureCookies?: boolean;
  /** TRUST_PROXY: the client address is the last X-Forwarded-For entry (the one our proxy added). */
  trustProxy?: boolean;
}

/** The cookie-signing key survives restarts so coaches stay signed in; servers sharing DATA_DIR share it. */
function loadSigningKey(dataDir: string) {
  const file = path.join(dataDir, 'session-key');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(dataDir, { recursive: true });
    return writeOnce(file, randomSecret()).trim();
  }
}

const peerAddress = (c: Context) =>
  ((c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress ?? 'unknown').replace(/^::ffff:/, '');

/**
 * A request from a browser on this machine: the connection is loopback, it names a loopback host,
 * and no reverse proxy forwarded it (a proxy on this machine also connects from loopback).
 */
const fromThisMachine = (c: Context) =>
  isLoopback(peerAddress(c)) &&
  isLoopback(hostnameOf(c.req.header('host')) ?? '') &&
  !c.req.header('x-forwarded-for') &&
  !c.req.header('forwarded');

export function createAccess(options: AccessOptions) {
  const signingKey = () => options.sessionSecret ?? loadSigningKey(options.dataDir);
  const now = options.now ?? Date.now;
  /** Whom wrong passwords are counted against: behind a reverse proxy every peer address is the proxy's. */
  const clientAddress = (c: Context) => {
    const forwarded = options.trustProxy ? c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim() : undefined;
    return forwarded || peerAddress(c);
  };
  const { accounts } = options;
  const required = Boolean(options.password);
  // Keyed by the password too: changing DASHBOARD_PASSWORD ends every sign-in.
  const key = required ? hmac('sha256', signingKey(), `password:${options.password}`, 'base64url') : '';
  const sessions = required ? createLoginSessions(path.join(options.dataDir, 'login-sessions.json'), now) : undefined;
  const failures = createFailureWindow({ max: options.maxFailures ?? 5, windowMs: options.windowMs ?? 60_000, now });
  let accountsKey: string | undefined;
  let hasAccounts = false;

  /** Accounts exist from their first one on (they are never deleted), so only "none yet" is asked again. */
  async function mode(): Promise<AccessMode> {
    if (required) return 'password';
    if (!accounts) return 'open';
    hasAccounts ||= await accounts.hasAccounts();
    return hasAccounts ? 'accounts' : 'open';
  }

  const signature = (id: string, expires: number | string) => hmac('sha256', key, `session:${id}:${expires}`, 'base64url');
  /** The sign-in a cookie names, if its signature holds and the server still honours it. */
  const sessionOf = (cookie: string | undefined) => {
    const [v, id, expires, signed] = (cookie ?? '').split('.');
    const ok = v === 'v2' && id && Number(expires) > now() && safeEqual(signed ?? '', signature(id, expires)) && sessions?.isActive(id);
    return ok ? id : undefined;
  };
  const valid = (cookie: string | undefined) => sessionOf(cookie) !== undefined;

  const accountSignature = (id: string, expires: number | string) => {
    accountsKey ??= hmac('sha256', signingKey(), 'accounts', 'base64url');
    return hmac('sha256', accountsKey, `account-session:${id}:${expires}`, 'base64url');
  };
  /** The coach a cookie names: a valid signature, a sign-in the store still has, an account not disabled. */
  async function accountSessionOf(c: Context): Promise<{ id: string; account: Account } | undefined> {
    const [v, id, expires, signed] = (getCookie(c, COOKIE) ?? '').split('.');
    if (v !== 'v3' || !id || !(Number(expires) > now()) || !safeEqual(signed ?? '', accountSignature(id, expires))) return undefined;
    const account = await accounts!.sessionAccount(id);
    return account && { id, account };
  }

  function setSessionCookie(c: Context, value: string, maxAgeMs: number) {
    setCookie(c, COOKIE, value, {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
      secure: options.secureCookies || new URL(c.req.url).protocol === 'https:',
      maxAge: Math.floor(maxAgeMs / 1000),
    });
  }

  async function signInAs(c: Context, account: Account) {
    const { id, expires } = await accounts!.startSession(account.id);
    setSessionCookie(c, `v3.${id}.${expires}.${accountSignature(id, expires)}`, accounts!.sessionMs);
  }

  /**
   * What GET /api/session answers. `known`: what this request just did (signed in as someone, or
   * out), which its cookie cannot show yet.
   */
  async function state(c: Context, known: { account?: Account | null; signedIn?: boolean } = {}): Promise<AuthState> {
    const m = await mode();
    if (m === 'accounts') {
      const account = known.account !== undefined ? known.account : ((await accountSessionOf(c))?.account ?? null);
      return { required: true, authenticated: !!account, mode: m, account, canSetUp: false };
    }
    const authenticated = m === 'open' || (known.signedIn ?? valid(getCookie(c, COOKIE)));
    return { required: m === 'password', authenticated, mode: m, account: null, canSetUp: m === 'open' && !!accounts && fromThisMachine(c) };
  }

  const routes = new Hono();
  routes.get('/session', async (c) => c.json(await state(c)));

  routes.post('/session', async (c) => {
    const m = await mode();
    const address = clientAddress(c);
    if (m === 'accounts') {
      const body = parse(accountLoginRequestSchema, await jsonBody(c));
      const account = await accounts!.signIn(body.email, body.password, address);
      await signInAs(c, account);
      return c.json(await state(c, { account }));
    }
    const wait = failures.blockedFor(address);
    if (wait) throw new ProxyError(429, 'too_many_logins', `Too many wrong passwords. Try again in ${wait} seconds.`, wait);
    if (m === 'open') throw new ProxyError(404, 'not_found', 'This dashboard has no password.');
    const body = loginRequestSchema.safeParse(await c.req.json().catch(() => null));
    if (!body.success || !safeEqual(body.data.password, options.password!)) {
      failures.fail(address);
      throw new ProxyError(401, 'wrong_password', 'That password is not right.');
    }
    failures.clear(address);
    const { id, expires } = sessions!.start(SESSION_MS);
    setSessionCookie(c, `v2.${id}.${expires}.${signature(id, expires)}`, SESSION_MS);
    return c.json(await state(c, { signedIn: true }));
  });

  routes.delete('/session', async (c) => {
    if ((await mode()) === 'accounts') {
      const current = await accountSessionOf(c);
      if (current) await accounts!.endSession(current.id);
    } else {
      const id = sessionOf(getCookie(c, COOKIE));
      if (id) sessions!.end(id);
    }
    deleteCookie(c, COOKIE, { path: '/' });
    return c.json(await state(c, { account: null, signedIn: false }));
  });

  // Sign out everywhere: every sign-in of this coach, on every device.
  routes.delete('/session/all', async (c) => {
    if ((await mode()) !== 'accounts') throw new ProxyError(404, 'not_found', 'Signing out everywhere needs coach accounts.');
    const current = await accountSessionOf(c);
    if (!current) throw new ProxyError(401, 'login_required', 'Sign in to use RepLens.');
    await accounts!.endAllSessions(current.account.id);
    deleteCookie(c, COOKIE, { path: '/' });
    return c.json(await state(c, { account: null }));
  });

  routes.post('/setup', async (c) => {
    const m = await mode();
    if (m === 'password' || !accounts) {
      throw new ProxyError(404, 'not_found', 'This server uses DASHBOARD_PASSWORD: coach accounts are off.');
    }
    if (m === 'accounts') throw new ProxyError(409, 'already_set_up', 'RepLens already has an admin account. Sign in instead.');
    if (!fromThisMachine(c)) throw new ProxyError(403, 'setup_loopback_only', 'The admin account can only be created on the machine RepLens runs on.');
    const body = parse(setupRequestSchema, await jsonBody(c));
    const account = await accounts.setUp(body);
    hasAccounts = true;
    await signInAs(c, account);
    return c.json(await state(c, { account }), 201);
  });

  async function inviteToken(c: Context) {
    if ((await mode()) !== 'accounts') {
      throw new ProxyError(404, 'invite_not_found', 'This invite link is not valid. Check that you copied all of it, or ask your admin for a new one.');
    }
    return parse(inviteTokenSchema, c.req.param('token'));
  }
  routes.get('/invites/:token', async (c) => c.json(await accounts!.inviteDetails(await inviteToken(c))));
  routes.post('/invites/:token', async (c) => {
    const token = await inviteToken(c);
    const body = parse(acceptInviteRequestSchema, await jsonBody(c));
    const account = await accounts!.accept(token, body);
    await signInAs(c, account);
    return c.json(await state(c, { account }), 201);
  });

  routes.all('/session', () => methodNotAllowed());
  routes.all('/session/all', () => methodNotAllowed());
  routes.all('/setup', () => methodNotAllowed());
  routes.all('/invites/:token', () => methodNotAllowed());

  const guard: MiddlewareHandler = async (c, next) => {
    const m = await mode();
    if (m === 'password' && !valid(getCookie(c, COOKIE))) throw new ProxyError(401, 'login_required', 'Sign in to use RepLens.');
    if (m === 'accounts') {
      // Asked of the store on every request: a disabled coach or an ended sign-in stops at once.
      const current = await accountSessionOf(c);
      if (!current) throw new ProxyError(401, 'login_required', 'Sign in to use RepLens.');
      setActor(c, current.account);
    }
    await next();
  };

  const adminOnly: MiddlewareHandler = async (c, next) => {
    if ((await mode()) !== 'accounts') {
      throw new ProxyError(404, 'no_accounts', 'This RepLens has no coach accounts (it is open on this machine, or uses one shared password).');
    }
    if (actorOf(c)?.role !== 'admin') {
      throw new ProxyError(403, 'admin_only', "Only an admin can manage coaches. Ask your club's RepLens admin.");
    }
    await next();
  };

  /** /api/session, /api/setup, /api/invites/:token: answered before the guard. */
  return { routes, guard, required, adminRoutes: accounts && createAccountApi(accounts, adminOnly) };
}
