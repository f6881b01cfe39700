import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useAcceptInvite, useInvite } from '../../api/invites.ts';
import { Button } from '../../components/button.tsx';
import { errorMessage } from '../../components/error-state.tsx';
import { fieldClass, labelClass } from '../../components/field.ts';
import { Skeleton } from '../../components/skeleton.tsx';
import { formatDate } from '../../lib/format.ts';
import { NewPasswordField } from './new-password-field.tsx';

const cardClass = 'mx-auto mt-2 max-w-md rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200 sm:mt-6';

/** /invite/:token: an invited coach chooses a name and password; the link then stops working. */
export function InvitePage() {
  const { token = '' } = useParams();
  const invite = useInvite(token);
  const accept = useAcceptInvite(token);
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');

  if (invite.isPending) return <Skeleton className="mx-auto h-80 max-w-md" />;
  if (invite.isError) {
    return (
      <div className={cardClass}>
        <h1 className="text-xl font-semibold tracking-tight">This invite link does not work</h1>
        <p role="alert" className="mt-2 text-sm text-slate-700">
          {errorMessage(invite.error)}
        </p>
      </div>
    );
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    accept.mutate({ name, password }, { onSuccess: () => navigate('/') });
  }

  return (
    <div className={cardClass}>
      <h1 className="text-xl font-semibold tracking-tight">Join your club on RepLens</h1>
      <p className="mt-1 text-sm text-slate-600">
        You were invited as a coach. Choose your name and a password; this link works once and until{' '}
        <time dateTime={invite.data.expiresAt}>{formatDate(invite.data.expiresAt)}</time>.
      </p>
      <form onSubmit={submit} className="mt-5 space-y-4">
        <div>
          <label htmlFor="invite-email" className={labelClass}>
            Email
          </label>
          <input id="invite-email" type="email" autoComplete="username" readOnly value={invite.data.email} className={`${fieldClass} bg-slate-50 text-slate-700`} />
        </div>
        <div>
          <label htmlFor="invite-name" className={labelClass}>
            Your name
          </label>
          <input id="invite-name" autoComplete="name" required maxLength={80} value={name} onChange={(e) => setName(e.target.value)} className={fieldClass} />
        </div>
        <NewPasswordField value={password} onChange={setPassword} />
        {accept.error && (
          <p role="alert" className="text-sm text-bad">
            {accept.error.message}
          </p>
        )}
        <Button type="submit" className="w-full" disabled={accept.isPending}>
          {accept.isPending ? 'Creating your account…' : 'Create my account'}
        </Button>
      </form>
    </div>
  );
}
