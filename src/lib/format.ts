import { describeAnalysisType, sentenceCase } from '../contract/measures.ts';

// The measure names live in the contract, where the server's CSV export reads them too.
export { describeAnalysisType };

// toLocaleString builds a new Intl.NumberFormat per call (~0.1 ms): a 100-rep table made thousands.
const numberFormats = new Map<number, Intl.NumberFormat>();

export function formatNumber(value: number, maxDigits = 1): string {
  let format = numberFormats.get(maxDigits);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { maximumFractionDigits: maxDigits });
    numberFormats.set(maxDigits, format);
  }
  return format.format(value);
}

/** A scalar with the unit its type implies; milliseconds read better as seconds. */
export function formatAnalysisValue(type: string, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const { unit } = describeAnalysisType(type);
  if (unit === 'ms') return `${formatNumber(value / 1000, 2)} s`;
  if (unit === '°' || unit === '%') return `${formatNumber(value)}${unit}`;
  return unit ? `${formatNumber(value, 2)} ${unit}` : formatNumber(value, 2);
}

/** 83_450 ms → "1:23.4" */
export function formatClock(ms: number): string {
  const safe = Math.max(0, ms);
  const minutes = Math.floor(safe / 60_000);
  const seconds = (safe % 60_000) / 1000;
  return `${minutes}:${seconds.toFixed(1).padStart(4, '0')}`;
}

/**
 * "1:23.4" → 83_400 ms, as formatClock writes it; plain seconds ("83.4") too. Null for anything
 * else (seconds of 60 or more after minutes, signs, words), so a form can say what it expects.
 */
export function parseClock(text: string): number | null {
  const match = /^(?:(\d{1,3}):([0-5]?\d(?:\.\d{1,3})?)|(\d{1,5}(?:\.\d{1,3})?))$/.exec(text.trim());
  if (!match) return null;
  const [, minutes, seconds, plain] = match;
  return Math.round((minutes ? Number(minutes) * 60 + Number(seconds) : Number(plain)) * 1000);
}

export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  return m > 0 ? `${m}m ${String(s).padStart(2, '0')}s` : `${s}s`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${formatNumber(bytes / 1024)} KB`;
  if (bytes < 1024 ** 3) return `${formatNumber(bytes / 1024 ** 2)} MB`;
  return `${formatNumber(bytes / 1024 ** 3, 2)} GB`;
}

/** `bench_press` → "Bench press" */
export function humanize(id: string | null | undefined): string {
  if (!id) return '—';
  return sentenceCase(id.replace(/([a-z])([A-Z])/g, '$1_$2'));
}

export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** The local Guru's queue position of a waiting analysis, in words; null when it is not waiting. */
export function setsAhead(position: number | null | undefined): string | null {
  if (position == null) return null;
  // Queued with nothing ahead and not running: every analysis worker is busy, or none is running.
  if (position === 0) return 'next in line, waiting for a free analysis worker';
  return position === 1 ? '1 set ahead of this one' : `${position} sets ahead of this one`;
}
