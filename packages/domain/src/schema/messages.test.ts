import { describe, expect, it } from 'vitest';
import { schemaErrorMessage } from './messages.ts';

describe('schema errors in words', () => {
  it('names types, limits and formats in zh and en', () => {
    expect(schemaErrorMessage('type', { type: 'integer,null' })).toEqual([
      '类型应为整数或空值',
      'must be an integer or null',
    ]);
    expect(schemaErrorMessage('maxLength', { limit: 200 })[1]).toBe('must be at most 200 characters long');
    expect(schemaErrorMessage('format', { format: 'money' })[0]).toContain('最多两位小数');
    expect(schemaErrorMessage('format', { format: 'postcode' })[1]).toBe('must be a valid postcode');
  });

  it('reads the patterns of our schemas as words, and never shows a regex', () => {
    expect(schemaErrorMessage('pattern', { pattern: '^[0-9]{6}$' })[1]).toBe('must be a 6-digit code');
    expect(schemaErrorMessage('pattern', { pattern: '^KB-(RD|AP|IP|BR)-[A-Z0-9]{2,12}$' })[1]).toContain(
      'KB-<class>-<id>',
    );
    expect(schemaErrorMessage('pattern', { pattern: '^[\\x21-\\x7e]+$' })).toEqual([
      '格式不正确',
      'has the wrong format',
    ]);
  });
});
