// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import '../../test/setup-dom.ts';
import { FakeXhr } from '../../test/fake-xhr.ts';
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

function stubCreate() {
  const stub = fetchStub((url, init) => {
    if (url.pathname === '/api/videos' && init?.method === 'POST') {
      created += 1;
      return { body: { id: `vid-${created}`, url: 'https://storage.example/up', fields: { key: `k${created}`, policy: 'p' } } };
    }
    return undefined;
  });
  vi.stubGlobal('fetch', stub.fn);
  return stub;
}

describe('UploadPage', () => {
  it('one dropped video uploads with progress, then opens its review page', async () => {
    const stub = stubCreate();
    const { router } = renderRoutes(routes(), '/');
    await userEvent.type(screen.getByLabelText('Athlete'), 'Sam');
    await userEvent.upload(screen.getByLabelText('Upload videos'), mp4('set1.mp4'));

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
    await waitFor(() => expect(FakeXhr.instances).toHaveLength(2));
    first.unmount();
    expect(FakeXhr.instances.some((x) => x.aborted)).toBe(false);
    FakeXhr.instances[0].respond(204);
    renderRoutes(page, '/');
    expect(await screen.findByRole('link', { name: 'Review a.mp4' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Cancel upload of b.mp4' })).toBeTruthy();
  });
});
