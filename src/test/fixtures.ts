import type { Session, VideoDetail } from '../contract/api.ts';
import type { AnalysisResponse } from '../contract/guru.ts';

export function session(overrides: Partial<Session> = {}): Session {
  return {
    id: 'vid-1',
    athleteId: 1,
    athlete: 'Sam Lee',
    filename: 'back-squat.mp4',
    size: 1234,
    domain: 'weightlifting',
    activity: 'squat',
    expectedReps: 3,
    correctedReps: null,
    repsFound: 3,
    repsEdited: false,
    lowConfidenceReps: 0,
    needsReview: false,
    status: 'Complete',
    reason: null,
    createdAt: '2026-11-27T02:00:00.000Z',
    updatedAt: '2026-11-27T02:01:00.000Z',
    uploadedBy: null,
    ...overrides,
  };
}

export function videoDetail(overrides: Partial<Session> = {}): VideoDetail {
  return {
    id: 'vid-1',
    status: 'Success',
    uri: 'http://files.example/vid-1.mp4',
    fps: 30,
    session: session(overrides),
  } as VideoDetail;
}

export function completeAnalysis(): AnalysisResponse {
  return {
    status: 'Complete',
    domain: 'weightlifting',
    activity: 'squat',
    reps: [
      {
        startTimestampMs: 1000,
        midTimestampMs: 1800,
        endTimestampMs: 2600,
        analyses: [
          { analysisType: 'HIP_KNEE_ANGLE_DEGREES', analysisScalar: 80, analysisOpinion: 'good' },
          { analysisType: 'REP_DURATION_MS', analysisScalar: 1600 },
        ],
      },
      {
        startTimestampMs: 3000,
        midTimestampMs: 3900,
        endTimestampMs: 4800,
        analyses: [
          { analysisType: 'HIP_KNEE_ANGLE_DEGREES', analysisScalar: 105, analysisOpinion: 'bad' },
          { analysisType: 'REP_DURATION_MS', analysisScalar: 1800 },
        ],
      },
      {
        startTimestampMs: 5200,
        midTimestampMs: 6000,
        endTimestampMs: 6900,
        analyses: [{ analysisType: 'ELBOW_WRIST_ANGLE_DEGREES', analysisScalar: 170 }],
      },
    ],
  } as AnalysisResponse;
}
