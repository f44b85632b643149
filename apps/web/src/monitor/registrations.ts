import { sendRaw } from '../api/client.ts';
import { ApiError } from '../api/problem.ts';
import { uploadContentType } from '../pages/enterprise/importFile.ts';
import type { RegistrationAnswer, RegistrationError } from './types.ts';
import { type RegistrationField, registrationFields, registrationHeaders } from './vocabulary.ts';

/*
 * 保单登记: an insurer registers the tech-insurance policies written in its own systems, as a bordereau
 * (清单, CSV or XLSX) whose first row names the columns by their Chinese headers. Good rows are stored, bad
 * ones reported by spreadsheet row and field; sending the same file again changes nothing.
 */

/** The template: the Chinese headers in the order of the rules, UTF-8 with a BOM so Excel reads it. */
export function bordereauTemplate(): string {
  return `\uFEFF${registrationFields.map((f) => registrationHeaders[f]).join(',')}\r\n`;
}

export const templateFileName = '保单登记清单模板.csv';

/** Offers the template as a download, made in the browser. */
export function downloadTemplate(): void {
  const url = URL.createObjectURL(new Blob([bordereauTemplate()], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = templateFileName;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function isRegistrationField(field: string): field is RegistrationField {
  return (registrationFields as readonly string[]).includes(field);
}

/** The errors by row, then by the order of the columns in the template (unknown fields last). */
export function sortedRowErrors(errors: readonly RegistrationError[]): RegistrationError[] {
  const order = (field: string) => {
    const i = (registrationFields as readonly string[]).indexOf(field);
    return i < 0 ? registrationFields.length : i;
  };
  return [...errors].sort((a, b) => a.row - b.row || order(a.field) - order(b.field));
}

/** How many rows were refused (a row may have several errors). */
export function refusedRows(errors: readonly RegistrationError[]): number {
  return new Set(errors.map((e) => e.row)).size;
}

/**
 * Sends the file as the body (its type by its name; null: not CSV or XLSX, nothing sent). Any status but
 * 200 becomes an ApiError with the server's problem, as `unwrap` does.
 */
export async function uploadBordereau(file: File): Promise<RegistrationAnswer | null> {
  const contentType = uploadContentType(file.name);
  if (contentType === null) return null;
  const response = await sendRaw(`/api/registrations/bordereau?filename=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    headers: { 'Content-Type': contentType },
    body: file,
  });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response, body);
  return body as RegistrationAnswer;
}

export interface RegisteredPolicy {
  id: string;
  policyNumber: string;
  productCode: string | null;
  statisticalClass: string;
  insured: { uscc: string; name: string };
  industry: string | null;
  region: string | null;
  startDate: string;
  endDate: string;
  status: string;
  /** Percent, e.g. "50.0000". */
  share: string;
  sumInsured: string;
  premium: string;
  claimsPaid: string;
  claimsIncurred: string;
  updatedAt: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const orNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** One registered policy of `GET /api/registrations` (RegisteredView), or null when it is not one. */
export function readRegistered(value: unknown): RegisteredPolicy | null {
  if (!isRecord(value) || typeof value.id !== 'string' || typeof value.policyNumber !== 'string') return null;
  const insured = isRecord(value.insured) ? value.insured : {};
  return {
    id: value.id,
    policyNumber: value.policyNumber,
    productCode: orNull(value.productCode),
    statisticalClass: str(value.statisticalClass),
    insured: { uscc: str(insured.uscc), name: str(insured.name) },
    industry: orNull(value.industry),
    region: orNull(value.region),
    startDate: str(value.startDate),
    endDate: str(value.endDate),
    status: str(value.status),
    share: str(value.share),
    sumInsured: str(value.sumInsured),
    premium: str(value.premium),
    claimsPaid: str(value.claimsPaid),
    claimsIncurred: str(value.claimsIncurred),
    updatedAt: str(value.updatedAt),
  };
}
