import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { buttonClass } from '../components/button.tsx';
import { Layout } from './layout.tsx';

export function RouteError() {
  const error = useRouteError();
  let title = 'Something went wrong';
  let message = 'The page hit an unexpected problem. Reload, or go back to the upload page.';
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) {
      title = 'Page not found';
      message = "There's nothing at this address. Check the link or start from the upload page.";
    } else {
      title = `${error.status} ${error.statusText}`;
    }
  } else if (error instanceof Error && /dynamically imported module|Importing a module script failed/i.test(error.message)) {
    message = 'A newer version of RepLens is available. Reload the page to continue.';
  }
  if (!isRouteErrorResponse(error)) console.error(error);
  return (
    <Layout>
      <div role="alert" className="mx-auto max-w-lg rounded-xl bg-white p-6 text-center shadow-sm ring-1 ring-slate-200">
        <h1 className="text-lg font-semibold text-slate-900">{title}</h1>
        <p className="mt-2 text-sm text-slate-600">{message}</p>
        <div className="mt-5 flex justify-center gap-2">
          <button type="button" className={buttonClass('secondary')} onClick={() => window.location.reload()}>
            Reload
          </button>
          <Link to="/" className={buttonClass('primary')}>
            Upload page
          </Link>
        </div>
      </div>
    </Layout>
  );
}
