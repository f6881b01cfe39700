import {
  initialUploadState,
  isActive,
  isEditable,
  runUpload,
  stagedUploadState,
  uploadReducer,
  type UploadDeps,
  type UploadEvent,
  type UploadState,
} from './upload-machine.ts';
import { requestFromTags, type UploadTags } from './upload-tags.ts';

export const MAX_PARALLEL_UPLOADS = 2;

export type QueueItem = {
  key: string;
  file: File;
  tags: UploadTags;
  attempt: number;
  state: UploadState;
};

type Listener = () => void;

/**
 * Dropped files wait (staged) with their own tags until the coach starts them; then they upload two
 * at a time, each with its own state machine, cancel and retry. It lives outside React so uploads
 * keep going while the coach opens a finished video's review page.
 */
export function createUploadQueue(deps: UploadDeps = {}) {
  let items: QueueItem[] = [];
  let nextKey = 0;
  const listeners = new Set<Listener>();
  const uploadedListeners = new Set<(id: string) => void>();
  const controllers = new Map<string, AbortController>();

  function update(key: string, fn: (item: QueueItem) => QueueItem) {
    items = items.map((item) => (item.key === key ? fn(item) : item));
    listeners.forEach((l) => l());
  }

  function dispatch(key: string, event: UploadEvent) {
    update(key, (item) => ({ ...item, state: uploadReducer(item.state, event) }));
    if (event.type === 'uploaded') {
      const item = items.find((i) => i.key === key);
      if (item?.state.status === 'done') uploadedListeners.forEach((l) => l((item.state as { id: string }).id));
    }
  }

  function pump() {
    let slots = MAX_PARALLEL_UPLOADS - items.filter((i) => isActive(i.state)).length;
    for (const item of items) {
      if (slots <= 0) break;
      if (item.state.status !== 'idle') continue;
      const made = requestFromTags(item.tags);
      if ('error' in made) continue;
      slots -= 1;
      const controller = new AbortController();
      controllers.set(item.key, controller);
      // runUpload dispatches 'start' synchronously, so the next pass sees this item as active.
      void runUpload(item.file, made.request, (event) => dispatch(item.key, event), {
        ...deps,
        signal: controller.signal,
      }).finally(() => {
        if (controllers.get(item.key) === controller) controllers.delete(item.key);
        pump();
      });
    }
  }

  return {
    getItems: () => items,
    subscribe(listener: Listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    onUploaded(listener: (id: string) => void) {
      uploadedListeners.add(listener);
      return () => {
        uploadedListeners.delete(listener);
      };
    },
    /** Leaving now would lose these files: staged, queued or on their way. */
    hasPending: () => items.some((i) => isActive(i.state) || isEditable(i.state)),
    /** Stages files, each with its own copy of `tags` to change before its upload starts. */
    add(files: File[], tags: UploadTags): string[] {
      const added = files.map((file) => ({ key: `upload-${++nextKey}`, file, tags, attempt: 0, state: stagedUploadState }));
      items = [...items, ...added];
      listeners.forEach((l) => l());
      return added.map((i) => i.key);
    },
    edit(key: string, change: Partial<UploadTags>) {
      update(key, (item) => (isEditable(item.state) ? { ...item, tags: { ...item.tags, ...change } } : item));
    },
    /** Queues the staged files among `keys` whose tags are valid; returns the keys queued. */
    start(keys: readonly string[]): string[] {
      const ready = items.filter((i) => keys.includes(i.key) && i.state.status === 'staged' && !('error' in requestFromTags(i.tags)));
      for (const item of ready) dispatch(item.key, { type: 'queue' });
      pump();
      return ready.map((i) => i.key);
    },
    cancel(key: string) {
      const controller = controllers.get(key);
      if (controller) controller.abort();
      else dispatch(key, { type: 'cancel' });
    },
    /** A fresh attempt from scratch: signed forms expire, so it creates a new video. */
    retry(key: string) {
      update(key, (item) =>
        isActive(item.state) ? item : { ...item, attempt: item.attempt + 1, state: initialUploadState },
      );
      pump();
    },
    remove(key: string) {
      items = items.filter((item) => item.key !== key || isActive(item.state));
      listeners.forEach((l) => l());
    },
  };
}

export type UploadQueue = ReturnType<typeof createUploadQueue>;

/** The dashboard's one queue. */
export const uploadQueue = createUploadQueue();
