/**
 * Coach accounts, their invites and their sign-ins, behind an async interface kept by both library
 * backends: this one in the library's SQLite database, postgres/account-store.ts in PostgreSQL.
 * Invite tokens and session ids are stored only as hashes: a copy of the database opens no account.
 * Times are ISO strings (UTC, so they compare as text).
 */
import type { Database } from 'better-sqlite3';
import type { Account, AccountRole, Invite } from '../../src/contract/api.ts';

export interface StoredAccount extends Account {
  passwordHash: string;
}

export interface NewAccount {
  email: string;
  name: string;
  role: AccountRole;
  passwordHash: string;
}

export interface NewInvite {
  tokenHash: string;
  email: string;
  createdBy: number | null;
  expiresAt: string;
}

export type InviteState = 'pending' | 'used' | 'revoked' | 'expired';

export type AcceptResult = { account: Account } | { refused: InviteState | 'unknown' | 'email_taken' };

export interface AccountStore {
  count(): Promise<number>;
  list(): Promise<Account[]>;
  byId(id: number): Promise<Account | undefined>;
  byEmail(email: string): Promise<StoredAccount | undefined>;
  /** undefined when the email already has an account. */
  create(account: NewAccount): Promise<Account | undefined>;
  /** Only while there is no account at all (the setup page): undefined once there is one. */
  createFirst(account: NewAccount): Promise<Account | undefined>;
  /** Disabling also ends every sign-in of the account. */
  setStatus(id: number, status: Account['status']): Promise<Account | undefined>;
  /** A new invite replaces any pending one for the same email. */
  createInvite(invite: NewInvite, now: string): Promise<Invite>;
  pendingInvites(now: string): Promise<Invite[]>;
  invite(tokenHash: string, now: string): Promise<(Invite & { state: InviteState }) | undefined>;
  revokeInvite(id: number, now: string): Promise<boolean>;
  /** Uses the invite and makes its coach account in one step: a link works once. */
  acceptInvite(tokenHash: string, account: { name: string; passwordHash: string }, now: string): Promise<AcceptResult>;
  startSession(session: { idHash: string; accountId: number; expiresAt: string }, now: string): Promise<void>;
  /** The active account a sign-in belongs to, while it has not expired, ended or been disabled. */
  sessionAccount(idHash: string, now: string): Promise<Account | undefined>;
  endSession(idHash: string): Promise<void>;
  endAllSessions(accountId: number): Promise<number>;
}

export interface AccountRow {
  id: number;
  email: string;
  name: string;
  role: AccountRole;
  password_hash: string;
  disabled_at: string | null;
  created_at: string;
}

export interface InviteRow {
  id: number;
  email: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  revoked_at: string | null;
}

export const toAccount = (r: AccountRow): Account => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role,
  status: r.disabled_at ? 'disabled' : 'active',
  createdAt: r.created_at,
});
export const toInvite = (r: InviteRow): Invite => ({ id: r.id, email: r.email, createdAt: r.created_at, expiresAt: r.expires_at });
export const stateOf = (r: InviteRow, now: string): InviteState =>
  r.used_at ? 'used' : r.revoked_at ? 'revoked' : r.expires_at <= now ? 'expired' : 'pending';

export function sqliteAccountStore(db: Database): AccountStore {
  const count = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM accounts');
  const all = db.prepare<[], AccountRow>('SELECT * FROM accounts ORDER BY role, name COLLATE NOCASE, id');
  const byId = db.prepare<[number], AccountRow>('SELECT * FROM accounts WHERE id = ?');
  const byEmail = db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE email = ?');
  const insert = db.prepare(
    'INSERT INTO accounts (email, name, role, password_hash, created_at) VALUES (@email, @name, @role, @passwordHash, @now) ON CONFLICT (email) DO NOTHING',
  );
  const insertFirst = db.prepare(
    `INSERT INTO accounts (email, name, role, password_hash, created_at)
     SELECT @email, @name, @role, @passwordHash, @now WHERE NOT EXISTS (SELECT 1 FROM accounts)`,
  );
  const setDisabled = db.prepare('UPDATE accounts SET disabled_at = ? WHERE id = ?');
  const revokePendingFor = db.prepare('UPDATE invites SET revoked_at = ? WHERE email = ? AND used_at IS NULL AND revoked_at IS NULL');
  const insertInvite = db.prepare(
    'INSERT INTO invites (token_hash, email, created_by, created_at, expires_at) VALUES (@tokenHash, @email, @createdBy, @now, @expiresAt)',
  );
  const inviteById = db.prepare<[number | bigint], InviteRow>('SELECT * FROM invites WHERE id = ?');
  const inviteByToken = db.prepare<[string], InviteRow>('SELECT * FROM invites WHERE token_hash = ?');
  const pending = db.prepare<[string], InviteRow>(
    'SELECT * FROM invites WHERE used_at IS NULL AND revoked_at IS NULL AND expires_at > ? ORDER BY created_at DESC, id DESC',
  );
  const revoke = db.prepare('UPDATE invites SET revoked_at = ? WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL');
  const useInvite = db.prepare('UPDATE invites SET used_at = ?, used_by = ? WHERE id = ?');
  const insertSession = db.prepare('INSERT INTO account_sessions (id_hash, account_id, created_at, expires_at) VALUES (?, ?, ?, ?)');
  const dropExpired = db.prepare('DELETE FROM account_sessions WHERE expires_at <= ?');
  const sessionAccount = db.prepare<[string, string], AccountRow>(
    `SELECT a.* FROM account_sessions s JOIN accounts a ON a.id = s.account_id
     WHERE s.id_hash = ? AND s.expires_at > ? AND a.disabled_at IS NULL`,
  );
  const endSession = db.prepare('DELETE FROM account_sessions WHERE id_hash = ?');
  const endAll = db.prepare('DELETE FROM account_sessions WHERE account_id = ?');

  const get = (id: number) => {
    const row = byId.get(id);
    return row && toAccount(row);
  };

  return {
    count: async () => count.get()!.n,
    list: async () => all.all().map(toAccount),
    byId: async (id) => get(id),
    async byEmail(email) {
      const row = byEmail.get(email);
      return row && { ...toAccount(row), passwordHash: row.password_hash };
    },
    async create(account) {
      const { changes, lastInsertRowid } = insert.run({ ...account, now: new Date().toISOString() });
      return changes ? get(Number(lastInsertRowid)) : undefined;
    },
    async createFirst(account) {
      const { changes, lastInsertRowid } = insertFirst.run({ ...account, now: new Date().toISOString() });
      return changes ? get(Number(lastInsertRowid)) : undefined;
    },
    async setStatus(id, status) {
      return db.transaction(() => {
        const current = byId.get(id);
        if (!current) return undefined;
        if (status === 'disabled' && !current.disabled_at) {
          setDisabled.run(new Date().toISOString(), id);
          endAll.run(id);
        } else if (status === 'active') {
          setDisabled.run(null, id);
        }
        return get(id);
      })();
    },
    async createInvite(invite, now) {
      return db.transaction(() => {
        revokePendingFor.run(now, invite.email);
        const { lastInsertRowid } = insertInvite.run({ ...invite, now });
        return toInvite(inviteById.get(lastInsertRowid)!);
      })();
    },
    pendingInvites: async (now) => pending.all(now).map(toInvite),
    async invite(tokenHash, now) {
      const row = inviteByToken.get(tokenHash);
      return row && { ...toInvite(row), state: stateOf(row, now) };
    },
    revokeInvite: async (id, now) => revoke.run(now, id).changes > 0,
    async acceptInvite(tokenHash, account, now) {
      return db.transaction((): AcceptResult => {
        const invite = inviteByToken.get(tokenHash);
        if (!invite) return { refused: 'unknown' };
        const state = stateOf(invite, now);
        if (state !== 'pending') return { refused: state };
        const { changes, lastInsertRowid } = insert.run({ email: invite.email, ...account, role: 'coach', now });
        if (!changes) return { refused: 'email_taken' };
        useInvite.run(now, lastInsertRowid, invite.id);
        return { account: get(Number(lastInsertRowid))! };
      })();
    },
    async startSession({ idHash, accountId, expiresAt }, now) {
      dropExpired.run(now);
      insertSession.run(idHash, accountId, now, expiresAt);
    },
    async sessionAccount(idHash, now) {
      const row = sessionAccount.get(idHash, now);
      return row && toAccount(row);
    },
    async endSession(idHash) {
      endSession.run(idHash);
    },
    endAllSessions: async (accountId) => endAll.run(accountId).changes,
  };
}
