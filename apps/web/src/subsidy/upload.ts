import { sendRaw } from '../api/client.ts';
import { ApiError } from '../api/problem.ts';
import { materialContentType } from './forms.ts';
import type { GrantDetail } from './types.ts';

/**
 * 上传材料: one material of an application, the file itself as the body with its Content-Type, its name
 * in X-Filename (URI-encoded: headers carry ASCII only). The answer is the grant with the checklist as it
 * now stands; any other status becomes an ApiError with the server's problem, as `unwrap` does.
 */
export async function uploadMaterial(grantId: string, key: string, file: File): Promise<GrantDetail> {
  const response = await sendRaw(
    `/api/subsidy/grants/${encodeURIComponent(grantId)}/materials/${encodeURIComponent(key)}`,
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
  return body as GrantDetail;
}
