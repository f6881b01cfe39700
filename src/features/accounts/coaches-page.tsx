import { useState, type FormEvent } from 'react';
import { useAccounts, useInviteCoach, useSetAccountStatus, useWithdrawInvite } from '../../api/accounts.ts';
import { ApiError } from '../../api/api-client.ts';
import { useAuthState } from '../../api/auth-session.ts';
import { Button } from '../../components/button.tsx';
import { Card, CardHeader } from '../../components/card.tsx';
import { ErrorState, errorMessage } from '../../components/error-state.tsx';
import { fieldClass, labelClass } from '../../components/field.ts';
import { Skeleton } from '../../components/skeleton.tsx';
import type { Account, CreatedInvite, Invite } from '../../contract/api.ts';
import { formatDate } from '../../lib/format.ts';

/** /coaches (admin): invite coaches, see who has an account, disable or enable them. */
export function CoachesPage() {
  const auth = useAuthState();
  const accounts = useAccounts();
  const forbidden = accounts.error instanceof ApiError && (accounts.error.status === 403 || accounts.error.status === 404);

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Coaches</h1>
        <p className="mt-1 text-sm text-slate-600">Everyone who can sign in to this RepLens. Coaches see and work on the whole club library.</p>
      </div>
      {forbidden ? (
        <ErrorState title="Only an admin can manage coaches" message={errorMessage(accounts.error)} />
      ) : (
        <>
          <InviteCard />
          {accounts.isPending ? (
            <Skeleton className="h-48" />
          ) : accounts.isError ? (
            <ErrorState message={errorMessage(accounts.error)} onRetry={() => void accounts.refetch()} />
          ) : (
            <>
              <AccountList accounts={accounts.data.accounts} me={auth.data?.account?.id} />
              {accounts.data.invites.length > 0 && <PendingInvites invites={accounts.data.invites} />}
            </>
          )}
        </>
      )}
    </div>
  );
}

function InviteCard() {
  const invite = useInviteCoach();
  const [email, setEmail] = useState('');
  const [created, setCreated] = useState<CreatedInvite | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    invite.mutate(email, {
      onSuccess: (result) => {
        setCreated(result);
        setEmail('');
      },
    });
  }

  return (
    <Card>
      <CardHeader title="Invite a coach" />
      <div className="space-y-4 p-4 sm:p-5">
        <form onSubmit={submit} className="flex flex-wrap items-end gap-2">
          <div className="min-w-0 flex-1 basis-full sm:basis-72">
            <label htmlFor="invite-email" className={labelClass}>
              Coach's email
            </label>
            <input
              id="invite-email"
              type="email"
              required
              maxLength={254}
              autoComplete="off"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              className={fieldClass}
            />
          </div>
          <Button type="submit" disabled={invite.isPending}>
            {invite.isPending ? 'Creating…' : 'Create invite link'}
          </Button>
        </form>
        {invite.error && (
          <p role="alert" className="text-sm text-bad">
            {invite.error.message}
          </p>
        )}
        {created && <CreatedLink invite={created} />}
      </div>
    </Card>
  );
}

/** The link exists only here: the server keeps its hash, so it cannot be shown again. */
function CreatedLink({ invite }: { invite: CreatedInvite }) {
  const link = `${window.location.origin}${invite.path}`;
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
      setCopied('yes');
    } catch {
      // No clipboard on plain http beyond localhost: the field stays selectable.
      setCopied('no');
    }
  }
  return (
    <div className="rounded-lg bg-brand-50 p-3 ring-1 ring-brand-100">
      <label htmlFor="invite-link" className={labelClass}>
        Invite link
      </label>
      <div className="mt-1 flex flex-wrap gap-2">
        <input
          id="invite-link"
          readOnly
          value={link}
          onFocus={(e) => e.target.select()}
          className={`${fieldClass} mt-0 min-w-0 flex-1 basis-full font-mono text-xs sm:basis-80`}
          aria-describedby="invite-link-hint"
        />
        <Button variant="secondary" onClick={() => void copy()}>
          Copy link
        </Button>
      </div>
      <p id="invite-link-hint" className="mt-2 text-sm text-slate-700" aria-live="polite">
        {copied === 'yes'
          ? 'Copied. '
          : copied === 'no'
            ? 'This browser would not copy it: select the link and copy it by hand. '
            : ''}
        Send it to {invite.email}. It works once, until {formatDate(invite.expiresAt)}, and is shown only now.
      </p>
    </div>
  );
}

function AccountList({ accounts, me }: { accounts: Account[]; me: number | undefined }) {
  const setStatus = useSetAccountStatus();
  return (
    <Card>
      <CardHeader title="Accounts" id="accounts-heading" />
      <ul aria-labelledby="accounts-heading" className="divide-y divide-slate-100">
        {accounts.map((account) => (
          <li key={account.id} className="flex flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 sm:px-5">
            <div className="min-w-0 flex-1 basis-56">
              <p className="truncate text-sm font-medium text-slate-900">
                {account.name}
                {account.id === me && <span className="font-normal text-slate-500"> (you)</span>}
              </p>
              <p className="truncate text-sm text-slate-600">{account.email}</p>
            </div>
            <div className="flex items-center gap-2">
              <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">{account.role === 'admin' ? 'Admin' : 'Coach'}</span>
              <span
                className={`rounded-full px-2 py-0.5 text-xs font-medium ${account.status === 'active' ? 'bg-green-50 text-green-800 ring-1 ring-green-200' : 'bg-red-50 text-red-800 ring-1 ring-red-200'}`}
              >
                {account.status === 'active' ? 'Active' : 'Disabled'}
              </span>
              <div className="w-24 text-right">
                {account.role === 'coach' && (
                  <Button
                    variant={account.status === 'active' ? 'danger' : 'secondary'}
                    size="sm"
                    disabled={setStatus.isPending}
                    aria-label={`${account.status === 'active' ? 'Disable' : 'Enable'} ${account.name}`}
                    onClick={() => setStatus.mutate({ id: account.id, status: account.status === 'active' ? 'disabled' : 'active' })}
                  >
                    {account.status === 'active' ? 'Disable' : 'Enable'}
                  </Button>
                )}
              </div>
            </div>
          </li>
        ))}
      </ul>
      {setStatus.error && (
        <p role="alert" className="border-t border-slate-100 px-4 py-3 text-sm text-bad sm:px-5">
          {setStatus.error.message}
        </p>
      )}
    </Card>
  );
}

function PendingInvites({ invites }: { invites: Invite[] }) {
  const withdraw = useWithdrawInvite();
  return (
    <Card>
      <CardHeader title="Invites not used yet" id="invites-heading" />
      <ul aria-labelledby="invites-heading" className="divide-y divide-slate-100">
        {invites.map((invite) => (
          <li key={invite.id} className="flex flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 sm:px-5">
            <div className="min-w-0 flex-1 basis-56">
              <p className="truncate text-sm font-medium text-slate-900">{invite.email}</p>
              <p className="text-sm text-slate-600">
                Valid until <time dateTime={invite.expiresAt}>{formatDate(invite.expiresAt)}</time>
              </p>
            </div>
            <Button variant="ghost" size="sm" disabled={withdraw.isPending} aria-label={`Withdraw the invite for ${invite.email}`} onClick={() => withdraw.mutate(invite.id)}>
              Withdraw
            </Button>
          </li>
        ))}
      </ul>
    </Card>
  );
}
