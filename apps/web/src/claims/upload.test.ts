import { afterEach, describe, expect, it, vi } from 'vitest';
import { setCsrfToken } from '../api/client.ts';
import { ApiError } from '../api/problem.ts';
import { uploadClaimDocument } from './upload.ts';

const id = '01a2063f-ab54-7d11-af77-5d5d831144a5';

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

describe('uploading a claim document', () => {
  it('sends the file itself with its type, its name URI-encoded and the CSRF token', async () => {
    const fetch = vi.fn(
      async () => new Response(JSON.stringify({ id, status: 'notified' }), { status: 200 }),
    );
    vi.stubGlobal('fetch', fetch);
    setCsrfToken('csrf-1');
    const file = new File(['%PDF-1.4\n'], '出险 通知书.pdf', { type: '' });
    const saved = await uploadClaimDocument(id, 'loss_notice', file);
    expect(saved).toEqual({ id, status: 'notified' });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe(`/api/claims/${id}/documents/loss_notice`);
    expect(init.method).toBe('PUT');
    expect(init.body).toBe(file);
    const headers = new Headers(init.headers);
    // No type from the browser: read off the extension.
    expect(headers.get('content-type')).toBe('application/pdf');
    expect(headers.get('x-filename')).toBe(encodeURIComponent('出险 通知书.pdf'));
    expect(headers.get('x-csrf-token')).toBe('csrf-1');
  });

  it('turns a refusal into an ApiError with the server’s problem', async () => {
    const problem = {
      type: 'about:blank',
      title: 'Unsupported Media Type',
      status: 415,
      code: 'claim.document_type',
      message_zh: '索赔材料须为 PDF、JPEG 或 PNG，且不超过 10 MB',
      message_en: 'Claim documents must be PDF, JPEG or PNG and at most 10 MB',
      requestId: 'r1',
    };
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify(problem), { status: 415 }));
    const error = await uploadClaimDocument(
      id,
      'other',
      new File(['x'], 'a.png', { type: 'image/png' }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).problem?.code).toBe('claim.document_type');
  });
});
