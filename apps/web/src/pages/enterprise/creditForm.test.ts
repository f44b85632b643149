import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { testTranslation } from '../../i18n/testing.ts';
import { creditFieldOfPath, creditRecordBody, gradeChangeText } from './creditForm.ts';

describe('recording a credit event', () => {
  let zh: TFunction;
  let en: TFunction;
  beforeAll(async () => {
    zh = await testTranslation('zh-CN');
    en = await testTranslation('en');
  });

  it('puts the server’s errors under the record’s fields and each document’s fields', () => {
    expect(creditFieldOfPath(['occurredOn'])).toEqual(['occurredOn']);
    expect(creditFieldOfPath(['evidence', '1', 'reference'])).toEqual(['evidence', 1, 'reference']);
    expect(creditFieldOfPath(['evidence'])).toBeNull();
    expect(creditFieldOfPath(['evidence', '0', 'colour'])).toBeNull();
    expect(creditFieldOfPath([])).toBeNull();
  });

  it('sends documents left blank nowhere and an empty issuer not at all', () => {
    const body = creditRecordBody({
      kind: 'dishonesty',
      severity: 'major',
      occurredOn: '2026-01-05',
      description: ' 列入失信被执行人名单 ',
      evidence: [
        { title: '失信决定书', reference: '（2026）沪0115执123号', issuedBy: ' ' },
        { title: '', reference: '' },
      ],
    });
    expect(body).toEqual({
      kind: 'dishonesty',
      severity: 'major',
      occurredOn: '2026-01-05',
      description: '列入失信被执行人名单',
      evidence: [{ title: '失信决定书', reference: '（2026）沪0115执123号' }],
    });
  });

  it('says how the grade moved, including from no grade at all', () => {
    expect(gradeChangeText(zh, null, 'D')).toBe('信用等级由 未评定 变为 D');
    expect(gradeChangeText(zh, 'A', 'D')).toBe('信用等级由 A 变为 D');
    expect(gradeChangeText(en, 'B', 'B')).toBe('Credit grade still B');
  });
});
