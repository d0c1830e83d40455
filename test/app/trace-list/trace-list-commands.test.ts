// The list commands as the renderer's client store uses them, through a real core: span-name
// patterns, listTraces narrowed to the traces a change event named, and lookupTrace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../app/not-found-error';
import { InvalidRequestError, validateRequest } from '../../../app/contract-validation';
import { createSpanlightCore, type SpanlightCore } from '../../../app/spanlight-core';
import { makeTempDir } from '../../helpers/temp-dir';

const id = (prefix: string, n: number) => (prefix + n.toString(16)).padEnd(32, '0');

// Three traces, each a root and one child:
//   abc1…: "checkout"        └─ "GET /api/Orders"
//   abc2…: "checkout"        └─ "INSERT orders"
//   f001…: "nightly-report"  └─ "render PDF"
const traces = [
  { traceId: id('abc', 1), root: 'checkout', child: 'GET /api/Orders', at: 1 },
  { traceId: id('abc', 2), root: 'checkout', child: 'INSERT orders', at: 2 },
  { traceId: id('f00', 1), root: 'nightly-report', child: 'render PDF', at: 3 },
];

function otlpJson(): string {
  const nanos = (seconds: number) =>
    String(1_750_000_000n * 1_000_000_000n + BigInt(seconds * 1e9));
  const spans = traces.flatMap(({ traceId, root, child, at }, index) => [
    {
      traceId,
      spanId: `${index + 1}`.padStart(16, 'a'),
      name: root,
      kind: 2,
      startTimeUnixNano: nanos(at),
      endTimeUnixNano: nanos(at + 0.5),
    },
    {
      traceId,
      spanId: `${index + 1}`.padStart(16, 'b'),
      parentSpanId: `${index + 1}`.padStart(16, 'a'),
      name: child,
      kind: 1,
      startTimeUnixNano: nanos(at + 0.1),
      endTimeUnixNano: nanos(at + 0.2),
    },
  ]);
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'shop' } }] },
        scopeSpans: [{ scope: { name: 'test' }, spans }],
      },
    ],
  });
}

describe('the trace list commands', () => {
  let core: SpanlightCore;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const temp = await makeTempDir();
    cleanup = temp.cleanup;
    core = await createSpanlightCore({ dataDir: temp.dir, env: {} });
    const imported = await core.commands.importTraceText({ fileName: 't.json', text: otlpJson() });
    expect('error' in imported).toBe(false);
  });
  afterAll(async () => {
    await core.close();
    await cleanup();
  });

  const listed = async (spanName: string, spanNameScope?: 'root' | 'any', service?: string) => {
    const request = validateRequest('listTraces', { query: { spanName, spanNameScope, service } });
    const result = await core.commands.listTraces(request);
    return result.traces.map((trace) => trace.traceId).toSorted();
  };

  it('matches span names as case-insensitive substrings', async () => {
    expect(await listed('orders')).toEqual([id('abc', 1), id('abc', 2)]);
    expect(await listed('ORDERS', 'any', 'shop')).toEqual([id('abc', 1), id('abc', 2)]);
    expect(await listed('Report', 'root')).toEqual([id('f00', 1)]);
    expect(await listed('orders', 'root')).toEqual([]);
  });

  it('matches /regex/ as written and /regex/i ignoring case', async () => {
    expect(await listed('/^GET .*Orders$/')).toEqual([id('abc', 1)]);
    expect(await listed('/orders$/')).toEqual([id('abc', 2)]);
    expect(await listed('/orders$/i')).toEqual([id('abc', 1), id('abc', 2)]);
  });

  it('refuses an invalid or runaway pattern with the reason, naming the field', () => {
    expect(() => validateRequest('listTraces', { query: { spanName: '/(x/' } })).toThrow(
      InvalidRequestError,
    );
    expect(() => validateRequest('listTraces', { query: { spanName: '/(x/' } })).toThrow(
      /^"query\.spanName" must be text or a \/regex\/: not a valid regular expression/,
    );
    expect(() =>
      validateRequest('getLatencyByOperation', { query: { spanName: '/(a+)+$/' } }),
    ).toThrow(/repetition inside a repetition/);
  });

  it('answers only the asked-for traces among the matches, still counting every match', async () => {
    const request = validateRequest('listTraces', {
      query: { spanName: 'checkout', spanNameScope: 'root' },
      traceIds: [id('abc', 2), id('f00', 1)],
    });
    const result = await core.commands.listTraces(request);
    expect(result.traces.map((trace) => trace.traceId)).toEqual([id('abc', 2)]);
    expect(result.matchedTraces).toBe(2);
    expect(() => validateRequest('listTraces', { traceIds: ['nope'] })).toThrow(
      /"traceIds" must be a list/,
    );
  });

  it('looks a trace up by its whole id or a unique prefix, in any letter case', async () => {
    const whole = await core.commands.lookupTrace(
      validateRequest('lookupTrace', { idPrefix: id('f00', 1).toUpperCase() }),
    );
    expect(whole.matches.map((trace) => trace.traceId)).toEqual([id('f00', 1)]);
    const unique = await core.commands.lookupTrace(
      validateRequest('lookupTrace', { idPrefix: 'f0' }),
    );
    expect(unique).toMatchObject({ matchCount: 1, matches: [{ rootSpanName: 'nightly-report' }] });
  });

  it('lists every candidate of a shared prefix, newest first, and none for an unknown one', async () => {
    const shared = await core.commands.lookupTrace(
      validateRequest('lookupTrace', { idPrefix: 'abc' }),
    );
    expect(shared.matchCount).toBe(2);
    expect(shared.matches.map((trace) => trace.traceId)).toEqual([id('abc', 2), id('abc', 1)]);
    const none = await core.commands.lookupTrace(validateRequest('lookupTrace', { idPrefix: '9' }));
    expect(none).toEqual({ matches: [], matchCount: 0 });
  });

  it('refuses what is not a trace id prefix, and sources it does not know', async () => {
    expect(() => validateRequest('lookupTrace', { idPrefix: 'xyz' })).toThrow(
      /"idPrefix" must be a trace id or its first digits/,
    );
    expect(() => validateRequest('lookupTrace', { idPrefix: '' })).toThrow(InvalidRequestError);
    expect(() => validateRequest('lookupTrace', { idPrefix: 'a'.repeat(33) })).toThrow(
      InvalidRequestError,
    );
    expect(() => validateRequest('lookupTrace', { idPrefix: 'ab', source: 'no such id!' })).toThrow(
      /"source" must be "local" or the id of a source/,
    );
    // Sources are added while the app runs: an id that names none is the core's not-found.
    await expect(
      core.commands.lookupTrace(
        validateRequest('lookupTrace', { idPrefix: 'ab', source: 'jaeger' }),
      ),
    ).rejects.toThrow(NotFoundError);
  });
});
