/** Coach accounts over both library backends' stores: the store itself and the rules on top (injected clock). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tokenHash } from '../lib/signing.ts';
import { createAccounts, type Accounts } from './accounts.ts';
import type { AccountStore } from './account-store.ts';
import { ProxyError } from './errors.ts';
import type { Library } from './library-store.ts';
import { describeEachBackend, type TestLibrary } from './test-libraries.ts';

let library: Library;
let store: AccountStore;
let accounts: Accounts;
let t: number;
const DAY = 24 * 3600 * 1000;

const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ProxyError);
  const { status, code } = error as ProxyError;
  return { status, code };
};

const admin = () => accounts.ensureAdmin({ email: 'head@club.example', name: 'Head Coach', password: 'first-admin-pass' }).then((r) => r.account!);
const tokenOf = (p: string) => p.replace('/invite/', '');

describeEachBackend((backend) => {
  let opened: TestLibrary;
  beforeEach(async () => {
    opened = await backend.open();
    library = opened.library;
    store = library.accounts;
    t = Date.parse('2026-12-01T10:00:00Z');
    accounts = createAccounts({ store, now: () => t, hashCost: { ln: 10, r: 8, p: 1 }, maxFailures: 3, windowMs: 60_000 });
  });
  afterEach(() => opened.close());

  describe('the account store', () => {
    it('keeps one account per email and never the password itself', async () => {
      const a = await store.create({ email: 'a@club.example', name: 'A', role: 'coach', passwordHash: '$scrypt$x' });
      expect(a).toMatchObject({ email: 'a@club.example', role: 'coach', status: 'active' });
      expect(await store.create({ email: 'a@club.example', name: 'B', role: 'admin', passwordHash: '$scrypt$y' })).toBeUndefined();
      expect(await store.list()).toEqual([a]);
      expect(JSON.stringify(await store.list())).not.toContain('scrypt');
    });

    it('makes the first account only while there is none', async () => {
      expect(await store.createFirst({ email: 'a@club.example', name: 'A', role: 'admin', passwordHash: 'h' })).toBeDefined();
      expect(await store.createFirst({ email: 'b@club.example', name: 'B', role: 'admin', passwordHash: 'h' })).toBeUndefined();
      expect(await store.count()).toBe(1);
    });

    it('stores session ids and invite tokens hashed', async () => {
      const head = await admin();
      const { id } = await accounts.startSession(head.id);
      const invite = await accounts.invite('coach@club.example', head);
      const raw = await opened.storedText(['accounts', 'invites', 'account_sessions']);
      expect(raw).not.toContain(id);
      expect(raw).not.toContain(tokenOf(invite.path));
      expect(raw).toContain(tokenHash(id));
    });

    it('ends sign-ins one by one, all at once, on expiry, and when the account is disabled', async () => {
      const head = await admin();
      const coach = (await store.create({ email: 'c@club.example', name: 'C', role: 'coach', passwordHash: 'h' }))!;
      const [a, b, other] = [await accounts.startSession(coach.id), await accounts.startSession(coach.id), await accounts.startSession(head.id)];
      expect((await accounts.sessionAccount(a.id))?.id).toBe(coach.id);
      await accounts.endSession(a.id);
      expect(await accounts.sessionAccount(a.id)).toBeUndefined();
      expect(await accounts.sessionAccount(b.id)).toBeDefined();
      expect(await accounts.endAllSessions(coach.id)).toBe(1);
      expect(await accounts.sessionAccount(b.id)).toBeUndefined();
      expect(await accounts.sessionAccount(other.id)).toBeDefined(); // another coach's sign-in goes on

      const c = await accounts.startSession(coach.id);
      await accounts.setStatus(head, coach.id, 'disabled');
      expect(await accounts.sessionAccount(c.id)).toBeUndefined();
      await accounts.setStatus(head, coach.id, 'active');
      expect(await accounts.sessionAccount(c.id)).toBeUndefined(); // disabling ended it for good

      const d = await accounts.startSession(coach.id);
      t += accounts.sessionMs;
      expect(await accounts.sessionAccount(d.id)).toBeUndefined();
    });
  });

  describe('signing in', () => {
    it('accepts the right email and password, whatever the case of the email', async () => {
      await admin();
      expect(await accounts.signIn('head@club.example', 'first-admin-pass', '10.0.0.1')).toMatchObject({ name: 'Head Coach', role: 'admin' });
      expect(await refusal(accounts.signIn('head@club.example', 'wrong-pass', '10.0.0.1'))).toEqual({ status: 401, code: 'wrong_password' });
      expect(await refusal(accounts.signIn('nobody@club.example', 'first-admin-pass', '10.0.0.1'))).toEqual({ status: 401, code: 'wrong_password' });
    });

    it('rate-limits per email across addresses, and per address across emails', async () => {
      await admin();
      for (const address of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) await refusal(accounts.signIn('head@club.example', 'guess', address));
      expect(await refusal(accounts.signIn('head@club.example', 'first-admin-pass', '10.0.0.9'))).toEqual({ status: 429, code: 'too_many_logins' });
      for (const email of ['x@club.example', 'y@club.example', 'z@club.example']) await refusal(accounts.signIn(email, 'guess', '10.0.0.5'));
      expect(await refusal(accounts.signIn('other@club.example', 'guess', '10.0.0.5'))).toMatchObject({ status: 429 });
      t += 60_000;
      expect(await accounts.signIn('head@club.example', 'first-admin-pass', '10.0.0.9')).toMatchObject({ role: 'admin' });
    });

    it('refuses a disabled coach with the right password', async () => {
      const head = await admin();
      const invite = await accounts.invite('coach@club.example', head);
      const coach = await accounts.accept(tokenOf(invite.path), { name: 'Sam', password: 'coach-pass-123' });
      await accounts.setStatus(head, coach.id, 'disabled');
      expect(await refusal(accounts.signIn('coach@club.example', 'coach-pass-123', '10.0.0.1'))).toEqual({ status: 403, code: 'account_disabled' });
    });
  });

  describe('invites', () => {
    it('work once, for the invited email, as a coach', async () => {
      const head = await admin();
      const invite = await accounts.invite('coach@club.example', head);
      expect(invite.path).toMatch(/^\/invite\/[A-Za-z0-9_-]{43}$/);
      expect(invite.expiresAt).toBe(new Date(t + 7 * DAY).toISOString());
      expect((await accounts.list()).invites.map((i) => i.email)).toEqual(['coach@club.example']);
      const token = tokenOf(invite.path);
      expect(await accounts.inviteDetails(token)).toEqual({ email: 'coach@club.example', expiresAt: invite.expiresAt });
      const coach = await accounts.accept(token, { name: 'Sam Coach', password: 'coach-pass-123' });
      expect(coach).toMatchObject({ email: 'coach@club.example', name: 'Sam Coach', role: 'coach', status: 'active' });
      expect(await refusal(accounts.accept(token, { name: 'Again', password: 'coach-pass-123' }))).toEqual({ status: 410, code: 'invite_used' });
      expect(await refusal(accounts.inviteDetails(token))).toEqual({ status: 410, code: 'invite_used' });
      expect((await accounts.list()).invites).toEqual([]);
    });

    it('expire after 7 days, can be withdrawn, and a new one replaces the old', async () => {
      const head = await admin();
      const first = await accounts.invite('coach@club.example', head);
      const second = await accounts.invite('coach@club.example', head);
      expect(await refusal(accounts.inviteDetails(tokenOf(first.path)))).toEqual({ status: 410, code: 'invite_revoked' });
      await accounts.revokeInvite(second.id);
      expect(await refusal(accounts.inviteDetails(tokenOf(second.path)))).toEqual({ status: 410, code: 'invite_revoked' });
      const third = await accounts.invite('coach@club.example', head);
      t += 7 * DAY;
      expect(await refusal(accounts.accept(tokenOf(third.path), { name: 'Late', password: 'coach-pass-123' }))).toEqual({ status: 410, code: 'invite_expired' });
      expect(await refusal(accounts.inviteDetails('A'.repeat(43)))).toEqual({ status: 404, code: 'invite_not_found' });
    });

    it('are refused for an email that has an account', async () => {
      const head = await admin();
      expect(await refusal(accounts.invite('head@club.example', head))).toEqual({ status: 409, code: 'email_taken' });
    });
  });

  describe('the admin from ADMIN_EMAIL/ADMIN_PASSWORD', () => {
    it('is made once and never overwritten', async () => {
      const first = await accounts.ensureAdmin({ email: 'head@club.example', name: 'Head', password: 'first-admin-pass' });
      expect(first).toMatchObject({ created: true, account: { role: 'admin' } });
      const again = await accounts.ensureAdmin({ email: 'head@club.example', name: 'Other', password: 'another-password' });
      expect(again.created).toBe(false);
      expect(await accounts.signIn('head@club.example', 'first-admin-pass', '1')).toMatchObject({ name: 'Head' });
      expect(await refusal(accounts.signIn('head@club.example', 'another-password', '1'))).toMatchObject({ status: 401 });
    });

    it('cannot be disabled', async () => {
      const head = await admin();
      expect(await refusal(accounts.setStatus(head, head.id, 'disabled'))).toEqual({ status: 409, code: 'cannot_disable_admin' });
    });
  });

  describe('who did what', () => {
    it('records the uploader and shows their name on the session; null without accounts', async () => {
      const head = await admin();
      await library.add({ id: 'v1', athlete: 'Ana', filename: 'a.mp4', size: 1, domain: 'weightlifting', activity: 'squat', expectedReps: null, createdBy: head.id });
      await library.add({ id: 'v2', athlete: 'Ana', filename: 'b.mp4', size: 1, domain: 'weightlifting', activity: 'squat', expectedReps: null });
      expect((await library.get('v1'))!.uploadedBy).toBe('Head Coach');
      expect((await library.get('v2'))!.uploadedBy).toBeNull();
      expect((await library.list()).items.map((s) => s.uploadedBy).sort()).toEqual(['Head Coach', null]);
    });
  });
});
