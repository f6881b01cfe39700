/** Coach accounts, invites and sign-ins (account-store.ts) on PostgreSQL. */
import type { AccountStore, AcceptResult } from '../account-store.ts';
import { stateOf, toAccount, toInvite, type AccountRow, type InviteRow } from '../account-store.ts';
import { transaction, type Db, type Queryable } from './db.ts';

const INSERT_ACCOUNT = `INSERT INTO accounts (email, name, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5)
                       ON CONFLICT (email) DO NOTHING RETURNING *`;

async function one<T extends object>(db: Queryable, sql: string, params: unknown[] = []): Promise<T | undefined> {
  return (await db.query<T>(sql, params)).rows[0];
}

export function postgresAccountStore(db: Db): AccountStore {
  const byId = (q: Queryable, id: number) => one<AccountRow>(q, 'SELECT * FROM accounts WHERE id = $1', [id]);
  const inviteByToken = (q: Queryable, tokenHash: string, lock = '') =>
    one<InviteRow>(q, `SELECT * FROM invites WHERE token_hash = $1 ${lock}`, [tokenHash]);

  return {
    count: async () => (await one<{ n: number }>(db, 'SELECT COUNT(*) AS n FROM accounts'))!.n,
    async list() {
      // SQLite's NOCASE folds ASCII only; lower() folds more, which only sorts names better.
      const { rows } = await db.query<AccountRow>('SELECT * FROM accounts ORDER BY role COLLATE "C", lower(name) COLLATE "C", id');
      return rows.map(toAccount);
    },
    byId: async (id) => {
      const row = await byId(db, id);
      return row && toAccount(row);
    },
    async byEmail(email) {
      const row = await one<AccountRow>(db, 'SELECT * FROM accounts WHERE email = $1', [email]);
      return row && { ...toAccount(row), passwordHash: row.password_hash };
    },
    async create({ email, name, role, passwordHash }) {
      const row = await one<AccountRow>(db, INSERT_ACCOUNT, [email, name, role, passwordHash, new Date().toISOString()]);
      return row && toAccount(row);
    },
    createFirst: ({ email, name, role, passwordHash }) =>
      transaction(db, async (tx) => {
        // Two setup pages submitted at once: the second waits here, then finds the first account.
        await tx.query('LOCK TABLE accounts IN SHARE ROW EXCLUSIVE MODE');
        const row = await one<AccountRow>(
          tx,
          `INSERT INTO accounts (email, name, role, password_hash, created_at)
           SELECT $1, $2, $3, $4, $5 WHERE NOT EXISTS (SELECT 1 FROM accounts) RETURNING *`,
          [email, name, role, passwordHash, new Date().toISOString()],
        );
        return row && toAccount(row);
      }),
    setStatus: (id, status) =>
      transaction(db, async (tx) => {
        const current = await one<AccountRow>(tx, 'SELECT * FROM accounts WHERE id = $1 FOR UPDATE', [id]);
        if (!current) return undefined;
        if (status === 'disabled' && !current.disabled_at) {
          await tx.query('UPDATE accounts SET disabled_at = $1 WHERE id = $2', [new Date().toISOString(), id]);
          await tx.query('DELETE FROM account_sessions WHERE account_id = $1', [id]);
        } else if (status === 'active') {
          await tx.query('UPDATE accounts SET disabled_at = NULL WHERE id = $1', [id]);
        }
        return toAccount((await byId(tx, id))!);
      }),
    createInvite: ({ tokenHash, email, createdBy, expiresAt }, now) =>
      transaction(db, async (tx) => {
        await tx.query('UPDATE invites SET revoked_at = $1 WHERE email = $2 AND used_at IS NULL AND revoked_at IS NULL', [now, email]);
        const row = await one<InviteRow>(
          tx,
          'INSERT INTO invites (token_hash, email, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5) RETURNING *',
          [tokenHash, email, createdBy, now, expiresAt],
        );
        return toInvite(row!);
      }),
    async pendingInvites(now) {
      const { rows } = await db.query<InviteRow>(
        'SELECT * FROM invites WHERE used_at IS NULL AND revoked_at IS NULL AND expires_at > $1 ORDER BY created_at DESC, id DESC',
        [now],
      );
      return rows.map(toInvite);
    },
    async invite(tokenHash, now) {
      const row = await inviteByToken(db, tokenHash);
      return row && { ...toInvite(row), state: stateOf(row, now) };
    },
    async revokeInvite(id, now) {
      const { rowCount } = await db.query('UPDATE invites SET revoked_at = $1 WHERE id = $2 AND used_at IS NULL AND revoked_at IS NULL', [now, id]);
      return (rowCount ?? 0) > 0;
    },
    acceptInvite: (tokenHash, { name, passwordHash }, now) =>
      transaction(db, async (tx): Promise<AcceptResult> => {
        // Locked: the same link opened twice at once makes one account.
        const invite = await inviteByToken(tx, tokenHash, 'FOR UPDATE');
        if (!invite) return { refused: 'unknown' };
        const state = stateOf(invite, now);
        if (state !== 'pending') return { refused: state };
        const row = await one<AccountRow>(tx, INSERT_ACCOUNT, [invite.email, name, 'coach', passwordHash, now]);
        if (!row) return { refused: 'email_taken' };
        await tx.query('UPDATE invites SET used_at = $1, used_by = $2 WHERE id = $3', [now, row.id, invite.id]);
        return { account: toAccount(row) };
      }),
    async startSession({ idHash, accountId, expiresAt }, now) {
      await db.query('DELETE FROM account_sessions WHERE expires_at <= $1', [now]);
      await db.query('INSERT INTO account_sessions (id_hash, account_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
        idHash,
        accountId,
        now,
        expiresAt,
      ]);
    },
    async sessionAccount(idHash, now) {
      const row = await one<AccountRow>(
        db,
        `SELECT a.* FROM account_sessions s JOIN accounts a ON a.id = s.account_id
         WHERE s.id_hash = $1 AND s.expires_at > $2 AND a.disabled_at IS NULL`,
        [idHash, now],
      );
      return row && toAccount(row);
    },
    async endSession(idHash) {
      await db.query('DELETE FROM account_sessions WHERE id_hash = $1', [idHash]);
    },
    endAllSessions: async (accountId) => (await db.query('DELETE FROM account_sessions WHERE account_id = $1', [accountId])).rowCount ?? 0,
  };
}
