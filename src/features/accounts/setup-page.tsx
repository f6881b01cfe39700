import { Link, useNavigate } from 'react-router';
import { useAuthState, useSetUp } from '../../api/auth-session.ts';
import { buttonClass } from '../../components/button.tsx';
import { Skeleton } from '../../components/skeleton.tsx';
import { NewAccountForm } from './new-account-form.tsx';

/** The one-time setup: on the machine RepLens runs on, while it has no accounts and no shared password. */
export function SetupPage() {
  const auth = useAuthState();
  const setUp = useSetUp();
  const navigate = useNavigate();

  if (auth.isPending) return <Skeleton className="mx-auto h-80 max-w-md" />;
  if (!auth.data?.canSetUp) {
    return (
      <div className="mx-auto mt-6 max-w-md rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <h1 className="text-xl font-semibold tracking-tight">Coach accounts are already set up</h1>
        <p className="mt-2 text-sm text-slate-600">
          {auth.data?.mode === 'password'
            ? 'This server uses one shared password (DASHBOARD_PASSWORD), so it has no coach accounts.'
            : 'This RepLens has an admin. New coaches join through an invite link from the admin.'}
        </p>
        <Link to="/" className={`${buttonClass('secondary')} mt-4`}>
          Upload page
        </Link>
      </div>
    );
  }

  return (
    <div className="mx-auto mt-2 max-w-md rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200 sm:mt-6">
      <h1 className="text-xl font-semibold tracking-tight">Create the admin account</h1>
      <p className="mt-1 text-sm text-slate-600">
        For a club with several coaches: the admin invites each coach, and RepLens then records who uploaded and corrected each set.
      </p>
      <p className="mt-2 rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200">
        From then on everyone signs in, on this computer too. This page only works here, and only once.
      </p>
      <NewAccountForm
        error={setUp.error}
        pending={setUp.isPending}
        submitLabel="Create the admin account"
        pendingLabel="Creating…"
        onSubmit={(values) => setUp.mutate(values, { onSuccess: () => navigate('/coaches') })}
      />
    </div>
  );
}
