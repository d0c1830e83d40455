import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { traceFilesInArgv } from '../../../main/electron/command-line';

const cwd = path.resolve('/home/ana/traces');

describe('traceFilesInArgv', () => {
  it('takes OTLP protobuf dumps too: .pb, .binpb, .otlp and .proto', () => {
    expect(
      traceFilesInArgv(['spanlight', 'a.pb', 'b.BINPB', 'c.otlp', 'd.proto', 'e.pbx'], cwd),
    ).toEqual(['a.pb', 'b.BINPB', 'c.otlp', 'd.proto'].map((name) => path.join(cwd, name)));
  });

  it('takes the .json and .jsonl arguments of a packaged app, resolved against its cwd', () => {
    expect(traceFilesInArgv(['/opt/Spanlight/spanlight', 'a.json', '/tmp/b.JSONL'], cwd)).toEqual([
      path.join(cwd, 'a.json'),
      path.resolve('/tmp/b.JSONL'),
    ]);
  });

  it('skips the executable, the app path and switches Chromium adds to a second instance', () => {
    const argv = [
      '/usr/lib/electron/electron',
      '.',
      '--allow-file-access-from-files',
      '--original-process-start-time=1234',
      'x.json',
    ];
    expect(traceFilesInArgv(argv, cwd)).toEqual([path.join(cwd, 'x.json')]);
  });

  it('ignores files that are not trace files and repeats of the same file', () => {
    expect(traceFilesInArgv(['spanlight', 'notes.txt', 'x.json', './x.json'], cwd)).toEqual([
      path.join(cwd, 'x.json'),
    ]);
  });

  it('gives nothing for a plain launch', () => {
    expect(traceFilesInArgv(['spanlight'], cwd)).toEqual([]);
  });
});
