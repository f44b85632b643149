import { describe, expect, it } from 'vitest';
import { loginPath, safeNextPath } from './nextPath.ts';

describe('where to go after signing in', () => {
  it('follows paths of this app only', () => {
    expect(safeNextPath('/org/users?page=2')).toBe('/org/users?page=2');
    expect(safeNextPath('//evil.example')).toBe('/');
    expect(safeNextPath('/\\evil.example')).toBe('/');
    expect(safeNextPath('https://evil.example')).toBe('/');
    expect(safeNextPath('/login?next=/x')).toBe('/');
    expect(safeNextPath(null)).toBe('/');
  });

  it('carries the wanted page through the login URL', () => {
    expect(loginPath('/')).toBe('/login');
    expect(loginPath('/audit?x=1')).toBe('/login?next=%2Faudit%3Fx%3D1');
  });
});
