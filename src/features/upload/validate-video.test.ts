import { describe, expect, it } from 'vitest';
import { MAX_VIDEO_BYTES } from '../../contract/guru.ts';
import { sniffVideoContainer, validateVideoFile } from './validate-video.ts';

const mp4Head = new Uint8Array([0, 0, 0, 0x20, ...'ftypisom'.split('').map((c) => c.charCodeAt(0))]);
const webmHead = new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 1, 0, 0, 0, 0, 0, 0, 0x1f]);

function file(bytes: Uint8Array | string, name: string, type = 'video/mp4') {
  return new File([bytes as BlobPart], name, { type });
}

/** A File whose size claims to be huge without allocating it. */
function hugeFile(name: string): File {
  const f = file(mp4Head, name);
  Object.defineProperty(f, 'size', { value: MAX_VIDEO_BYTES + 1 });
  return f;
}

describe('sniffVideoContainer', () => {
  it('recognises MP4/MOV boxes at bytes 4-7 and the WebM magic', () => {
    expect(sniffVideoContainer(mp4Head)).toBe('mp4');
    for (const box of ['moov', 'mdat', 'wide', 'free']) {
      expect(sniffVideoContainer(new Uint8Array([0, 0, 0, 8, ...box.split('').map((c) => c.charCodeAt(0))]))).toBe('mp4');
    }
    expect(sniffVideoContainer(webmHead)).toBe('webm');
    expect(sniffVideoContainer(new TextEncoder().encode('hello, world'))).toBeNull();
    expect(sniffVideoContainer(new Uint8Array([0x1a, 0x45]))).toBeNull();
  });
});

describe('validateVideoFile', () => {
  it('accepts mp4, mov, m4v and webm files with real video headers', async () => {
    expect(await validateVideoFile(file(mp4Head, 'squat.mp4'))).toEqual({ ok: true });
    expect(await validateVideoFile(file(mp4Head, 'squat.MOV', 'video/quicktime'))).toEqual({ ok: true });
    expect(await validateVideoFile(file(mp4Head, 'squat.m4v', 'video/x-m4v'))).toEqual({ ok: true });
    expect(await validateVideoFile(file(webmHead, 'squat.webm', 'video/webm'))).toEqual({ ok: true });
    expect(await validateVideoFile(file(mp4Head, 'no-type.mp4', ''))).toEqual({ ok: true });
  });

  it('refuses other extensions and non-video types', async () => {
    const txt = await validateVideoFile(file('hello', 'notes.txt', 'text/plain'));
    expect(txt).toMatchObject({ ok: false, message: expect.stringContaining('MP4, MOV, M4V or WebM') });
    expect((await validateVideoFile(file(mp4Head, 'clip.mp4', 'image/png'))).ok).toBe(false);
    expect((await validateVideoFile(file(mp4Head, 'clip.avi', 'video/x-msvideo'))).ok).toBe(false);
  });

  it('refuses empty and oversized files with a clear message', async () => {
    expect(await validateVideoFile(file(new Uint8Array(), 'empty.mp4'))).toEqual({
      ok: false,
      message: expect.stringContaining('is empty'),
    });
    expect(await validateVideoFile(hugeFile('big.mp4'))).toEqual({
      ok: false,
      message: expect.stringMatching(/limit is 500 MB/),
    });
  });

  it('refuses a file whose bytes are not MP4/MOV/WebM, whatever its name says', async () => {
    const result = await validateVideoFile(file('<html>not a video</html>', 'renamed.mp4'));
    expect(result).toEqual({ ok: false, message: expect.stringContaining("doesn't look like a video") });
  });
});
