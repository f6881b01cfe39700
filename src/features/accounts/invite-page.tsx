import { useNavigate, useParams } from 'react-router';
import { useAcceptInvite, useInvite } from '../../api/invites.ts';
import { errorMessage } from '../../components/error-state.tsx';
import { Skeleton } from '../../components/skeleton.tsx';
import { formatDate } from '../../lib/format.ts';
import { NewAccountForm } from './new-account-form.tsx';

const cardClass = 'mx-auto mt-2 max-w-md rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200 sm:mt-6';

/** /invite/:token: an invited coach chooses a name and password; the link then stops working. */
export function InvitePage() {
  const { token = '' } = useParams();
  const invite = useInvite(token);
  const accept = useAcceptInvite(token);
  const navigate = useNavigate();

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

  return (
    <div className={cardClass}>
      <h1 className="text-xl font-semibold tracking-tight">Join your club on RepLens</h1>
      <p className="mt-1 text-sm text-slate-600">
        You were invited as a coach. Choose your name and a password; this link works once and until{' '}
        <time dateTime={invite.data.expiresAt}>{formatDate(invite.data.expiresAt)}</time>.
      </p>
      <NewAccountForm
        invitedEmail={invite.data.email}
        error={accept.error}
        pending={accept.isPending}
        submitLabel="Create my account"
        pendingLabel="Creating your account…"
        onSubmit={({ name, password }) => accept.mutate({ name, password }, { onSuccess: () => navigate('/') })}
      />
    </div>
  );
}
