import { describe, expect, it } from 'vitest';
import { parseWebHostArgs, UsageError } from '../../../main/web/web-host-args';

describe('parseWebHostArgs', () => {
  it('opens no files by default', () => {
    expect(parseWebHostArgs([], '/home/me')).toEqual({
      port: 0,
      dataDir: undefined,
      openFiles: [],
      token: undefined,
    });
  });

  it('resolves --open files against the folder npm was run in', () => {
    expect(
      parseWebHostArgs(['--open', 'a.json', '--open', '/tmp/b.jsonl'], '/home/me').openFiles,
    ).toEqual(['/home/me/a.json', '/tmp/b.jsonl']);
  });

  it('takes the files after one --open as files to open too', () => {
    expect(parseWebHostArgs(['--port', '8080', '--open', 'a.json', 'b.json'], '/w')).toEqual({
      port: 8080,
      dataDir: undefined,
      openFiles: ['/w/a.json', '/w/b.json'],
      token: undefined,
    });
  });

  it('takes a script’s own --token, and refuses one that is short or needs escaping in a URL', () => {
    const token = 'a1b2c3d4e5f6a7b8c9d0';
    expect(parseWebHostArgs(['--token', token], '/w').token).toBe(token);
    expect(() => parseWebHostArgs(['--token', 'short'], '/w')).toThrow(/--token must be 16 to 256/);
    expect(() => parseWebHostArgs(['--token', 'with space and more chars'], '/w')).toThrow(
      UsageError,
    );
    expect(() => parseWebHostArgs(['--token'], '/w')).toThrow(UsageError);
  });

  it('refuses --open without a file', () => {
    expect(() => parseWebHostArgs(['--open'], '/w')).toThrow(UsageError);
  });
});
