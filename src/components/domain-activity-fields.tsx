import { DOMAINS, type Activity, type Domain } from '../contract/guru.ts';
import { offeredActivities } from '../contract/measures.ts';
import { humanize } from '../lib/format.ts';
import { fieldClass, labelClass } from './field.ts';

interface Props {
  idPrefix: string;
  domain: Domain;
  activity: Activity;
  /** Called with a consistent pair: a new domain brings its first activity when the old one doesn't fit. */
  onChange: (domain: Domain, activity: Activity) => void;
  /** The local Guru measures a subset of Guru's table: only those are offered. Unknown: all. */
  guru?: 'local' | 'remote';
  className?: string;
}

/** Domain then activity selects; the activities follow the chosen domain and what the Guru analyses. */
export function DomainActivityFields({ idPrefix, domain, activity, onChange, guru = 'remote', className = '' }: Props) {
  const offered = (d: Domain) => offeredActivities(d, guru);
  function changeDomain(next: Domain) {
    const options = offered(next);
    onChange(next, options.includes(activity) ? activity : options[0]);
  }
  return (
    <>
      <div className={className}>
        <label htmlFor={`${idPrefix}-domain`} className={labelClass}>
          Domain
        </label>
        <select id={`${idPrefix}-domain`} className={fieldClass} value={domain} onChange={(e) => changeDomain(e.target.value as Domain)}>
          {DOMAINS.map((d) => (
            <option key={d} value={d}>
              {humanize(d)}
            </option>
          ))}
        </select>
      </div>
      <div className={className}>
        <label htmlFor={`${idPrefix}-activity`} className={labelClass}>
          Activity
        </label>
        <select
          id={`${idPrefix}-activity`}
          className={fieldClass}
          value={activity}
          onChange={(e) => onChange(domain, e.target.value as Activity)}
        >
          {offered(domain).map((a) => (
            <option key={a} value={a}>
              {humanize(a)}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}
