import { describe, expect, it } from 'vitest';
import { resolveFromStart, startDirectory } from '../../main/start-directory';

describe('startDirectory', () => {
  it('is the folder npm was run in when npm started the process', () => {
    expect(
      startDirectory({ INIT_CWD: '/home/me/traces', npm_lifecycle_event: 'web' }, '/repo'),
    ).toBe('/home/me/traces');
  });

  it('is the process’s own folder otherwise, even with a stray INIT_CWD', () => {
    expect(startDirectory({}, '/home/me')).toBe('/home/me');
    expect(startDirectory({ INIT_CWD: '/elsewhere' }, '/home/me')).toBe('/home/me');
  });
});

describe('resolveFromStart', () => {
  it('resolves a relative path from the start folder and keeps an absolute one', () => {
    expect(resolveFromStart('data', '/home/me')).toBe('/home/me/data');
    expect(resolveFromStart('/var/data', '/home/me')).toBe('/var/data');
    expect(resolveFromStart(undefined, '/home/me')).toBeUndefined();
    expect(resolveFromStart('', '/home/me')).toBeUndefined();
  });
});
