/**
 * The local Guru's videos. Records sit behind the async `VideoStore`: JSON files in DATA_DIR
 * cached in memory (the embedded default, one process owns them) or a PostgreSQL table
 * (postgres/video-store.ts, every instance sees the same). Joint data and uploaded files are
 * files in DATA_DIR on both (a shared filesystem when several machines serve one database),
 * named by id only: never by the client's key or filename.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AnalysisStatus, CameraView, JointPoint, Rep } from '../../src/contract/guru.ts';
import { tempPath } from '../lib/atomic-files.ts';

export interface VideoRecord {
  id: string;
  filename: string;
  size: number;
  source: string | null;
  domain: string | null;
  activity: string | null;
  repCount: number | null;
  createdAt: string;
  /** Guru's video status: Pending until the file arrives, then Success (uploaded). */
  status: 'Pending' | 'Success';
  uploadedBytes: number | null;
  analysis: {
    status: AnalysisStatus;
    reason: string | null;
    domain: string | null;
    activity: string | null;
    /** Absent on records written before the view was found. */
    view?: CameraView | null;
    reps: Rep[];
  };
  /** Which analysis is current: a corrected activity starts the next; absent is 0. */
  analysisRun?: number;
  fps: number | null;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  /** Absent: `uri` is the upload as it is. See playback-jobs.ts. */
  playback?: PlaybackState;
}

/** Preparing: a browser-safe copy is being made; Copy: it exists; Original: the upload plays as it is. */
export type PlaybackState = 'Preparing' | 'Copy' | 'Original';

export interface JointData {
  jointToPoints: Record<string, JointPoint[]>;
  /** The joint followed by its image (RepLens extension, see J2pResponse). */
  followedJoint?: string | null;
}

/** Where a video's files are: the same on every backend. */
export interface VideoFiles {
  readonly videoDir: string;
  readonly fileDir: string;
  filePath(id: string): string;
  playbackPath(id: string): string;
  saveJoints(id: string, data: JointData): void;
  /** The stored joint data's file, `{"jointToPoints":…}` as written by saveJoints; undefined if none. */
  jointsFile(id: string): string | undefined;
  joints(id: string): JointData;
}

export interface VideoStore extends VideoFiles {
  backend: 'files' | 'postgres';
  get(id: string): Promise<VideoRecord | undefined>;
  /** Uploaded videos whose analysis or playback copy has not finished (to resume them). */
  unfinished(): Promise<VideoRecord[]>;
  save(record: VideoRecord): Promise<void>;
  update(id: string, change: (record: VideoRecord) => void): Promise<VideoRecord | undefined>;
  /**
   * Records the outcome of analysis `run`, only while it is the video's current run and still
   * Pending, in one step: a job done twice (a worker presumed dead that was only slow) records once.
   * `by` names who recorded it (the PostgreSQL backend logs each outcome). True if recorded.
   */
  recordAnalysis(id: string, run: number, change: (record: VideoRecord) => void, by?: string): Promise<boolean>;
  close(): Promise<void>;
}

export const runOf = (record: VideoRecord) => record.analysisRun ?? 0;

/** Whether `run` of this video may still record an outcome. */
export const awaitsOutcome = (record: VideoRecord | undefined, run: number) =>
  !!record && runOf(record) === run && record.analysis.status === 'Pending';

export const isUnfinished = (r: VideoRecord) => r.status === 'Success' && (r.analysis.status === 'Pending' || r.playback === 'Preparing');

export function videoFiles(root: string): VideoFiles {
  const videoDir = path.join(root, 'videos');
  const fileDir = path.join(root, 'files');
  fs.mkdirSync(videoDir, { recursive: true });
  fs.mkdirSync(fileDir, { recursive: true });
  const jointsPath = (id: string) => path.join(videoDir, `${id}.j2p.json`);
  return {
    videoDir,
    fileDir,
    filePath: (id) => path.join(fileDir, id),
    playbackPath: (id) => path.join(fileDir, `${id}.playback.mp4`),
    saveJoints: (id, data) => writeAtomic(jointsPath(id), JSON.stringify(data)),
    jointsFile: (id) => (fs.existsSync(jointsPath(id)) ? jointsPath(id) : undefined),
    joints(id) {
      try {
        return JSON.parse(fs.readFileSync(jointsPath(id), 'utf8')) as JointData;
      } catch {
        return { jointToPoints: {} };
      }
    },
  };
}

/** The embedded default: one JSON record per video under `root`, written atomically, cached in memory. */
export function openFileVideoStore(root: string): VideoStore {
  const files = videoFiles(root);
  const { videoDir, fileDir } = files;
  const records = new Map<string, VideoRecord>();
  // Only this process writes here, so any temp file left at start is from one that crashed.
  for (const name of fs.readdirSync(fileDir)) if (name.startsWith('.upload-')) fs.rmSync(path.join(fileDir, name), { force: true });
  for (const name of fs.readdirSync(videoDir)) if (name.endsWith('.tmp')) fs.rmSync(path.join(videoDir, name), { force: true });
  for (const name of fs.readdirSync(videoDir)) {
    if (!name.endsWith('.video.json')) continue;
    const file = path.join(videoDir, name);
    try {
      const record = JSON.parse(fs.readFileSync(file, 'utf8')) as VideoRecord;
      if (record?.id !== name.slice(0, -'.video.json'.length)) throw new Error('its id does not match its file name');
      records.set(record.id, record);
    } catch (error) {
      // One damaged record must not keep the service from starting: set it aside for a person to look at.
      const quarantine = path.join(root, 'quarantine');
      fs.mkdirSync(quarantine, { recursive: true });
      fs.renameSync(file, path.join(quarantine, name));
      console.error(`[local-guru] skipped the unreadable record ${file} (${(error as Error).message}); moved it to ${quarantine}`);
    }
  }

  const save = (record: VideoRecord) => {
    records.set(record.id, record);
    writeAtomic(path.join(videoDir, `${record.id}.video.json`), JSON.stringify(record));
  };
  const update = (id: string, change: (record: VideoRecord) => void) => {
    const record = records.get(id);
    if (!record) return undefined;
    const next = structuredClone(record);
    change(next);
    save(next);
    return next;
  };

  return {
    ...files,
    backend: 'files',
    get: async (id) => records.get(id),
    unfinished: async () => [...records.values()].filter(isUnfinished),
    save: async (record) => save(record),
    update: async (id, change) => update(id, change),
    async recordAnalysis(id, run, change) {
      if (!awaitsOutcome(records.get(id), run)) return false;
      update(id, change);
      return true;
    },
    async close() {},
  };
}

function writeAtomic(file: string, data: string) {
  const tmp = tempPath(file);
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}
