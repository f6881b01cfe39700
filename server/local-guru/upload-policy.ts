/**
 * Signed upload forms in the S3 POST-policy model (signature V2, as the real Guru hands out):
 * a base64 policy with an expiration and conditions, signed with HMAC-SHA1. Verification follows
 * the order S3-compatible servers use (MinIO, LocalStack): signature, policy document, expiry,
 * conditions and extra fields. The size condition (the size declared at create, so the library
 * and the file agree) is checked later, on the bytes received.
 */
import { hmac, safeEqual } from '../lib/signing.ts';

export interface PolicySigner {
  accessKeyId: string;
  secret: string;
  /** Stands in for the temporary credential of real Guru forms. */
  securityToken: string;
}

export interface UploadFormRequest {
  key: string;
  contentType: string;
  /** The declared size: the form accepts exactly this many bytes. */
  bytes: number;
  expiresInSeconds: number;
  now?: number;
}

export class UploadRefused extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409 | 413,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Condition = Record<string, string> | [string, string, string] | ['content-length-range', number, number];

export function createUploadForm(signer: PolicySigner, req: UploadFormRequest): Record<string, string> {
  const expiration = new Date((req.now ?? Date.now()) + req.expiresInSeconds * 1000).toISOString();
  const conditions: Condition[] = [
    ['eq', '$key', req.key],
    { 'x-amz-security-token': signer.securityToken },
    ['eq', '$Content-Type', req.contentType],
    ['content-length-range', req.bytes, req.bytes],
  ];
  const policy = Buffer.from(JSON.stringify({ expiration, conditions })).toString('base64');
  return {
    AWSAccessKeyId: signer.accessKeyId,
    'Content-Type': req.contentType,
    key: req.key,
    policy,
    signature: hmac('sha1', signer.secret, policy, 'base64'),
    'x-amz-security-token': signer.securityToken,
  };
}

export interface VerifiedForm {
  key: string;
  minBytes: number;
  maxBytes: number;
}

/** Checks every field of a posted form except the file itself; throws UploadRefused. */
export function verifyUploadForm(signer: PolicySigner, fields: Map<string, string>, now = Date.now()): VerifiedForm {
  const key = fields.get('key');
  const policy = fields.get('policy');
  const signature = fields.get('signature');
  if (!key) throw new UploadRefused(400, 'InvalidArgument', 'Bucket POST must contain a field named key.');
  if (!policy || !signature) {
    throw new UploadRefused(403, 'AccessDenied', 'Bucket POST must contain a policy and its signature.');
  }
  if (fields.get('AWSAccessKeyId') !== signer.accessKeyId) {
    throw new UploadRefused(403, 'InvalidAccessKeyId', 'The access key id you provided does not exist in our records.');
  }
  if (!safeEqual(signature, hmac('sha1', signer.secret, policy, 'base64'))) {
    throw new UploadRefused(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
  }

  let document: { expiration?: unknown; conditions?: unknown };
  try {
    document = JSON.parse(Buffer.from(policy, 'base64').toString('utf8'));
  } catch {
    throw new UploadRefused(400, 'InvalidPolicyDocument', 'Invalid Policy: Invalid JSON.');
  }
  const expires = typeof document.expiration === 'string' ? Date.parse(document.expiration) : NaN;
  if (!Array.isArray(document.conditions) || Number.isNaN(expires)) {
    throw new UploadRefused(400, 'InvalidPolicyDocument', 'Invalid Policy: expiration and conditions are required.');
  }
  if (expires <= now) throw new UploadRefused(403, 'AccessDenied', 'Invalid according to Policy: Policy expired.');

  const covered = new Set(['policy', 'signature', 'awsaccesskeyid', 'file']);
  let range: [number, number] | undefined;
  const fail = (what: string) => {
    throw new UploadRefused(403, 'AccessDenied', `Invalid according to Policy: Policy Condition failed: ${what}`);
  };
  for (const condition of document.conditions as unknown[]) {
    if (Array.isArray(condition) && condition[0] === 'content-length-range') {
      range = [Number(condition[1]), Number(condition[2])];
    } else if (Array.isArray(condition) && condition.length === 3) {
      const [op, ref, expected] = condition as [string, string, string];
      const name = String(ref).replace(/^\$/, '');
      const actual = fields.get(name) ?? '';
      const ok = op === 'eq' ? actual === expected : op === 'starts-with' ? actual.startsWith(expected) : false;
      if (!ok) fail(`["${op}", "${ref}", "${expected}"]`);
      covered.add(name.toLowerCase());
    } else if (condition && typeof condition === 'object') {
      for (const [name, expected] of Object.entries(condition)) {
        if (fields.get(name) !== expected) fail(`["eq", "$${name}", "${String(expected)}"]`);
        covered.add(name.toLowerCase());
      }
    } else {
      throw new UploadRefused(400, 'InvalidPolicyDocument', 'Invalid Policy: unknown condition.');
    }
  }
  for (const name of fields.keys()) {
    if (!covered.has(name.toLowerCase())) {
      throw new UploadRefused(403, 'AccessDenied', `Invalid according to Policy: Extra input fields: ${name}`);
    }
  }
  if (!range) throw new UploadRefused(400, 'InvalidPolicyDocument', 'Invalid Policy: content-length-range is required.');
  return { key, minBytes: range[0], maxBytes: range[1] };
}

export function s3ErrorXml(code: string, message: string) {
  const escape = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${escape(code)}</Code><Message>${escape(message)}</Message></Error>`;
}
