import { createVideoResponseSchema, type CreateVideoResponse } from '../contract/guru.ts';
import type { CreateSessionRequest } from '../contract/api.ts';
import { apiClient } from './api-client.ts';

/** POST /api/videos: files a session in the library and returns Guru's signed upload form. */
export function createVideo(body: CreateSessionRequest): Promise<CreateVideoResponse> {
  return apiClient.post('/api/videos', body, createVideoResponseSchema);
}
