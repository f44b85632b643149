import { createHash } from 'node:crypto';

/*
 * Uploaded documents (subsidy materials, claim documents): a PDF, JPEG or PNG of at most 10 MB, sent as
 * the body itself with its Content-Type and an X-Filename header. The content must be what its type says
 * (magic numbers), so a renamed executable is refused; it is stored with its SHA-256.
 */

export const UPLOAD_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export const UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

export interface CheckedUpload {
  contentType: (typeof UPLOAD_TYPES)[number];
  size: number;
  sha256: string;
}

/** The checked upload, or null when its type, size or content is not acceptable. */
export function checkUpload(contentType: string, content: unknown): CheckedUpload | null {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!(UPLOAD_TYPES as readonly string[]).includes(type)) return null;
  if (!Buffer.isBuffer(content) || content.length === 0 || content.length > UPLOAD_MAX_BYTES) return null;
  if (!matchesType(type, content)) return null;
  return {
    contentType: type as CheckedUpload['contentType'],
    size: content.length,
    sha256: createHash('sha256').update(content).digest('hex'),
  };
}

function matchesType(type: string, content: Buffer): boolean {
  if (type === 'application/pdf') return content.subarray(0, 5).toString('latin1') === '%PDF-';
  if (type === 'image/png')
    return content.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return content[0] === 0xff && content[1] === 0xd8 && content[2] === 0xff;
}

/** X-Filename is URI-encoded by browsers; a malformed escape is kept as sent rather than refused. */
export function uploadFilename(header: unknown, fallback: string): string {
  const raw = String(header ?? fallback).slice(0, 200);
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
