import { useId, useState } from 'react';
import { useShareChanges, useShares, type ShareTarget } from '../../../api/feedback.ts';
import { SHARE_DAYS, type Comparison, type Share } from '../../../contract/feedback.ts';
import { Button } from '../../../components/button.tsx';
import { Card, CardHeader } from '../../../components/card.tsx';
import { errorMessage } from '../../../components/error-state.tsx';
import { fieldClass } from '../../../components/field.ts';
import { formatDate } from '../../../lib/format.ts';

const stateOf = (share: Share) => (share.revokedAt ? 'Revoked' : Date.parse(share.expiresAt) <= Date.now() ? 'Expired' : 'Active');
/** What a compare link shows: a review's list holds them too. */
const compared = ({ a, b, align, matchTempo }: Comparison) =>
  `Comparison: rep ${a.rep} and rep ${b.rep}${a.videoId === b.videoId ? ' of one set' : ' of two sets'}, aligned at the ${align}${matchTempo ? ", B at A's tempo" : ''}`;

/**
 * Share this review, or two compared reps, with the athlete: a read-only link that opens without
 * a sign-in until it expires or is revoked. Its address is shown once, when made (only its hash is kept).
 */
export function ShareCard({ target, intro }: { target: ShareTarget; intro: string }) {
  const shares = useShares(target);
  const { create, revoke } = useShareChanges(target);
  const [days, setDays] = useState<(typeof SHARE_DAYS)[number]>(7);
  const [copied, setCopied] = useState(false);
  const daysId = useId();
  const linkId = useId();
  const link = create.data && `${window.location.origin}${create.data.path}`;
  const problem = create.error ?? revoke.error ?? shares.error;

  async function copy() {
    if (!link) return;
    await navigator.clipboard?.writeText(link).catch(() => {});
    setCopied(true);
  }

  return (
    <Card aria-labelledby="share-title" className="print:hidden">
      <CardHeader id="share-title" title="Share with the athlete" />
      <div className="space-y-3 px-4 py-3 sm:px-5">
        <p className="text-sm text-slate-600">{intro}</p>
        <div className="flex flex-wrap items-end gap-2">
          <div>
            <label htmlFor={daysId} className="block text-sm font-medium text-slate-700">
              Link expires after
            </label>
            <select id={daysId} value={days} onChange={(e) => setDays(Number(e.target.value) as typeof days)} className={`${fieldClass} mt-1`}>
              {SHARE_DAYS.map((d) => (
                <option key={d} value={d}>
                  {d === 1 ? '1 day' : `${d} days`}
                </option>
              ))}
            </select>
          </div>
          <Button
            size="md"
            disabled={create.isPending}
            onClick={() => {
              setCopied(false);
              create.mutate({ days });
            }}
          >
            Create link
          </Button>
        </div>
        {link && (
          <div className="space-y-1 rounded-lg bg-brand-50 p-3 ring-1 ring-brand-200">
            <label htmlFor={linkId} className="block text-sm font-medium text-slate-800">
              Share link (shown only now: copy it)
            </label>
            <div className="flex gap-2">
              <input id={linkId} readOnly value={link} onFocus={(e) => e.target.select()} className={fieldClass} />
              <Button variant="secondary" onClick={() => void copy()}>
                {copied ? 'Copied' : 'Copy'}
              </Button>
            </div>
          </div>
        )}
        {problem && <p role="alert" className="text-sm text-bad">{errorMessage(problem)}</p>}
        {shares.data && shares.data.length > 0 && (
          <ul aria-label="Share links" className="divide-y divide-slate-100">
            {shares.data.map((share) => {
              const state = stateOf(share);
              const made = `${formatDate(share.createdAt)}${share.createdBy ? ` by ${share.createdBy}` : ''}`;
              return (
                <li key={share.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                  <span>
                    {share.comparison && <span className="block text-xs font-medium text-slate-700">{compared(share.comparison)}</span>}
                    <span className="text-slate-900">Made {made}</span>
                    <span className="block text-xs text-slate-600">
                      {state === 'Active' ? `Expires ${formatDate(share.expiresAt)}` : state}
                    </span>
                  </span>
                  {state === 'Active' && (
                    <Button variant="danger" size="sm" aria-label={`Revoke the link made ${made}`} disabled={revoke.isPending} onClick={() => revoke.mutate(share.id)}>
                      Revoke
                    </Button>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </Card>
  );
}
