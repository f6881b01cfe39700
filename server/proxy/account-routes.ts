/** /api/accounts: the admin's page of coaches and invites. Every route is behind the admin check. */
import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { createInviteRequestSchema, updateAccountRequestSchema } from '../../src/contract/api.ts';
import type { Accounts } from './accounts.ts';
import { actorOf } from './actor.ts';
import { methodNotAllowed } from './errors.ts';
import { jsonBody, parse } from './request.ts';

const idSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export function createAccountApi(accounts: Accounts, adminOnly: MiddlewareHandler) {
  const api = new Hono();
  api.use('*', adminOnly);

  api.get('/', async (c) => c.json(await accounts.list()));

  api.post('/invites', async (c) => {
    const { email } = parse(createInviteRequestSchema, await jsonBody(c));
    return c.json(await accounts.invite(email, actorOf(c)!), 201);
  });

  api.delete('/invites/:inviteId', async (c) => {
    await accounts.revokeInvite(parse(idSchema, c.req.param('inviteId')));
    return c.body(null, 204);
  });

  api.put('/:id', async (c) => {
    const id = parse(idSchema, c.req.param('id'));
    const { status } = parse(updateAccountRequestSchema, await jsonBody(c));
    return c.json(await accounts.setStatus(actorOf(c)!, id, status));
  });

  api.all('/', () => methodNotAllowed());
  api.all('/invites', () => methodNotAllowed());
  api.all('/invites/:inviteId', () => methodNotAllowed());
  api.all('/:id', () => methodNotAllowed());
  return api;
}
