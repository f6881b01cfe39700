import type { CreateSessionRequest } from '../../contract/api.ts';
import type { CreateVideoResponse } from '../../contract/guru.ts';
import { createVideo } from '../../api/create-video.ts';
import { postSignedForm, type PostFormOptions } from './post-signed-form.ts';

/**
 * One file's upload: staged → idle → creating → uploading(progress) → done | error | cancelled.
 * Staged: dropped, its tags still being checked; idle: queued, it starts when a slot frees.
 */
export type UploadState =
  | { status: 'staged' }
  | { status: 'idle' }
  | { status: 'creating' }
  | { status: 'uploading'; id: string; loaded: number; total: number }
  | { status: 'done'; id: string }
  | { status: 'error'; message: string; id?: string }
  | { status: 'cancelled' };

export type UploadEvent =
  | { type: 'queue' }
  | { type: 'start' }
  | { type: 'created'; id: string; total: number }
  | { type: 'progress'; loaded: number; total: number }
  | { type: 'uploaded' }
  | { type: 'failed'; message: string }
  | { type: 'cancel' }
  | { type: 'reset' };

export const stagedUploadState: UploadState = { status: 'staged' };
export const initialUploadState: UploadState = { status: 'idle' };

/** A file's athlete, activity and expected reps may change until its upload starts. */
export const isEditable = (s: UploadState) => s.status === 'staged' || s.status === 'idle';

export const isActive = (s: UploadState) => s.status === 'creating' || s.status === 'uploading';

/** Pure transitions; an event that makes no sense in the current state is ignored. */
export function uploadReducer(state: UploadState, event: UploadEvent): UploadState {
  switch (event.type) {
    case 'queue':
      return state.status === 'staged' ? initialUploadState : state;
    case 'start':
      return state.status === 'idle' || state.status === 'error' || state.status === 'cancelled'
        ? { status: 'creating' }
        : state;
    case 'created':
      return state.status === 'creating' ? { status: 'uploading', id: event.id, loaded: 0, total: event.total } : state;
    case 'progress':
      return state.status === 'uploading'
        ? { ...state, loaded: Math.min(event.loaded, event.total), total: event.total }
        : state;
    case 'uploaded':
      return state.status === 'uploading' ? { status: 'done', id: state.id } : state;
    case 'failed':
      return isActive(state)
        ? { status: 'error', message: event.message, id: state.status === 'uploading' ? state.id : undefined }
        : state;
    case 'cancel':
      return isActive(state) || state.status === 'idle' ? { status: 'cancelled' } : state;
    case 'reset':
      return initialUploadState;
  }
}

export function uploadPercent(state: UploadState): number {
  if (state.status === 'done') return 100;
  if (state.status !== 'uploading' || state.total <= 0) return 0;
  return (state.loaded / state.total) * 100;
}

export type UploadDeps = {
  createSession?: (body: CreateSessionRequest) => Promise<CreateVideoResponse>;
  postForm?: (url: string, fields: Record<string, string>, file: File, options: PostFormOptions) => Promise<void>;
};

export type UploadRequest = Omit<CreateSessionRequest, 'filename' | 'size'>;

/**
 * Runs one upload, reporting every transition through `dispatch`. A retry is a fresh run:
 * the signed form expires, so each attempt creates a new video.
 */
export async function runUpload(
  file: File,
  request: UploadRequest,
  dispatch: (event: UploadEvent) => void,
  { signal, createSession = createVideo, postForm = postSignedForm }: UploadDeps & { signal?: AbortSignal } = {},
): Promise<void> {
  dispatch({ type: 'start' });
  try {
    const created = await createSession({ ...request, filename: file.name, size: file.size });
    if (signal?.aborted) throw new DOMException('The upload was cancelled.', 'AbortError');
    dispatch({ type: 'created', id: created.id, total: file.size });
    await postForm(created.url, created.fields, file, {
      signal,
      onProgress: (loaded, total) => dispatch({ type: 'progress', loaded, total }),
    });
    dispatch({ type: 'uploaded' });
  } catch (error) {
    if (signal?.aborted || (error instanceof DOMException && error.name === 'AbortError')) {
      dispatch({ type: 'cancel' });
      return;
    }
    dispatch({ type: 'failed', message: error instanceof Error && error.message ? error.message : 'The upload failed. Retry.' });
  }
}
