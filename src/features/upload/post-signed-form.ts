/** The signed upload form was refused or could not be sent; `message` is for the coach. */
export class UploadError extends Error {
  readonly code: string;
  readonly status: number;
  constructor(message: string, code: string, status: number) {
    super(message);
    this.name = 'UploadError';
    this.code = code;
    this.status = status;
  }
}

function tag(xml: string, name: string): string | null {
  const match = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml);
  return match ? match[1].trim() : null;
}

/** Storage errors come back as S3-style XML: `<Error><Code/><Message/></Error>`. */
export function uploadErrorFromResponse(status: number, body: string): UploadError {
  const code = tag(body, 'Code') ?? `HTTP_${status}`;
  const detail = tag(body, 'Message');
  let message: string;
  if (/expired/i.test(detail ?? '') || code === 'ExpiredToken') {
    message = 'The upload link expired. Retry to get a fresh one.';
  } else if (code === 'EntityTooLarge' || status === 413) {
    message = 'The storage server refused the file because it is too large.';
  } else if (detail) {
    message = `The storage server refused the upload: ${detail}`;
  } else {
    message = `The storage server refused the upload (HTTP ${status}).`;
  }
  return new UploadError(message, code, status);
}

export type PostFormOptions = {
  onProgress?: (loaded: number, total: number) => void;
  signal?: AbortSignal;
};

/**
 * Posts the signed multipart form (every field as given, then `file` last) straight to storage.
 * XHR because fetch reports no upload progress; the browser sets the multipart Content-Type.
 */
export function postSignedForm(
  url: string,
  fields: Record<string, string>,
  file: File,
  { onProgress, signal }: PostFormOptions = {},
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DOMException('The upload was cancelled.', 'AbortError'));
      return;
    }
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) form.append(key, value);
    form.append('file', file);

    const xhr = new XMLHttpRequest();
    const onAbortSignal = () => xhr.abort();
    signal?.addEventListener('abort', onAbortSignal, { once: true });
    const cleanup = () => signal?.removeEventListener('abort', onAbortSignal);

    xhr.upload.onprogress = (event) => {
      onProgress?.(event.loaded, event.lengthComputable ? event.total : file.size);
    };
    xhr.onload = () => {
      cleanup();
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress?.(file.size, file.size);
        resolve();
      } else {
        reject(uploadErrorFromResponse(xhr.status, typeof xhr.responseText === 'string' ? xhr.responseText : ''));
      }
    };
    xhr.onerror = () => {
      cleanup();
      reject(new UploadError("The upload couldn't reach the storage server. Check your connection and retry.", 'NETWORK', 0));
    };
    xhr.ontimeout = xhr.onerror;
    xhr.onabort = () => {
      cleanup();
      reject(new DOMException('The upload was cancelled.', 'AbortError'));
    };
    xhr.open('POST', url);
    xhr.send(form);
  });
}
