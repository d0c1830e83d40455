import { describe, expect, it } from 'vitest';
import {
  noticeFor,
  tooLargeNotice,
  traceToSelect,
} from '../../../renderer/trace-files/trace-file-messages';

const clean = { duplicateSpanCount: 0, warnings: [] };

describe('noticeFor', () => {
  it('counts traces and spans with thousands separators', () => {
    expect(
      noticeFor({
        fileName: 'x.json',
        format: 'otlp-json',
        traceIds: ['a'],
        spanCount: 10_000,
        ...clean,
      }),
    ).toEqual({ kind: 'opened', text: 'Opened 1 trace, 10,000 spans from x.json' });
  });

  it('uses singular and plural nouns', () => {
    expect(
      noticeFor({
        fileName: 'y.jsonl',
        format: 'otlp-json-lines',
        traceIds: ['a', 'b'],
        spanCount: 1,
        ...clean,
      }).text,
    ).toBe('Opened 2 traces, 1 span from y.jsonl');
  });

  it('names a file opened by path by its own name', () => {
    expect(
      noticeFor({
        fileName: '/home/me/traces/a.json',
        format: 'otlp-json',
        traceIds: ['a'],
        spanCount: 2,
        ...clean,
      }).text,
    ).toBe('Opened 1 trace, 2 spans from a.json');
    expect(
      noticeFor({
        fileName: 'C:\\traces\\b.json',
        format: 'otlp-json',
        traceIds: ['a'],
        spanCount: 2,
        ...clean,
      }).text,
    ).toBe('Opened 1 trace, 2 spans from b.json');
  });

  it('counts the duplicates the import ignored', () => {
    expect(
      noticeFor({
        fileName: 'd.json',
        format: 'otlp-json',
        traceIds: ['a'],
        spanCount: 1_000,
        duplicateSpanCount: 12,
        warnings: [],
      }).text,
    ).toBe('Opened 1 trace, 1,000 spans, 12 duplicates ignored from d.json');
  });

  it('shows the import warnings as a warning notice', () => {
    expect(
      noticeFor({
        fileName: 'w.json',
        format: 'jaeger-json',
        traceIds: ['a'],
        spanCount: 2,
        duplicateSpanCount: 1,
        warnings: ['span 00000000000000aa ("GET") ends before it starts; shown with zero duration'],
      }),
    ).toEqual({
      kind: 'warning',
      text: 'Opened 1 trace, 2 spans, 1 duplicate ignored from w.json. Warning: span 00000000000000aa ("GET") ends before it starts; shown with zero duration',
    });
  });

  it('passes on the core error, which names the file', () => {
    expect(noticeFor({ fileName: 'z.json', error: 'z.json, line 3: is not valid JSON' })).toEqual({
      kind: 'failed',
      text: 'Could not open z.json, line 3: is not valid JSON',
    });
  });
});

describe('tooLargeNotice', () => {
  it('says how large the file is and what the limit is', () => {
    expect(tooLargeNotice('huge.json', 300 * 1024 * 1024).text).toBe(
      'Could not open huge.json: it is 300 MB; files that are not on disk open up to 256 MB (save it to disk first, then open it or drop it)',
    );
  });
});

describe('traceToSelect', () => {
  it('picks the first trace of the first file that opened', () => {
    expect(
      traceToSelect([
        { fileName: 'bad.json', error: 'bad.json: holds no spans' },
        { fileName: 'a.json', format: 'otlp-json', traceIds: ['t1', 't2'], spanCount: 3, ...clean },
        { fileName: 'b.json', format: 'otlp-json', traceIds: ['t3'], spanCount: 1, ...clean },
      ]),
    ).toBe('t1');
  });

  it('picks nothing when no file opened', () => {
    expect(traceToSelect([{ fileName: 'bad.json', error: 'bad.json: holds no spans' }])).toBe(
      undefined,
    );
  });
});

describe('noticeFor, with warnings', () => {
  it('names what was cut, after what was opened', () => {
    expect(
      noticeFor({
        fileName: '/tmp/deep.json',
        format: 'otlp-json',
        traceIds: ['0af7651916cd43dd8448eb211c80319c'],
        spanCount: 2,
        duplicateSpanCount: 0,
        warnings: [
          'resourceSpans[0].scopeSpans[0].spans[0] (span 0000000000000001): a value nested deeper than 64 levels was cut (shown as "…")',
        ],
      }).text,
    ).toBe(
      'Opened 1 trace, 2 spans from deep.json. Warning: resourceSpans[0].scopeSpans[0].spans[0] (span 0000000000000001): a value nested deeper than 64 levels was cut (shown as "…")',
    );
  });
});
