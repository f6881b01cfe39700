/** The signed-in coach of a request (coach accounts only), set by the access guard for the routes after it. */
import type { Context } from 'hono';
import type { Account } from '../../src/contract/api.ts';

const actors = new WeakMap<Request, Account>();

export const setActor = (c: Context, account: Account) => void actors.set(c.req.raw, account);
export const actorOf = (c: Context): Account | null => actors.get(c.req.raw) ?? null;
/** The account id to record as the maker of a change: null in open and single-password mode. */
export const actorId = (c: Context): number | null => actorOf(c)?.id ?? null;
