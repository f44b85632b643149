import { describe, expect, it } from 'vitest';
import {
  ApiError,
  bodyPath,
  fieldErrors,
  isProblem,
  nestedFieldErrors,
  problemMessage,
  retryAfterMinutes,
} from './problem.ts';

const problem = {
  type: 'https://kebao.dev/problems/request.invalid',
  title: 'The request is invalid',
  status: 400,
  code: 'request.invalid',
  message_zh: '请求参数不正确',
  message_en: 'The request is invalid',
  requestId: 'r1',
  errors: [
    {
      path: '/body/registeredCapital',
      code: 'validation.format.money',
      message_zh: '金额格式不正确',
      message_en: 'bad amount',
    },
    { path: '/body/roles/0', code: 'validation.enum', message_zh: '角色不正确', message_en: 'bad role' },
    { path: '/querystring/limit', code: 'validation.maximum', message_zh: '过大', message_en: 'too big' },
  ],
};

describe('problem+json in the web app', () => {
  it('recognises a problem body and picks the message of the language', () => {
    expect(isProblem(problem)).toBe(true);
    expect(isProblem({ status: 400 })).toBe(false);
    expect(problemMessage(problem, 'zh-CN')).toBe('请求参数不正确');
    expect(problemMessage(problem, 'en')).toBe('The request is invalid');
  });

  it('maps body field paths onto form fields and leaves query errors out', () => {
    const error = new ApiError(new Response(null, { status: 400 }), problem);
    expect(fieldErrors(error, 'zh-CN')).toEqual([
      { name: 'registeredCapital', errors: ['金额格式不正确'] },
      { name: 'roles', errors: ['角色不正确'] },
    ]);
  });

  it('turns Retry-After seconds into whole minutes, rounded up', () => {
    const locked = new ApiError(
      new Response(null, { status: 429, headers: { 'Retry-After': '61' } }),
      problem,
    );
    expect(retryAfterMinutes(locked)).toBe(2);
    expect(retryAfterMinutes(new Error('x'))).toBeNull();
  });
});

describe('nested body errors', () => {
  it('turns body pointers into name paths', () => {
    expect(bodyPath('/body/request/options/deductible')).toEqual(['request', 'options', 'deductible']);
    expect(bodyPath('/body/a~1b/c~0d')).toEqual(['a/b', 'c~d']);
    expect(bodyPath('/body')).toBeNull();
    expect(bodyPath('/querystring/limit')).toBeNull();
  });

  it('keeps the first message of each path (the others are about other branches of a union)', () => {
    const error = new ApiError(new Response(null, { status: 400 }), {
      ...problem,
      errors: [
        {
          path: '/body/enterprise/staff',
          code: 'validation.minimum',
          message_zh: '不能小于 0',
          message_en: 'min',
        },
        {
          path: '/body/enterprise/staff',
          code: 'validation.type',
          message_zh: '类型应为空值',
          message_en: 'null',
        },
        {
          path: '/body/request/limit',
          code: 'validation.format.money',
          message_zh: '金额',
          message_en: 'money',
        },
        { path: '/querystring/x', code: 'validation.type', message_zh: 'x', message_en: 'x' },
      ],
    });
    expect(nestedFieldErrors(error, 'zh-CN')).toEqual([
      { path: ['enterprise', 'staff'], errors: ['不能小于 0'] },
      { path: ['request', 'limit'], errors: ['金额'] },
    ]);
  });
});
