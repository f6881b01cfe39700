import { MAX_VIDEO_BYTES } from '../../contract/guru.ts';
import { formatBytes } from '../../lib/format.ts';

export const ACCEPTED_VIDEO_TYPES = {
  'video/mp4': ['.mp4', '.m4v'],
  'video/x-m4v': ['.m4v'],
  'video/quicktime': ['.mov'],
  'video/webm': ['.webm'],
} as const;

const EXTENSIONS = ['.mp4', '.m4v', '.mov', '.webm'];
const ISO_BOXES = ['ftyp', 'moov', 'mdat', 'wide', 'free', 'skip'];

export type VideoCheck = { ok: true } | { ok: false; message: string };

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot).toLowerCase();
}

async function readHead(file: Blob, length: number): Promise<Uint8Array> {
  const slice = file.slice(0, length);
  if (typeof slice.arrayBuffer === 'function') return new Uint8Array(await slice.arrayBuffer());
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(slice);
  });
}

/** MP4/MOV: an ISO box name at bytes 4-7; WebM: the EBML magic 1A 45 DF A3. */
export function sniffVideoContainer(head: Uint8Array): 'mp4' | 'webm' | null {
  if (head.length >= 4 && head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) return 'webm';
  if (head.length >= 8) {
    const box = String.fromCharCode(head[4], head[5], head[6], head[7]);
    if (ISO_BOXES.includes(box)) return 'mp4';
  }
  return null;
}

/** Checks a file before anything is sent: type/extension, size, then its first bytes. */
export async function validateVideoFile(file: File): Promise<VideoCheck> {
  const name = file.name || 'This file';
  const ext = extensionOf(file.name);
  const typeOk = file.type === '' || file.type.startsWith('video/');
  if (!EXTENSIONS.includes(ext) || !typeOk) {
    return { ok: false, message: `“${name}” isn't a video type we accept. Use MP4, MOV, M4V or WebM.` };
  }
  if (file.size === 0) return { ok: false, message: `“${name}” is empty (0 bytes). Choose the video again.` };
  if (file.size > MAX_VIDEO_BYTES) {
    return {
      ok: false,
      message: `“${name}” is ${formatBytes(file.size)}; the limit is ${formatBytes(MAX_VIDEO_BYTES)}. Trim or compress it first.`,
    };
  }
  let head: Uint8Array;
  try {
    head = await readHead(file, 12);
  } catch {
    return { ok: false, message: `We couldn't read “${name}”. Choose it again.` };
  }
  if (!sniffVideoContainer(head)) {
    return { ok: false, message: `“${name}” doesn't look like a video: its contents aren't MP4, MOV or WebM.` };
  }
  return { ok: true };
}
