/**
 * The library's storage behind one async interface, with two backends: SQLite in DATA_DIR (the
 * embedded default, library.ts) and PostgreSQL when DATABASE_URL is set (postgres/library.ts).
 * Both answer with the same rows, mapped here, so the routes cannot tell them apart.
 */
import type { AthleteSettingsRequest, AthleteSummary, CoachRep, CoachReps, Session, SessionListQuery, SessionStatus } from '../../src/contract/api.ts';
import type { CompareSideRef, Comparison, NewDrawing, NewNote, NoteChange, Shape } from '../../src/contract/feedback.ts';
import type { AccountStore } from './account-store.ts';

export type NewSession = Pick<Session, 'id' | 'athlete' | 'filename' | 'size' | 'domain' | 'activity' | 'expectedReps'> & {
  /** The coach's account id (null without accounts). */
  createdBy?: number | null;
};
export type SessionChange = Partial<
  Pick<Session, 'domain' | 'activity' | 'correctedReps' | 'repsFound' | 'lowConfidenceReps' | 'status' | 'reason'>
>;

export type RenameResult = { athlete: AthleteSummary } | { conflict: AthleteSummary } | { notFound: true };
export type MergeResult = { athlete: AthleteSummary } | { notFound: number } | { same: true };

export interface AthleteStore {
  get(id: number): Promise<AthleteSummary | undefined>;
  list(): Promise<AthleteSummary[]>;
  /** A new spelling of the same key is a rename; a name another athlete has is a conflict (merge instead). */
  rename(id: number, name: string): Promise<RenameResult>;
  /** Sets the athlete's height (null clears it) and velocity-loss threshold; undefined leaves one as it is. */
  setNumbers(id: number, numbers: AthleteSettingsRequest): Promise<AthleteSummary | undefined>;
  /** Every session of `from` goes to `into`; `from` is gone for good (its id is never reused). */
  merge(from: number, into: number): Promise<MergeResult>;
}

export type SaveResult = { saved: CoachReps } | { stale: CoachReps } | { nothingToUndo: true } | { notFound: true };

export interface RepEditStore {
  current(videoId: string): Promise<CoachReps | undefined>;
  /** Saves the coach's whole set (null: back to the detected reps) made on version `basedOn`, by account `by`. */
  save(videoId: string, basedOn: number, reps: CoachRep[] | null, by?: number | null): Promise<SaveResult>;
  /** Takes the newest save back, with the count the coach had before it. */
  undo(videoId: string, basedOn: number, by?: number | null): Promise<SaveResult>;
  /** Forgets every version (the set was re-analysed as another activity: its reps are new). */
  discard(videoId: string): Promise<void>;
}

/** What the stores keep of a note or drawing; the routes decide what a reader sees of it. */
interface Authored {
  id: number;
  videoId: string;
  timeMs: number;
  /** The coach's account (null without accounts) and name. */
  authorId: number | null;
  author: string | null;
  createdAt: string;
}
export type StoredNote = Authored & { rep: number | null; text: string; updatedAt: string };
export type StoredDrawing = Authored & { shape: Shape };

export interface NoteStore {
  /** A video's notes in time order. */
  list(videoId: string): Promise<StoredNote[]>;
  get(videoId: string, id: number): Promise<StoredNote | undefined>;
  add(videoId: string, note: NewNote, by: number | null): Promise<StoredNote>;
  update(videoId: string, id: number, change: NoteChange): Promise<StoredNote | undefined>;
  remove(videoId: string, id: number): Promise<boolean>;
  count(videoId: string): Promise<number>;
}

export interface DrawingStore {
  list(videoId: string): Promise<StoredDrawing[]>;
  get(videoId: string, id: number): Promise<StoredDrawing | undefined>;
  add(videoId: string, drawing: NewDrawing, by: number | null): Promise<StoredDrawing>;
  remove(videoId: string, id: number): Promise<boolean>;
  count(videoId: string): Promise<number>;
}

export interface StoredShare {
  id: number;
  /** The review's video, or the comparison's first. */
  videoId: string;
  kind: 'review' | 'compare';
  comparison: Comparison | null;
  createdBy: string | null;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

export interface ShareStore {
  /** A new link to a review, or to a comparison (its first video is `videoId`); `tokenHash` is all that is kept of its token. */
  add(share: { videoId: string; tokenHash: string; expiresAt: string; by: number | null; comparison?: Comparison }): Promise<StoredShare>;
  /** Every link that shows this video: its reviews' and the comparisons it is in, newest first. */
  list(videoId: string): Promise<StoredShare[]>;
  /** The links to exactly these two reps (A then B), whatever their alignment and tempo, newest first. */
  listComparison(a: CompareSideRef, b: CompareSideRef): Promise<StoredShare[]>;
  /** Revoked for good; false when no link shows the video or it was already revoked. */
  revoke(videoId: string, id: number): Promise<boolean>;
  byTokenHash(tokenHash: string): Promise<StoredShare | undefined>;
}

export interface LibraryStore {
  readonly backend: 'sqlite' | 'postgres';
  readonly athletes: AthleteStore;
  readonly repEdits: RepEditStore;
  readonly accounts: AccountStore;
  readonly notes: NoteStore;
  readonly drawings: DrawingStore;
  readonly shares: ShareStore;
  add(session: NewSession): Promise<Session>;
  get(id: string): Promise<Session | undefined>;
  /** Applies only real changes, so polling does not rewrite unchanged rows. */
  update(id: string, change: SessionChange): Promise<Session | undefined>;
  /** The coach who last corrected the session (null without accounts). */
  markEdited(id: string, by: number | null): Promise<void>;
  /** Files the session under the athlete `name` means (matched by key, made if new). */
  move(id: string, name: string): Promise<Session | undefined>;
  list(query?: SessionListQuery): Promise<{ items: Session[]; total: number }>;
  /** An athlete's analysed sessions, oldest first. */
  analysedOf(athleteId: number): Promise<Session[]>;
  /** The newest sessions still on their way (Uploading or Pending). */
  unfinished(limit?: number): Promise<Session[]>;
  /** An athlete with no session left goes with its last one. */
  delete(id: string): Promise<boolean>;
  close(): Promise<void>;
}

/** The name the routes know the library by. */
export type Library = LibraryStore;

/** A session row as both backends select it (SQLite answers 0/1 where PostgreSQL answers booleans). */
export interface SessionRow {
  id: string;
  athlete_id: number;
  athlete: string;
  filename: string;
  size: number;
  domain: string | null;
  activity: string | null;
  expected_reps: number | null;
  corrected_reps: number | null;
  reps_found: number | null;
  low_confidence_reps: number | null;
  reps_edited: number | boolean;
  needs_review: number | boolean;
  status: SessionStatus;
  reason: string | null;
  created_at: string;
  updated_at: string;
  uploaded_by: string | null;
}

export const toSession = (r: SessionRow): Session => ({
  id: r.id,
  athleteId: r.athlete_id,
  athlete: r.athlete,
  filename: r.filename,
  size: r.size,
  domain: r.domain,
  activity: r.activity,
  expectedReps: r.expected_reps,
  correctedReps: r.corrected_reps,
  repsFound: r.reps_found,
  repsEdited: Boolean(r.reps_edited),
  lowConfidenceReps: r.low_confidence_reps,
  needsReview: Boolean(r.needs_review),
  status: r.status,
  reason: r.reason,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  uploadedBy: r.uploaded_by,
});

export const SESSION_COLUMNS: Record<keyof SessionChange, string> = {
  domain: 'domain',
  activity: 'activity',
  correctedReps: 'corrected_reps',
  repsFound: 'reps_found',
  lowConfidenceReps: 'low_confidence_reps',
  status: 'status',
  reason: 'reason',
};

/** The entries of `change` that differ from `current` (undefined means "leave as it is"). */
export const realChanges = (current: Session, change: SessionChange) =>
  (Object.entries(change) as [keyof SessionChange, unknown][]).filter(([k, v]) => v !== undefined && current[k] !== v);
