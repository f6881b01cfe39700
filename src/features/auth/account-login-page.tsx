import { SignInForm } from './sign-in-form.tsx';

/** Shown instead of the app when the server has coach accounts and we are signed out. */
export function AccountLoginPage() {
  return (
    <SignInForm
      withEmail
      intro="Use the email and password of your coach account. New coaches get an invite link from their admin."
    />
  );
}
