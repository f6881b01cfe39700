/** The one look of text inputs and selects across the dashboard. */
export const fieldBaseClass =
  'mt-1 block rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-xs ring-1 ring-inset ring-slate-300 placeholder:text-slate-500 focus:ring-2 focus:ring-inset focus:ring-brand-600 focus:outline-none';

export const fieldClass = `${fieldBaseClass} w-full`;

export const labelClass = 'block text-sm font-medium text-slate-700';
