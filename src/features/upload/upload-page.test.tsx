// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import '../../test/setup-dom.ts';
import { FakeXhr } from '../../test/fake-xhr.ts';
import type { AnalysisResponse } from '../../contract/guru.ts';
import { completeAnalysis } from '../../test/fixtures.ts';
import { fetchStub, renderRoutes } from '../../test/render.tsx';
import { UploadPage } from './upload-page.tsx';
import { createUploadQueue } from './upload-queue.ts';

const mp4 = (name: string) =>
  new File([new Uint8Array([0, 0, 0, 0x20, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d])], name, { type: 'video/mp4' });

const routes = () => [
  { path: '/', element: <UploadPage queue={createUploadQueue()} /> },
  { path: '/videos/:id', element: <p>Review page</p> },
];

let created = 0;
beforeEach(() => {
  created = 0;
  FakeXhr.reset();
  localStorage.clear();
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
});

/** Creates videos vid-1, vid-2…; their analyses answer from `analyses` (Pending when absent). */
function stubCreate(analyses: Record<string, AnalysisResponse> = {}) {
  const stub = fetchStub((url, init) => {
    if (url.pathname === '/api/videos' && init?.method === 'POST') {
      created += 1;
      return { body: { id: `vid-${created}`, url: 'https://storage.example/up', fields: { key: `k${created}`, policy: 'p' } } };
    }
    const analysis = /^\/api\/videos\/(vid-\d+)\/analysis$/.exec(url.pathname);
    if (analysis) return { body: analyses[analysis[1]] ?? { status: 'Pending' } };
    return undefined;
  });
  vi.stubGlobal('fetch', stub.fn);
  return stub;
}

const uploadAll = async () => userEvent.click(await screen.findByRole('button', { name: 'Upload all' }));

describe('UploadPage', () => {
  it('one dropped video uploads with progress, then opens its review page', async () => {
    const stub = stubCreate();
    const { router } = renderRoutes(routes(), '/');
    await userEvent.type(screen.getByLabelText('Athlete'), 'Sam');
    await userEvent.upload(screen.getByLabelText('Upload videos'), mp4('set1.mp4'));
    // Staged first: nothing leaves until the coach says so.
    expect(await screen.findByText('12 B · ready to upload')).toBeTruthy();
    expect(stub.calls).toHaveLength(0);
    await uploadAll();

    await waitFor(() => expect(FakeXhr.instances).toHaveLength(1));
    expect(stub.calls[0].body).toEqual({ athlete: 'Sam', filename: 'set1.mp4', size: 12, domain: 'weightlifting', activity: 'squat' });
    FakeXhr.instances[0].progress(6, 12);
    const bar = await screen.findByRole('progressbar');
    await waitFor(() => expect(bar.getAttribute('aria-valuenow')).toBe('50'));
    FakeXhr.instances[0].respond(204);
    await waitFor(() => expect(router.state.location.pathname).toBe('/videos/vid-1'));
    expect(localStorage.getItem('replens.athlete')).toBe('Sam');
  });

  it('activities follow the domain; an empty athlete files under "Unassigned"', async () => {
    const stub = stubCreate();
    renderRoutes(routes(), '/');
    await userEvent.selectOptions(screen.getByLabelText('Domain'), 'calisthenics');
    expect((screen.getByLabelText('Activity') as HTMLSelectElement).value).toBe('push_up');
    await userEvent.type(screen.getByLabelText(/Expected reps/), '8');
    await userEvent.upload(screen.getByLabelText('Upload videos'), mp4('pushups.mp4'));
    await uploadAll();
    await waitFor(() => expect(stub.calls).toHaveLength(1));
    expect(stub.calls[0].body).toMatchObject({ athlete: 'Unassigned', domain: 'calisthenics', activity: 'push_up', repCount: 8 });
  });

  it('offers only the activities the local Guru measures, and every one on the cloud', async () => {
    const options = () => [...(screen.getByLabelText('Activity') as HTMLSelectElement).options].map((o) => o.value);
    stubCreate();
    const local = renderRoutes(routes(), '/');
    await userEvent.selectOptions(screen.getByLabelText('Domain'), 'calisthenics');
    await waitFor(() => expect(options()).toEqual(['push_up', 'bodyweight_squat']));
    local.unmount();
    vi.stubGlobal('fetch', fetchStub((url) => (url.pathname === '/api/health' ? { body: { ok: true, guru: 'remote' } } : undefined)).fn);
    renderRoutes(routes(), '/');
    await userEvent.selectOptions(screen.getByLabelText('Domain'), 'calisthenics');
    await waitFor(() => expect(options()).toContain('burpee'));
  });

  it('tags each file on its own until its upload starts, then follows its analysis live', async () => {
    const stub = stubCreate({
      'vid-1': completeAnalysis(),
      'vid-2': { status: 'Failed', reason: 'LOW_QUALITY_POSE_ESTIMATE', reps: [] } as AnalysisResponse,
      'vid-3': { status: 'Pending', queuePosition: 2, reps: [] } as AnalysisResponse,
    });
    renderRoutes(routes(), '/');
    await userEvent.type(screen.getByLabelText('Athlete'), 'Ana');
    await userEvent.type(screen.getByLabelText(/Expected reps/), '3');
    await userEvent.upload(screen.getByLabelText('Upload videos'), [mp4('a.mp4'), mp4('b.mp4'), mp4('c.mp4')]);

    // The batch fields are each file's defaults.
    expect(await screen.findByLabelText('Athlete for b.mp4')).toHaveProperty('value', 'Ana');
    const bAthlete = screen.getByLabelText('Athlete for b.mp4');
    await userEvent.clear(bAthlete);
    await userEvent.type(bAthlete, 'Ben');
    await userEvent.selectOptions(screen.getByLabelText('Activity for b.mp4'), 'deadlift');
    await userEvent.clear(screen.getByLabelText('Expected reps for b.mp4'));
    await userEvent.type(screen.getByLabelText('Expected reps for b.mp4'), '5');
    await userEvent.clear(screen.getByLabelText('Expected reps for c.mp4'));
    await userEvent.type(screen.getByLabelText('Expected reps for c.mp4'), '2.5');
    expect(screen.getByText('Expected reps must be a whole number from 0 to 1000.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Upload c.mp4' })).toHaveProperty('disabled', true);

    // "Upload all" leaves the file with a bad count staged, to be fixed and sent on its own.
    await uploadAll();
    await waitFor(() => expect(FakeXhr.instances).toHaveLength(2));
    expect(stub.calls.map((c) => c.body)).toEqual([
      { athlete: 'Ana', filename: 'a.mp4', size: 12, domain: 'weightlifting', activity: 'squat', repCount: 3 },
      { athlete: 'Ben', filename: 'b.mp4', size: 12, domain: 'weightlifting', activity: 'deadlift', repCount: 5 },
    ]);
    expect(screen.queryByLabelText('Athlete for a.mp4')).toBeNull();
    await userEvent.clear(screen.getByLabelText('Expected reps for c.mp4'));
    await userEvent.type(screen.getByLabelText('Expected reps for c.mp4'), '2');
    await userEvent.click(screen.getByRole('button', { name: 'Upload c.mp4' }));

    FakeXhr.instances[0].respond(204);
    FakeXhr.instances[1].respond(204);
    const row = (name: string) => screen.getByRole('link', { name: `Review ${name}` }).closest('li')!;
    await screen.findByRole('link', { name: 'Review b.mp4' });
    await waitFor(() => expect(row('a.mp4').textContent).toContain('Complete3 reps'));
    expect(row('a.mp4').textContent).toContain('Uploaded for Ana');
    await waitFor(() => expect(row('b.mp4').textContent).toContain('FailedLow quality pose estimate'));
    await waitFor(() => expect(FakeXhr.instances).toHaveLength(3));
    FakeXhr.instances[2].respond(204);
    await waitFor(() => expect(within(row('c.mp4')).getByText('Pending')).toBeTruthy());
    await waitFor(() => expect(row('c.mp4').textContent).toContain('2 sets ahead of this one'));
    expect(stub.calls.filter((c) => c.method === 'POST').map((c) => (c.body as { repCount?: number }).repCount)).toEqual([3, 5, 2]);
  });

  it('refuses a fake video before sending anything', async () => {
    const stub = stubCreate();
    renderRoutes(routes(), '/');
    await userEvent.upload(screen.getByLabelText('Upload videos'), new File(['not a video'], 'fake.mp4', { type: 'video/mp4' }));
    expect(await screen.findByText(/doesn't look like a video/)).toBeTruthy();
    expect(stub.calls).toHaveLength(0);
  });

  it('queues several videos two at a time, each with cancel, retry and a review link', async () => {
    stubCreate();
    renderRoutes(routes(), '/');
    await userEvent.upload(screen.getByLabelText('Upload videos'), [mp4('a.mp4'), mp4('b.mp4'), mp4('c.mp4')]);
    await uploadAll();
    await waitFor(() => expect(FakeXhr.instances).toHaveLength(2));
    expect(screen.getByText('Waiting…')).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Cancel upload of a.mp4' }));
    expect(await screen.findByText('Cancelled')).toBeTruthy();
    await waitFor(() => expect(FakeXhr.instances).toHaveLength(3));

    FakeXhr.instances[1].respond(204);
    expect(await screen.findByRole('link', { name: 'Review b.mp4' })).toHaveProperty('pathname', '/videos/vid-2');
    FakeXhr.instances[2].respond(403, '<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>');
    expect(await screen.findByText(/upload link expired/)).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Retry upload of c.mp4' }));
    await waitFor(() => expect(FakeXhr.instances).toHaveLength(4));
    expect(created).toBe(4);
  });

  it('keeps uploading while the coach is on another page', async () => {
    stubCreate();
    const queue = createUploadQueue();
    const page = [{ path: '/', element: <UploadPage queue={queue} /> }];
    const first = renderRoutes(page, '/');
    await userEvent.upload(screen.getByLabelText('Upload videos'), [mp4('a.mp4'), mp4('b.mp4')]);
    await uploadAll();
    await waitFor(() => expect(FakeXhr.instances).toHaveLength(2));
    first.unmount();
    expect(FakeXhr.instances.some((x) => x.aborted)).toBe(false);
    FakeXhr.instances[0].respond(204);
    renderRoutes(page, '/');
    expect(await screen.findByRole('link', { name: 'Review a.mp4' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Cancel upload of b.mp4' })).toBeTruthy();
  });
});
