import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeXhr } from '../../test/fake-xhr.ts';
import { postSignedForm, uploadErrorFromResponse } from './post-signed-form.ts';
import { isEditable, runUpload, uploadPercent, uploadReducer, type UploadEvent, type UploadState } from './upload-machine.ts';
import { createUploadQueue } from './upload-queue.ts';

const created = {
  id: 'vid-1',
  url: 'https://storage.example/upload',
  fields: { key: 'uploads/vid-1', policy: 'cG9saWN5', signature: 'c2ln', AWSAccessKeyId: 'AKIA' },
};
const request = { athlete: 'Sam', domain: 'weightlifting', activity: 'squat' } as const;
const video = () => new File([new Uint8Array(1000)], 'squat.mp4', { type: 'video/mp4' });

function recorder() {
  let state: UploadState = { status: 'idle' };
  const states: UploadState[] = [];
  const dispatch = (event: UploadEvent) => {
    state = uploadReducer(state, event);
    states.push(state);
  };
  return { dispatch, states, get state() { return state; } };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  FakeXhr.reset();
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
});
afterEach(() => vi.unstubAllGlobals());

describe('uploadReducer', () => {
  it('walks idle → creating → uploading → done and ignores nonsense events', () => {
    let s: UploadState = { status: 'idle' };
    expect(uploadReducer(s, { type: 'uploaded' })).toBe(s);
    s = uploadReducer(s, { type: 'start' });
    expect(s).toEqual({ status: 'creating' });
    s = uploadReducer(s, { type: 'created', id: 'v', total: 10 });
    s = uploadReducer(s, { type: 'progress', loaded: 4, total: 10 });
    expect(s).toEqual({ status: 'uploading', id: 'v', loaded: 4, total: 10 });
    expect(uploadPercent(s)).toBe(40);
    s = uploadReducer(s, { type: 'uploaded' });
    expect(s).toEqual({ status: 'done', id: 'v' });
    expect(uploadReducer(s, { type: 'cancel' })).toBe(s);
    expect(uploadReducer(s, { type: 'failed', message: 'x' })).toBe(s);
  });
});

describe('staging', () => {
  it('a staged file only moves on when queued, and stays editable until its upload starts', () => {
    let s: UploadState = { status: 'staged' };
    expect(uploadReducer(s, { type: 'start' })).toBe(s);
    expect(isEditable(s)).toBe(true);
    s = uploadReducer(s, { type: 'queue' });
    expect(s).toEqual({ status: 'idle' });
    expect(isEditable(s)).toBe(true);
    s = uploadReducer(s, { type: 'start' });
    expect(isEditable(s)).toBe(false);
    expect(uploadReducer(s, { type: 'queue' })).toBe(s);
  });

  it('the queue sends each file with its own tags, skips a file whose tags are invalid, and freezes tags once started', async () => {
    const createSession = vi.fn().mockResolvedValue(created);
    const queue = createUploadQueue({ createSession });
    const [a, b] = queue.add([video(), video()], { athlete: 'Ana', activity: 'squat', expectedReps: '3' });
    queue.edit(b, { athlete: ' ', activity: 'push_up', expectedReps: 'x' });
    expect(queue.start([a, b])).toEqual([a]);
    queue.edit(a, { athlete: 'Changed' });
    expect(queue.getItems()[0].tags.athlete).toBe('Ana');
    queue.edit(b, { expectedReps: '' });
    expect(queue.start([b])).toEqual([b]);
    await flush();
    expect(createSession.mock.calls.map(([body]) => body)).toEqual([
      { athlete: 'Ana', domain: 'weightlifting', activity: 'squat', repCount: 3, filename: 'squat.mp4', size: 1000 },
      { athlete: 'Unassigned', domain: 'calisthenics', activity: 'push_up', filename: 'squat.mp4', size: 1000 },
    ]);
  });
});

describe('runUpload', () => {
  it('creates the video, posts every signed field then the file, reports progress, ends done', async () => {
    const createSession = vi.fn().mockResolvedValue(created);
    const r = recorder();
    const file = video();
    const run = runUpload(file, request, r.dispatch, { createSession });
    await flush();

    expect(createSession).toHaveBeenCalledWith({ ...request, filename: 'squat.mp4', size: 1000 });
    expect(r.state).toMatchObject({ status: 'uploading', id: 'vid-1', loaded: 0 });
    const xhr = FakeXhr.instances[0];
    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe(created.url);
    const entries = [...xhr.body!.entries()].map(([k]) => k);
    expect(entries).toEqual([...Object.keys(created.fields), 'file']);
    expect(xhr.body!.get('policy')).toBe('cG9saWN5');

    xhr.progress(250, 1000);
    expect(r.state).toMatchObject({ status: 'uploading', loaded: 250, total: 1000 });
    xhr.progress(1000, 1000);
    xhr.respond(204);
    await run;
    expect(r.state).toEqual({ status: 'done', id: 'vid-1' });
    expect(r.states.map((s) => s.status)).toEqual(['creating', 'uploading', 'uploading', 'uploading', 'uploading', 'done']);
  });

  it('cancel aborts the XHR and ends cancelled', async () => {
    const controller = new AbortController();
    const r = recorder();
    const run = runUpload(video(), request, r.dispatch, {
      createSession: vi.fn().mockResolvedValue(created),
      signal: controller.signal,
    });
    await flush();
    FakeXhr.instances[0].progress(100, 1000);
    controller.abort();
    await run;
    expect(FakeXhr.instances[0].aborted).toBe(true);
    expect(r.state).toEqual({ status: 'cancelled' });
  });

  it('cancel during create never starts the upload', async () => {
    const controller = new AbortController();
    let resolve!: (v: typeof created) => void;
    const r = recorder();
    const run = runUpload(video(), request, r.dispatch, {
      createSession: () => new Promise((res) => (resolve = res)),
      signal: controller.signal,
    });
    controller.abort();
    resolve(created);
    await run;
    expect(FakeXhr.instances).toHaveLength(0);
    expect(r.state).toEqual({ status: 'cancelled' });
  });

  it("shows the storage server's XML error message", async () => {
    const r = recorder();
    const run = runUpload(video(), request, r.dispatch, { createSession: vi.fn().mockResolvedValue(created) });
    await flush();
    FakeXhr.instances[0].respond(
      403,
      '<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>Invalid according to Policy: Policy Condition failed: content-length-range</Message></Error>',
    );
    await run;
    expect(r.state).toEqual({
      status: 'error',
      id: 'vid-1',
      message: 'The storage server refused the upload: Invalid according to Policy: Policy Condition failed: content-length-range',
    });
  });

  it('an expired policy asks for a retry; a create failure is reported in words', async () => {
    expect(uploadErrorFromResponse(403, '<Error><Code>AccessDenied</Code><Message>Invalid according to Policy: Policy expired.</Message></Error>').message).toMatch(
      /expired\. Retry/,
    );
    const r = recorder();
    await runUpload(video(), request, r.dispatch, {
      createSession: vi.fn().mockRejectedValue(new Error('That activity is not part of the chosen domain.')),
    });
    expect(r.state).toEqual({ status: 'error', message: 'That activity is not part of the chosen domain.' });
    // Retry is a fresh run from the error state.
    expect(uploadReducer(r.state, { type: 'start' })).toEqual({ status: 'creating' });
  });

  it('a network failure during the upload is an error, not a crash', async () => {
    const promise = postSignedForm(created.url, created.fields, video());
    FakeXhr.instances[0].onerror?.();
    await expect(promise).rejects.toMatchObject({ code: 'NETWORK', message: expect.stringContaining('retry') });
  });
});
