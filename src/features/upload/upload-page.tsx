import { useEffect, useId, useRef, useState } from 'react';
import { useDropzone, type FileRejection } from 'react-dropzone';
import { useNavigate } from 'react-router';
import { MAX_VIDEO_BYTES, type Activity, type Domain } from '../../contract/guru.ts';
import { Button, focusRing } from '../../components/button.tsx';
import { Card, CardHeader } from '../../components/card.tsx';
import { DomainActivityFields } from '../../components/domain-activity-fields.tsx';
import { useAthletes } from '../../api/get-athletes.ts';
import { useHealth } from '../../api/get-health.ts';
import { ExpectedRepsField } from './expected-reps-field.tsx';
import { AthleteDatalist, AthleteHint } from '../../components/athlete-name.tsx';
import { fieldClass, labelClass } from '../../components/field.ts';
import { formatBytes } from '../../lib/format.ts';
import { UploadRow } from './upload-row.tsx';
import { DEFAULT_ATHLETE, parseExpectedReps } from './upload-tags.ts';
import { useAthleteName } from './use-athlete-name.ts';
import type { UploadQueue } from './upload-queue.ts';
import { useUploadQueue } from './use-upload-queue.ts';
import { ACCEPTED_VIDEO_TYPES, validateVideoFile } from './validate-video.ts';

type Rejection = { key: string; message: string };

export function UploadPage({ queue: queueStore }: { queue?: UploadQueue } = {}) {
  const ids = useId();
  const navigate = useNavigate();
  const [athlete, setAthlete] = useAthleteName();
  const guru = useHealth().data?.guru;
  const athletes = useAthletes().data?.items ?? [];
  const [domain, setDomain] = useState<Domain>('weightlifting');
  const [activity, setActivity] = useState<Activity>('squat');
  const [expected, setExpected] = useState('');
  const [rejections, setRejections] = useState<Rejection[]>([]);
  const queue = useUploadQueue(queueStore);
  const navigateOnDone = useRef<string | null>(null);

  const reps = parseExpectedReps(expected);

  useEffect(() => {
    const key = navigateOnDone.current;
    if (!key) return;
    const item = queue.items.find((i) => i.key === key);
    if (item?.state.status === 'done') {
      navigateOnDone.current = null;
      navigate(`/videos/${item.state.id}`);
    }
  }, [queue.items, navigate]);

  async function onDrop(accepted: File[], refused: FileRejection[]) {
    const messages: Rejection[] = refused.map((r) => ({
      key: `${r.file.name}-${Math.random()}`,
      message: `“${r.file.name}” isn't a video type we accept. Use MP4, MOV, M4V or WebM.`,
    }));
    const checks = await Promise.all(accepted.map(async (file) => ({ file, check: await validateVideoFile(file) })));
    const valid: File[] = [];
    for (const { file, check } of checks) {
      if (check.ok) valid.push(file);
      else messages.push({ key: `${file.name}-${Math.random()}`, message: check.message });
    }
    setRejections(messages);
    if (valid.length > 0) queue.add(valid, { athlete, activity, expectedReps: expected });
  }

  const staged = queue.items.filter((i) => i.state.status === 'staged');
  function uploadAll() {
    const started = queue.start(staged.map((i) => i.key));
    // A single file on its own: open its review once it has landed, as the coach surely will.
    navigateOnDone.current = started.length === 1 && queue.items.length === 1 ? started[0] : null;
  }

  const { getRootProps, getInputProps, isDragActive, open } = useDropzone({
    onDrop: (a, r) => void onDrop(a, r),
    accept: ACCEPTED_VIDEO_TYPES as unknown as Record<string, string[]>,
    multiple: true,
    noClick: true,
    noKeyboard: true,
  });

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Upload videos</h1>
        <p className="mt-1 text-sm text-slate-600">
          Drop a set filmed from the side. We count the reps and score each one, usually within a minute.
        </p>
      </div>

      <Card className="p-4 sm:p-5">
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <div>
            <label htmlFor={`${ids}-athlete`} className={labelClass}>
              Athlete
            </label>
            <input
              id={`${ids}-athlete`}
              className={fieldClass}
              value={athlete}
              maxLength={80}
              placeholder={DEFAULT_ATHLETE}
              autoComplete="off"
              list={`${ids}-athletes`}
              aria-describedby={`${ids}-athlete-hint`}
              onChange={(e) => setAthlete(e.target.value)}
            />
            <AthleteDatalist id={`${ids}-athletes`} athletes={athletes} />
            <AthleteHint id={`${ids}-athlete-hint`} name={athlete} athletes={athletes} />
          </div>
          <DomainActivityFields
            idPrefix={ids}
            domain={domain}
            activity={activity}
            guru={guru}
            onChange={(d, a) => {
              setDomain(d);
              setActivity(a);
            }}
          />
          <ExpectedRepsField
            id={`${ids}-expected`}
            label={<>Expected reps <span className="font-normal text-slate-500">(optional)</span></>}
            value={expected}
            error={reps.error}
            onChange={setExpected}
          />
        </div>

        <div
          {...getRootProps({
            className: `mt-5 flex flex-col items-center justify-center gap-3 rounded-xl border-2 border-dashed px-6 py-10 text-center transition-colors ${
              isDragActive ? 'border-brand-500 bg-brand-50' : 'border-slate-300 bg-slate-50'
            }`,
          })}
        >
          <input {...getInputProps({ 'aria-label': 'Upload videos' })} />
          <svg aria-hidden="true" viewBox="0 0 24 24" className="size-10 text-brand-500" fill="none" stroke="currentColor" strokeWidth={1.5}>
            <path d="M12 16.5V9.75m0 0l3 3m-3-3l-3 3M6.75 19.5a4.5 4.5 0 01-1.41-8.775 5.25 5.25 0 0110.233-2.33 3 3 0 013.758 3.848A3.752 3.752 0 0118 19.5H6.75z" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          <div>
            <p className="text-sm font-medium text-slate-900">
              {isDragActive ? 'Drop to add them to the uploads' : 'Drag videos here to upload them'}
            </p>
            <p className="mt-1 text-xs text-slate-500">
              MP4, MOV, M4V or WebM, up to {formatBytes(MAX_VIDEO_BYTES)} each. Each file takes the athlete, activity
              and expected reps above; change any file below, then upload.
            </p>
          </div>
          <Button onClick={open} className={focusRing}>
            Choose videos
          </Button>
        </div>

        {rejections.length > 0 && (
          <div role="alert" className="mt-4 rounded-md bg-red-50 px-4 py-3 text-sm text-red-900 ring-1 ring-red-200">
            <ul className="space-y-1">
              {rejections.map((r) => (
                <li key={r.key}>{r.message}</li>
              ))}
            </ul>
          </div>
        )}
      </Card>

      {queue.items.length > 0 && (
        <Card>
          <CardHeader
            title="Uploads"
            action={
              staged.length > 0 && (
                <Button size="sm" onClick={uploadAll}>
                  Upload all
                </Button>
              )
            }
          />
          <ul className="divide-y divide-slate-100">
            {queue.items.map((item) => (
              <UploadRow
                key={item.key}
                item={item}
                guru={guru}
                athletes={athletes}
                athleteListId={`${ids}-athletes`}
                onEdit={(change) => queue.edit(item.key, change)}
                onStart={() => queue.start([item.key])}
                onCancel={() => queue.cancel(item.key)}
                onRetry={() => queue.retry(item.key)}
                onRemove={() => queue.remove(item.key)}
              />
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
