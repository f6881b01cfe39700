import { useId, useState, type FormEvent } from 'react';
import { Button } from '../../components/button.tsx';
import { fieldClass, labelClass } from '../../components/field.ts';
import { NewPasswordField } from './new-password-field.tsx';

export interface NewAccountValues {
  email: string;
  name: string;
  password: string;
}

/** Email, name and a new password: the admin's setup and an invited coach's first visit. */
export function NewAccountForm({
  invitedEmail,
  error,
  pending,
  submitLabel,
  pendingLabel,
  onSubmit,
}: {
  /** An invite fixes the email: shown, not typed. */
  invitedEmail?: string;
  error: Error | null;
  pending: boolean;
  submitLabel: string;
  pendingLabel: string;
  onSubmit: (values: NewAccountValues) => void;
}) {
  const id = useId();
  const [email, setEmail] = useState(invitedEmail ?? '');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit({ email, name, password });
  }

  return (
    <form onSubmit={submit} className="mt-5 space-y-4">
      <div>
        <label htmlFor={`${id}-email`} className={labelClass}>
          Email
        </label>
        {invitedEmail === undefined ? (
          <input id={`${id}-email`} type="email" autoComplete="username" required maxLength={254} value={email} onChange={(e) => setEmail(e.target.value)} className={fieldClass} />
        ) : (
          <input id={`${id}-email`} type="email" autoComplete="username" readOnly value={invitedEmail} className={`${fieldClass} bg-slate-50 text-slate-700`} />
        )}
      </div>
      <div>
        <label htmlFor={`${id}-name`} className={labelClass}>
          Your name
        </label>
        <input id={`${id}-name`} autoComplete="name" required maxLength={80} value={name} onChange={(e) => setName(e.target.value)} className={fieldClass} />
      </div>
      <NewPasswordField value={password} onChange={setPassword} />
      {error && (
        <p role="alert" className="text-sm text-bad">
          {error.message}
        </p>
      )}
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? pendingLabel : submitLabel}
      </Button>
    </form>
  );
}
