/**
 * The rules of coach accounts, over any AccountStore: signing in (rate-limited per client address
 * and per email), sign-ins that can be ended one by one or all at once, one-time invites, the first
 * admin. Handlers in access.ts only parse and answer; the clock is injected for the tests.
 */
import type { Account, CreatedInvite, InviteDetails } from '../../src/contract/api.ts';
import { createFailureWindow } from '../lib/failure-window.ts';
import { DEFAULT_COST, dummyHash, hashPassword, verifyPassword, type ScryptCost } from '../lib/passwords.ts';
import { randomSecret, tokenHash } from '../lib/signing.ts';
import type { AccountStore } from './account-store.ts';
import { ProxyError } from './errors.ts';

export interface AccountsOptions {
  store: AccountStore;
  now?: () => number;
  /** Failed sign-ins allowed per client address, and per email, per window. */
  maxFailures?: number;
  windowMs?: number;
  sessionMs?: number;
  inviteMs?: number;
  /** Lower only in tests. */
  hashCost?: ScryptCost;
}

export const INVITE_DAYS = 7;

export function createAccounts(options: AccountsOptions) {
  const { store } = options;
  const now = options.now ?? Date.now;
  const iso = (ms = now()) => new Date(ms).toISOString();
  const sessionMs = options.sessionMs ?? 12 * 3600 * 1000;
  const inviteMs = options.inviteMs ?? INVITE_DAYS * 24 * 3600 * 1000;
  const cost = options.hashCost ?? DEFAULT_COST;
  const limits = { max: options.maxFailures ?? 5, windowMs: options.windowMs ?? 60_000, now };
  const byAddress = createFailureWindow(limits);
  const byEmail = createFailureWindow(limits);

  const tooMany = (seconds: number) =>
    new ProxyError(429, 'too_many_logins', `Too many wrong passwords. Try again in ${seconds} seconds.`, seconds);
  const hash = (password: string) => hashPassword(password, cost);

  return {
    sessionMs,
    hasAccounts: async () => (await store.count()) > 0,

    /** The account behind a right email and password; every wrong try counts against both keys. */
    async signIn(email: string, password: string, address: string): Promise<Account> {
      const wait = Math.max(byAddress.blockedFor(address), byEmail.blockedFor(email));
      if (wait) throw tooMany(wait);
      const account = await store.byEmail(email);
      // An unknown email costs as much time as a known one: timing does not tell who has an account.
      const ok = await verifyPassword(password, account?.passwordHash ?? (await dummyHash()));
      if (!account || !ok) {
        byAddress.fail(address);
        byEmail.fail(email);
        throw new ProxyError(401, 'wrong_password', 'That email or password is not right.');
      }
      byAddress.clear(address);
      byEmail.clear(email);
      if (account.status === 'disabled') {
        throw new ProxyError(403, 'account_disabled', "This account is disabled. Ask your club's RepLens admin to enable it.");
      }
      const { passwordHash: _, ...rest } = account;
      return rest;
    },

    /** A new sign-in: its id goes in the cookie, only its hash in the store. */
    async startSession(accountId: number) {
      const id = randomSecret(18);
      const expires = now() + sessionMs;
      await store.startSession({ idHash: tokenHash(id), accountId, expiresAt: iso(expires) }, iso());
      return { id, expires };
    },
    sessionAccount: (id: string) => store.sessionAccount(tokenHash(id), iso()),
    endSession: (id: string) => store.endSession(tokenHash(id)),
    endAllSessions: (accountId: number) => store.endAllSessions(accountId),

    /** The setup page: the first account, an admin, and only while there is none. */
    async setUp(input: { email: string; name: string; password: string }): Promise<Account> {
      const account = await store.createFirst({ email: input.email, name: input.name, role: 'admin', passwordHash: await hash(input.password) });
      if (!account) throw new ProxyError(409, 'already_set_up', 'RepLens already has an admin account. Sign in instead.');
      return account;
    },

    list: async () => ({ accounts: await store.list(), invites: await store.pendingInvites(iso()) }),

    async invite(email: string, by: Account): Promise<CreatedInvite> {
      if (await store.byEmail(email)) throw new ProxyError(409, 'email_taken', `${email} already has a RepLens account.`);
      const token = randomSecret(32);
      const invite = await store.createInvite({ tokenHash: tokenHash(token), email, createdBy: by.id, expiresAt: iso(now() + inviteMs) }, iso());
      return { ...invite, path: `/invite/${token}` };
    },

    async revokeInvite(id: number) {
      if (!(await store.revokeInvite(id, iso()))) throw new ProxyError(404, 'not_found', 'There is no pending invite with this id.');
    },

    /** What the invite page shows; a used, withdrawn or expired link says so. */
    async inviteDetails(token: string): Promise<InviteDetails> {
      const invite = await store.invite(tokenHash(token), iso());
      if (!invite || invite.state !== 'pending') throw inviteRefused(invite?.state ?? 'unknown');
      return { email: invite.email, expiresAt: invite.expiresAt };
    },

    async accept(token: string, input: { name: string; password: string }): Promise<Account> {
      // Checked before the slow hash, and again in the store's transaction.
      await this.inviteDetails(token);
      const result = await store.acceptInvite(tokenHash(token), { name: input.name, passwordHash: await hash(input.password) }, iso());
      if ('refused' in result) throw inviteRefused(result.refused);
      return result.account;
    },

    async setStatus(actor: Account, id: number, status: Account['status']): Promise<Account> {
      const target = await store.byId(id);
      if (!target) throw new ProxyError(404, 'not_found', 'There is no account with this id.');
      if (target.role === 'admin' && status === 'disabled') {
        throw new ProxyError(409, 'cannot_disable_admin',
          target.id === actor.id ? 'You cannot disable your own account.' : 'Admin accounts cannot be disabled here.');
      }
      return (await store.setStatus(id, status))!;
    },

    /**
     * ADMIN_EMAIL/ADMIN_PASSWORD at start: makes the admin when the email has no account yet. An
     * existing account is never changed (its password, role or status), so the env can stay set.
     */
    async ensureAdmin(admin: { email: string; name: string; password?: string }) {
      const existing = await store.byEmail(admin.email);
      if (existing) return { created: false as const, account: existing };
      if (!admin.password) return { created: false as const, account: undefined };
      const account = await store.create({ email: admin.email, name: admin.name, role: 'admin', passwordHash: await hash(admin.password) });
      // Another server on the same database made it a moment before this one.
      if (!account) return { created: false as const, account: await store.byEmail(admin.email) };
      return { created: true as const, account };
    },
  };
}

function inviteRefused(state: string) {
  if (state === 'used') return new ProxyError(410, 'invite_used', 'This invite link was already used. Sign in, or ask your admin for a new link.');
  if (state === 'expired') return new ProxyError(410, 'invite_expired', 'This invite link has expired. Ask your admin for a new one.');
  if (state === 'revoked') return new ProxyError(410, 'invite_revoked', 'This invite link was withdrawn. Ask your admin for a new one.');
  if (state === 'email_taken') return new ProxyError(409, 'email_taken', 'This email already has a RepLens account. Sign in instead.');
  return new ProxyError(404, 'invite_not_found', 'This invite link is not valid. Check that you copied all of it, or ask your admin for a new one.');
}

export type Accounts = ReturnType<typeof createAccounts>;
