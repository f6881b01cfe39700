import type { ReactNode } from 'react';
import { Link, NavLink, Outlet, useMatch, useNavigation } from 'react-router';
import { useAuthState, useLogout, useSignOutEverywhere } from '../api/auth-session.ts';
import type { AuthState } from '../contract/api.ts';
import { Skeleton } from '../components/skeleton.tsx';
import { AccountLoginPage } from '../features/auth/account-login-page.tsx';
import { LoginPage } from '../features/auth/login-page.tsx';

const linkClass = ({ isActive }: { isActive: boolean }) =>
  `rounded-md px-2 py-2 text-sm font-medium sm:px-3 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white ${
    isActive ? 'bg-white/15 text-white' : 'text-brand-100 hover:bg-white/10 hover:text-white'
  }`;

export function Layout({ children }: { children?: ReactNode }) {
  const navigation = useNavigation();
  const auth = useAuthState();
  const logout = useLogout();
  // An invite link opens before anyone is signed in.
  const publicPage = useMatch('/invite/:token') !== null;
  const needsSignIn = auth.data?.required === true && !auth.data.authenticated;
  const signedOut = needsSignIn && !publicPage;
  const account = auth.data?.account;
  return (
    <div className="min-h-screen">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-sm"
      >
        Skip to content
      </a>
      <header className="bg-brand-900 print:hidden">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3 sm:px-6">
          <NavLink to="/" className="flex items-center gap-2 rounded-md text-white focus-visible:outline-2 focus-visible:outline-white">
            <svg aria-hidden="true" viewBox="0 0 24 24" className="size-7" fill="none">
              <rect width="24" height="24" rx="6" fill="#338dfc" />
              <path d="M6 15.5l3-5 3 3 3-6 3 8" stroke="white" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
            </svg>
            <span className="text-base font-semibold tracking-tight">RepLens</span>
          </NavLink>
          {!needsSignIn && (
          <nav aria-label="Main" className="flex items-center gap-1">
            <NavLink to="/" end className={linkClass}>
              Upload
            </NavLink>
            <NavLink to="/library" className={linkClass}>
              Library
            </NavLink>
            <NavLink to="/athletes" className={linkClass}>
              Athletes
            </NavLink>
            {account?.role === 'admin' && (
              <NavLink to="/coaches" className={linkClass}>
                Coaches
              </NavLink>
            )}
            {auth.data?.mode === 'password' && auth.data.authenticated && (
              <button type="button" onClick={() => logout.mutate()} className={linkClass({ isActive: false })}>
                Sign out
              </button>
            )}
          </nav>
          )}
        </div>
        {account && <AccountBar name={account.name} role={account.role} />}
        {navigation.state === 'loading' && <div aria-hidden="true" className="h-0.5 animate-pulse bg-brand-400" />}
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-6 sm:px-6 sm:py-8 print:max-w-none print:p-0">
        {auth.isPending ? (
          <Skeleton className="h-40" />
        ) : signedOut ? (
          auth.data?.mode === 'accounts' ? <AccountLoginPage /> : <LoginPage />
        ) : (
          (children ?? <Outlet />)
        )}
      </main>
      {auth.data && <SetupHint auth={auth.data} />}
    </div>
  );
}

/** Who is signed in (coach accounts), with both ways out. */
function AccountBar({ name, role }: { name: string; role: string }) {
  const logout = useLogout();
  const everywhere = useSignOutEverywhere();
  const error = logout.error ?? everywhere.error;
  return (
    <div className="border-t border-white/10">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-end gap-x-1 gap-y-1 px-4 py-1.5 text-sm sm:px-6">
        <p className="min-w-0 basis-full truncate text-brand-100 sm:mr-2 sm:basis-auto">
          Signed in as <span className="font-medium text-white">{name}</span>
          {role === 'admin' && <span className="text-brand-100"> (admin)</span>}
        </p>
        <button type="button" onClick={() => logout.mutate()} className={linkClass({ isActive: false })}>
          Sign out
        </button>
        <button type="button" onClick={() => everywhere.mutate()} className={linkClass({ isActive: false })}>
          Sign out everywhere
        </button>
        {error && (
          <p role="alert" className="basis-full text-right text-red-100">
            {error.message}
          </p>
        )}
      </div>
    </div>
  );
}

/** Open mode on this machine: one quiet way into coach accounts. */
function SetupHint({ auth }: { auth: AuthState }) {
  const onSetupPage = useMatch('/setup') !== null;
  if (!auth.canSetUp || onSetupPage) return null;
  return (
    <footer className="mx-auto max-w-6xl px-4 pb-6 text-sm text-slate-600 sm:px-6 print:hidden">
      Several coaches in your club?{' '}
      <Link to="/setup" className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900">
        Set up coach accounts
      </Link>
    </footer>
  );
}
