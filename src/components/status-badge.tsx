const STYLES: Record<string, string> = {
  Complete: 'bg-green-50 text-good ring-green-600/20',
  Failed: 'bg-red-50 text-bad ring-red-600/20',
  Pending: 'bg-amber-50 text-amber-800 ring-amber-600/20',
  Uploading: 'bg-brand-50 text-brand-700 ring-brand-600/20',
  'Needs review': 'bg-orange-50 text-orange-800 ring-orange-600/20',
};

/** The status as plain text (screen readers and tests read it), coloured by meaning; `label` says
 *  more than the status's name, which screen readers then hear first ("Needs review: expected 3, found 4"). */
export function StatusBadge({ status, label, className = '' }: { status: string; label?: string; className?: string }) {
  return (
    <span
      className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${
        STYLES[status] ?? 'bg-slate-50 text-slate-700 ring-slate-500/20'
      } ${className}`}
    >
      <span aria-hidden="true" className={`size-1.5 rounded-full bg-current ${status === 'Pending' || status === 'Uploading' ? 'animate-pulse' : ''}`} />
      {label ? (
        <>
          <span className="sr-only">{status}: </span>
          {label}
        </>
      ) : (
        status
      )}
    </span>
  );
}
