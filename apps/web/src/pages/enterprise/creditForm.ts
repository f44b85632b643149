import type { TFunction } from 'i18next';
import type { CreditRecordKind, CreditSeverity } from '../../enterprise/vocabulary.ts';

/** The credit-record dialog's values; dates 'YYYY-MM-DD' from the browser's date input. */
export interface CreditRecordValues {
  kind: CreditRecordKind;
  severity: CreditSeverity;
  occurredOn: string;
  description: string;
  evidence: { title?: string; reference?: string; issuedBy?: string }[];
}

const recordFields: ReadonlySet<string> = new Set(['kind', 'severity', 'occurredOn', 'description']);
const evidenceFields: ReadonlySet<string> = new Set(['title', 'reference', 'issuedBy']);

/** `/body/evidence/0/reference` → the reference of the first document; the list as a whole stays in the alert. */
export function creditFieldOfPath(path: string[]): (string | number)[] | null {
  const [field, index, part] = path;
  if (field === undefined) return null;
  if (recordFields.has(field)) return [field];
  if (field === 'evidence' && index !== undefined && /^\d+$/.test(index) && part && evidenceFields.has(part))
    return ['evidence', Number(index), part];
  return null;
}

/** The body: text trimmed, documents left blank dropped, an absent issuer left out. */
export function creditRecordBody(values: CreditRecordValues) {
  return {
    kind: values.kind,
    severity: values.severity,
    occurredOn: values.occurredOn,
    description: values.description.trim(),
    evidence: values.evidence.flatMap((e) => {
      const title = e.title?.trim() ?? '';
      const reference = e.reference?.trim() ?? '';
      const issuedBy = e.issuedBy?.trim();
      if (!title && !reference && !issuedBy) return [];
      return [issuedBy ? { title, reference, issuedBy } : { title, reference }];
    }),
  };
}

/** "信用等级由 A 变为 D" after a record or a revocation; "仍为 B" when it did not move. */
export function gradeChangeText(t: TFunction, before: string | null, after: string | null): string {
  const name = (grade: string | null) => grade ?? t('credit.noGrade');
  return before === after
    ? t('credit.gradeSame', { grade: name(after) })
    : t('credit.gradeChanged', { from: name(before), to: name(after) });
}
