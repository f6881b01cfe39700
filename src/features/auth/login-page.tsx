import { SignInForm } from './sign-in-form.tsx';

/** Shown instead of the app when the server has a DASHBOARD_PASSWORD and we are signed out. */
export function LoginPage() {
  return <SignInForm withEmail={false} intro="This dashboard is shared by your club. Ask your coach admin for the password." />;
}
