import { useMutation } from '@tanstack/react-query';
import { EXPORT_SETS_HEADER, EXPORT_SKIPPED_HEADER, type AthleteExportQuery } from '../contract/api.ts';
import { apiClient } from './api-client.ts';

export interface AthleteExportFile {
  /** The CSV as sent (text() would drop its byte-order mark, which spreadsheets need). */
  blob: Blob;
  filename: string;
  /** Sets written, and sets left out because their analysis could not be read just now. */
  sets: number;
  skipped: number;
}

export function athleteExportPath(id: number, query: AthleteExportQuery): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) params.set(k, v);
  const search = params.toString();
  return `/api/athletes/${id}/export.csv${search ? `?${search}` : ''}`;
}

/** The name the server gives the file (its RFC 6266 `filename*` when there is one). */
function filenameOf(disposition: string | null, fallback: string): string {
  const exact = disposition?.match(/filename\*=UTF-8''([^;]+)/i)?.[1];
  if (exact) {
    try {
      return decodeURIComponent(exact);
    } catch {
      // fall through to the plain name
    }
  }
  return disposition?.match(/filename="([^"]+)"/i)?.[1] ?? fallback;
}

export async function exportAthlete(id: number, query: AthleteExportQuery): Promise<AthleteExportFile> {
  const { blob, headers } = await apiClient.getFile(athleteExportPath(id, query), 'text/csv');
  return {
    blob,
    filename: filenameOf(headers.get('content-disposition'), 'athlete.csv'),
    sets: Number(headers.get(EXPORT_SETS_HEADER) ?? 0),
    skipped: Number(headers.get(EXPORT_SKIPPED_HEADER) ?? 0),
  };
}

export function useExportAthlete() {
  return useMutation({ mutationFn: ({ id, query }: { id: number; query: AthleteExportQuery }) => exportAthlete(id, query) });
}
