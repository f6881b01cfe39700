import { useState, type FormEvent } from 'react';
import { useLogin } from '../../api/auth-session.ts';
import { Button } from '../../components/button.tsx';

/** Shown instead of the app when the server has a DASHBOARD_PASSWORD and we are signed out. */
export function LoginPage() {
  const login = useLogin();
  const [password, setPassword] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    if (password) login.mutate({ password });
  }

  return (
    <div className="mx-auto mt-10 max-w-sm rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
      <h1 className="text-xl font-semibold tracking-tight">Sign in to RepLens</h1>
      <p className="mt-1 text-sm text-slate-600">This dashboard is shared by your club. Ask your coach admin for the password.</p>
      <form onSubmit={submit} className="mt-5 space-y-4">
        <div>
          <label htmlFor="password" className="block text-sm font-medium text-slate-700">
            Password
          </label>
          <input
            id="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-xs focus:border-brand-500 focus:outline-2 focus:outline-brand-500"
            aria-describedby={login.error ? 'login-error' : undefined}
          />
        </div>
        {login.error && (
          <p id="login-error" role="alert" className="text-sm text-bad">
            {login.error.message}
          </p>
        )}
        <Button type="submit" className="w-full" disabled={login.isPending}>
          {login.isPending ? 'Signing in…' : 'Sign in'}
        </Button>
      </form>
    </div>
  );
}
