import { sendRaw } from '../api/client.ts';
import { ApiError } from '../api/problem.ts';
import { materialContentType } from '../subsidy/forms.ts';
import type { ClaimDetail } from './types.ts';

/**
 * 上传索赔材料: one document of a claim, the file itself as the body with its Content-Type, its name in
 * X-Filename (URI-encoded: headers carry ASCII only). The answer is the claim with its checklist as it now
 * stands; any other status becomes an ApiError with the server's problem, as `unwrap` does.
 */
export async function uploadClaimDocument(claimId: string, kind: string, file: File): Promise<ClaimDetail> {
  const response = await sendRaw(
    `/api/claims/${encodeURIComponent(claimId)}/documents/${encodeURIComponent(kind)}`,
    {
      method: 'PUT',
      headers: {
        'Content-Type': materialContentType(file) ?? 'application/octet-stream',
        'X-Filename': encodeURIComponent(file.name),
      },
      body: file,
    },
  );
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response, body);
  return body as ClaimDetail;
}
