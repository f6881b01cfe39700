import {
  initialUploadState,
  isActive,
  runUpload,
  uploadReducer,
  type UploadDeps,
  type UploadEvent,
  type UploadRequest,
  type UploadState,
} from './upload-machine.ts';

export const MAX_PARALLEL_UPLOADS = 2;

export type QueueItem = {
  key: string;
  file: File;
  request: UploadRequest;
  attempt: number;
  state: UploadState;
};

type Listener = () => void;

/**
 * Uploads files two at a time, each with its own state machine, cancel and retry. It lives outside
 * React so uploads keep going while the coach opens a finished video's review page.
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
      slots -= 1;
      const controller = new AbortController();
      controllers.set(item.key, controller);
      // runUpload dispatches 'start' synchronously, so the next pass sees this item as active.
      void runUpload(item.file, item.request, (event) => dispatch(item.key, event), {
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
    hasActive: () => items.some((i) => isActive(i.state) || i.state.status === 'idle'),
    add(files: File[], request: UploadRequest): string[] {
      const added = files.map((file) => ({
        key: `upload-${++nextKey}`,
        file,
        request,
        attempt: 0,
        state: initialUploadState,
      }));
      items = [...items, ...added];
      listeners.forEach((l) => l());
      pump();
      return added.map((i) => i.key);
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
