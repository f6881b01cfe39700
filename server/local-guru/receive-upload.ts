/**
 * Receives a signed multipart upload: parses the form as a stream, checks the policy before the
 * first file byte is written, counts the bytes actually received against content-length-range,
 * and only renames the finished temp file into place. Nothing partial is ever stored.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { UploadRefused, verifyUploadForm, type PolicySigner, type VerifiedForm } from './upload-policy.ts';

export interface ReceiveOptions {
  signer: PolicySigner;
  /** Where the file for this verified form goes; throws UploadRefused when the key is unusable. */
  targetFor(form: VerifiedForm): string | Promise<string>;
  tmpDir: string;
  /** Hard cap over every policy, so no body is read far past any allowed size. */
  hardCapBytes: number;
}

export interface ReceivedUpload {
  form: VerifiedForm;
  bytes: number;
  path: string;
}

const MULTIPART_OVERHEAD = 64 * 1024;

export async function receiveUpload(request: Request, options: ReceiveOptions): Promise<ReceivedUpload> {
  const contentType = request.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data/i.test(contentType) || !request.body) {
    throw new UploadRefused(400, 'InvalidArgument', 'Uploads must be multipart/form-data with a file.');
  }
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > options.hardCapBytes + MULTIPART_OVERHEAD) {
    throw new UploadRefused(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size.');
  }

  const fields = new Map<string, string>();
  let received: Promise<ReceivedUpload> | undefined;
  let firstError: unknown;

  const parser = multipartParser(contentType);
  parser.on('field', (name, value) => {
    // S3 ignores fields after the file; so do we.
    if (!received) fields.set(name, value);
  });
  parser.on('file', (name, stream) => {
    if (name !== 'file' || received) {
      stream.resume();
      return;
    }
    received = storeFile(stream, fields, options);
    received.catch((error) => {
      firstError ??= error;
      stream.resume();
    });
  });

  try {
    await pipeline(Readable.fromWeb(request.body as WebReadableStream), parser);
  } catch (error) {
    firstError ??= malformed(error);
  }
  if (!received) {
    if (firstError) throw firstError;
    if (!fields.has('key')) throw new UploadRefused(400, 'InvalidArgument', 'Bucket POST must contain a field named key.');
    throw new UploadRefused(400, 'InvalidArgument', 'POST requires exactly one file upload per request.');
  }
  const result = await received.catch((error) => {
    throw firstError ?? error;
  });
  if (firstError) {
    await fs.promises.rm(result.path, { force: true });
    throw firstError;
  }
  return result;
}

function multipartParser(contentType: string) {
  try {
    return busboy({
      headers: { 'content-type': contentType },
      limits: { fields: 32, fieldSize: 16 * 1024, files: 1, parts: 40 },
    });
  } catch (error) {
    // busboy throws at once on a missing boundary or an unknown type.
    throw malformed(error);
  }
}

const malformed = (error: unknown) =>
  new UploadRefused(400, 'MalformedPOSTRequest', `The body of your POST request is not well-formed multipart/form-data (${(error as Error).message}).`);

async function storeFile(
  stream: NodeJS.ReadableStream,
  fields: Map<string, string>,
  options: ReceiveOptions,
): Promise<ReceivedUpload> {
  const form = verifyUploadForm(options.signer, fields);
  const target = await options.targetFor(form);
  const limit = Math.min(form.maxBytes, options.hardCapBytes);
  const tmp = path.join(options.tmpDir, `.upload-${randomUUID()}`);
  let bytes = 0;
  // Past the limit, bytes are counted and dropped rather than erroring the stream: destroying a
  // file stream mid-part stalls the multipart parser, and the whole body must be read anyway.
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(null, bytes > limit ? undefined : chunk);
    },
  });
  try {
    await pipeline(stream, counter, fs.createWriteStream(tmp, { flags: 'wx' }));
    if (bytes > limit) {
      throw new UploadRefused(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size.');
    }
    if (bytes < form.minBytes) {
      throw new UploadRefused(400, 'EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size.');
    }
    await fs.promises.rename(tmp, target);
    return { form, bytes, path: target };
  } catch (error) {
    await fs.promises.rm(tmp, { force: true });
    throw error;
  }
}
