/**
 * Document numbers (保单号, 分单号/保险凭证号, 报价单号): the product code, so tech-insurance business can be
 * told apart in every system (domain README §1, Lingang 工作方案 四), the underwriting year and a
 * sequence zero-padded to a fixed width, which grows when the sequence outgrows it. Group purchases are a
 * master policy with member certificates numbered under it (README §1, Shanghai 2025 三).
 */

const PRODUCT_CODE = /^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/;

/** KB-BR-ICPOOL-2026-000123: product code, underwriting year, 6-digit sequence (wider when > 999999). Certificates: `${master}-C${4-digit member seq}`. */
export function policyNumber(productCode: string, year: number, seq: number): string {
  if (!PRODUCT_CODE.test(productCode))
    throw new RangeError(`${JSON.stringify(productCode)} is not a product code`);
  return `${productCode}-${yearText(year)}-${sequenceText(seq, 6)}`;
}

/** A member certificate under a master policy: KB-BR-SMEPACK-2026-000007-C0012 (wider when > 9999). */
export function certificateNumber(masterNumber: string, seq: number): string {
  if (!PRODUCT_CODE.test(masterNumber)) {
    throw new RangeError(`${JSON.stringify(masterNumber)} is not a master policy number`);
  }
  return `${masterNumber}-C${sequenceText(seq, 4)}`;
}

/** Q2026-00000123: the year and an 8-digit sequence (wider when > 99999999). */
export function quoteNumber(year: number, seq: number): string {
  return `Q${yearText(year)}-${sequenceText(seq, 8)}`;
}

function yearText(year: number): string {
  if (!Number.isSafeInteger(year) || year < 1 || year > 9999) throw new RangeError(`${year} is not a year`);
  return String(year).padStart(4, '0');
}

/** Sequences start at 1. */
function sequenceText(seq: number, width: number): string {
  if (!Number.isSafeInteger(seq) || seq < 1)
    throw new RangeError(`${seq} is not a sequence number (1, 2, …)`);
  return String(seq).padStart(width, '0');
}
