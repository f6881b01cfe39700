import { useState, type FormEvent } from 'react';
import { useLogin } from '../../api/auth-session.ts';
import { Button } from '../../components/button.tsx';
import { fieldClass, labelClass } from '../../components/field.ts';

/**
 * The sign-in card shown instead of the app when signed out: the club's shared password
 * (DASHBOARD_PASSWORD), or a coach's email and password (accounts).
 */
export function SignInForm({ withEmail, intro }: { withEmail: boolean; intro: string }) {
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!password || (withEmail && !email)) return;
    login.mutate(withEmail ? { email, password } : { password });
  }

  return (
    <div className="mx-auto mt-6 max-w-sm rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200 sm:mt-10">
      <h1 className="text-xl font-semibold tracking-tight">Sign in to RepLens</h1>
      <p className="mt-1 text-sm text-slate-600">{intro}</p>
      <form onSubmit={submit} className="mt-5 space-y-4">
        {withEmail && (
          <div>
            <label htmlFor="email" className={labelClass}>
              Email
            </label>
            <input
              id="email"
              type="email"
              autoComplete="username"
              required
              maxLength={254}
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              className={fieldClass}
            />
          </div>
        )}
        <div>
          <label htmlFor="password" className={labelClass}>
            Password
          </label>
          <input
            id="password"
            type="password"
            autoComplete="current-password"
            required
            maxLength={1024}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            className={fieldClass}
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
