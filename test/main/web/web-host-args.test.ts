import { describe, expect, it } from 'vitest';
import { parseWebHostArgs, UsageError } from '../../../main/web/web-host-args';

describe('parseWebHostArgs', () => {
  it('opens no files by default', () => {
    expect(parseWebHostArgs([], '/home/me')).toEqual({
      port: 0,
      dataDir: undefined,
      openFiles: [],
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
    });
  });

  it('keeps traces in the data directory unless --in-memory says otherwise', () => {
    expect(parseWebHostArgs([], '/w').inMemory).toBeFalsy();
    expect(parseWebHostArgs(['--in-memory', '--data-dir', 'd'], '/w')).toMatchObject({
      inMemory: true,
      dataDir: 'd',
    });
  });

  it('refuses --open without a file', () => {
    expect(() => parseWebHostArgs(['--open'], '/w')).toThrow(UsageError);
  });
});
