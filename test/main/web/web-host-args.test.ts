import { describe, expect, it } from 'vitest';
import { parseWebHostArgs, UsageError } from '../../../main/web/web-host-args';

describe('parseWebHostArgs', () => {
  it('opens no files by default', () => {
    expect(parseWebHostArgs([], '/home/me')).toEqual({
      port: 0,
      dataDir: undefined,
      openFiles: [],
      token: undefined,
      receivers: { grpc: { enabled: false }, http: { enabled: false } },
      jaegerUrls: [],
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
      receivers: { grpc: { enabled: false }, http: { enabled: false } },
      jaegerUrls: [],
    });
  });

  it('keeps traces in the data directory unless --in-memory says otherwise', () => {
    expect(parseWebHostArgs([], '/w').inMemory).toBeFalsy();
    expect(parseWebHostArgs(['--in-memory', '--data-dir', 'd'], '/w')).toMatchObject({
      inMemory: true,
      dataDir: '/w/d',
    });
  });

  it('resolves --data-dir from the same folder as --open', () => {
    expect(parseWebHostArgs(['--data-dir', 'my-data', '--open', 't.json'], '/home/me')).toEqual({
      port: 0,
      dataDir: '/home/me/my-data',
      inMemory: undefined,
      openFiles: ['/home/me/t.json'],
      token: undefined,
      receivers: { grpc: { enabled: false }, http: { enabled: false } },
      jaegerUrls: [],
    });
    expect(parseWebHostArgs(['--data-dir', '/var/spanlight'], '/home/me').dataDir).toBe(
      '/var/spanlight',
    );
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

  describe('OTLP receiver flags', () => {
    it('--otlp turns both receivers on at the default ports', () => {
      expect(parseWebHostArgs(['--otlp'], '/w').receivers).toEqual({
        grpc: { enabled: true, port: 4317 },
        http: { enabled: true, port: 4318 },
      });
    });

    it('a port flag turns that receiver on alone (0 picks a free port)', () => {
      expect(parseWebHostArgs(['--otlp-grpc-port', '0'], '/w').receivers).toEqual({
        grpc: { enabled: true, port: 0 },
        http: { enabled: false },
      });
      expect(parseWebHostArgs(['--otlp-http-port', '14318'], '/w').receivers).toEqual({
        grpc: { enabled: false },
        http: { enabled: true, port: 14318 },
      });
    });

    it('with --otlp, a port flag moves that receiver only', () => {
      expect(
        parseWebHostArgs(['--otlp', '--otlp-http-port', '9999', '--otlp-host', '0.0.0.0'], '/w')
          .receivers,
      ).toEqual({
        grpc: { enabled: true, port: 4317 },
        http: { enabled: true, port: 9999 },
        host: '0.0.0.0',
      });
    });

    it('refuses a port that is not one', () => {
      expect(() => parseWebHostArgs(['--otlp-grpc-port', '70000'], '/w')).toThrow(
        '--otlp-grpc-port must be a whole number from 0 to 65535, got "70000"',
      );
      expect(() => parseWebHostArgs(['--otlp-http-port', 'x'], '/w')).toThrow(UsageError);
      expect(() => parseWebHostArgs(['--otlp-host', ' '], '/w')).toThrow(UsageError);
    });
  });

  it('takes --jaeger-url, repeatable, as sources for this run', () => {
    expect(
      parseWebHostArgs(
        ['--jaeger-url', 'http://127.0.0.1:16686/', '--jaeger-url', 'https://example.com/jaeger'],
        '/w',
      ).jaegerUrls,
    ).toEqual(['http://127.0.0.1:16686', 'https://example.com/jaeger']);
  });

  it('refuses a --jaeger-url that is not a usable Jaeger URL, saying why', () => {
    expect(() => parseWebHostArgs(['--jaeger-url', 'localhost:16686'], '/w')).toThrow(
      '--jaeger-url: "localhost:16686" is not an http or https URL',
    );
    expect(() => parseWebHostArgs(['--jaeger-url', 'http://h:16686/api/v3'], '/w')).toThrow(
      UsageError,
    );
  });
});
