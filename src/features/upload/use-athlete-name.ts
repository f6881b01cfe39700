import { useEffect, useState } from 'react';

const STORAGE_KEY = 'replens.athlete';

function read(): string {
  try {
    return localStorage.getItem(STORAGE_KEY) ?? '';
  } catch {
    return '';
  }
}

/** The last athlete name typed on this device, so a coach filming one athlete types it once. */
export function useAthleteName() {
  const [athlete, setAthlete] = useState(read);
  useEffect(() => {
    try {
      localStorage.setItem(STORAGE_KEY, athlete);
    } catch {
      // Private mode or full storage: the name simply isn't remembered.
    }
  }, [athlete]);
  return [athlete, setAthlete] as const;
}
