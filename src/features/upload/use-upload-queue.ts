import { useEffect, useSyncExternalStore } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { videoKeys } from '../../api/video-keys.ts';
import { uploadQueue as defaultQueue, type UploadQueue } from './upload-queue.ts';

export type { QueueItem } from './upload-queue.ts';

/** The upload queue's items for rendering; the library list refreshes as each upload lands. */
export function useUploadQueue(queue: UploadQueue = defaultQueue) {
  const items = useSyncExternalStore(queue.subscribe, queue.getItems, queue.getItems);
  const queryClient = useQueryClient();

  useEffect(
    () => queue.onUploaded(() => void queryClient.invalidateQueries({ queryKey: videoKeys.lists() })),
    [queue, queryClient],
  );

  // Leaving the site mid-upload loses it: ask first.
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (queue.hasPending()) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [queue]);

  return { items, add: queue.add, edit: queue.edit, start: queue.start, cancel: queue.cancel, retry: queue.retry, remove: queue.remove };
}
