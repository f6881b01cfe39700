/**
 * The local Guru's videos: one JSON record per video (and one for its joint data) under
 * DATA_DIR/local-guru, written atomically, cached in memory. Uploaded files live beside them,
 * named by id only: never by the client's key or filename.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AnalysisStatus, CameraView, JointPoint, Rep } from '../../src/contract/guru.ts';

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
}

export class VideoStore {
  private readonly records = new Map<string, VideoRecord>();
  readonly videoDir: string;
  readonly fileDir: string;

  constructor(root: string) {
    this.videoDir = path.join(root, 'videos');
    this.fileDir = path.join(root, 'files');
    fs.mkdirSync(this.videoDir, { recursive: true });
    fs.mkdirSync(this.fileDir, { recursive: true });
    // Only this process writes here, so any temp file left at start is from one that crashed.
    for (const name of fs.readdirSync(this.fileDir)) if (name.startsWith('.upload-')) fs.rmSync(path.join(this.fileDir, name), { force: true });
    for (const name of fs.readdirSync(this.videoDir)) if (name.endsWith('.tmp')) fs.rmSync(path.join(this.videoDir, name), { force: true });
    for (const name of fs.readdirSync(this.videoDir)) {
      if (!name.endsWith('.video.json')) continue;
      const file = path.join(this.videoDir, name);
      try {
        const record = JSON.parse(fs.readFileSync(file, 'utf8')) as VideoRecord;
        if (record?.id !== name.slice(0, -'.video.json'.length)) throw new Error('its id does not match its file name');
        this.records.set(record.id, record);
      } catch (error) {
        // One damaged record must not keep the service from starting: set it aside for a person to look at.
        const quarantine = path.join(root, 'quarantine');
        fs.mkdirSync(quarantine, { recursive: true });
        fs.renameSync(file, path.join(quarantine, name));
        console.error(`[local-guru] skipped the unreadable record ${file} (${(error as Error).message}); moved it to ${quarantine}`);
      }
    }
  }

  get(id: string) {
    return this.records.get(id);
  }

  all() {
    return [...this.records.values()];
  }

  save(record: VideoRecord) {
    this.records.set(record.id, record);
    writeAtomic(path.join(this.videoDir, `${record.id}.video.json`), JSON.stringify(record));
  }

  update(id: string, change: (record: VideoRecord) => void) {
    const record = this.records.get(id);
    if (!record) return undefined;
    const next = structuredClone(record);
    change(next);
    this.save(next);
    return next;
  }

  saveJoints(id: string, data: JointData) {
    writeAtomic(path.join(this.videoDir, `${id}.j2p.json`), JSON.stringify(data));
  }

  /** The stored joint data's file, `{"jointToPoints":…}` as written by saveJoints; undefined if none. */
  jointsFile(id: string) {
    const file = path.join(this.videoDir, `${id}.j2p.json`);
    return fs.existsSync(file) ? file : undefined;
  }

  joints(id: string): JointData {
    try {
      return JSON.parse(fs.readFileSync(path.join(this.videoDir, `${id}.j2p.json`), 'utf8')) as JointData;
    } catch {
      return { jointToPoints: {} };
    }
  }

  filePath(id: string) {
    return path.join(this.fileDir, id);
  }

  playbackPath(id: string) {
    return path.join(this.fileDir, `${id}.playback.mp4`);
  }
}

function writeAtomic(file: string, data: string) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}
