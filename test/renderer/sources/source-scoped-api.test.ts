import { describe, expect, it } from 'vitest';
import { commandNames, type SpanlightApi } from '../../../app/contract';
import { sourceScopedApi } from '../../../renderer/sources/source-scoped-api';

/** An api (a plain object, as the HTTP and preload ones are) that records what it was asked. */
function recordingApi(calls: [string, unknown][]): SpanlightApi {
  const commands = Object.fromEntries(
    commandNames.map((name) => [
      name,
      (request: unknown) => {
        calls.push([name, request]);
        return Promise.resolve(null);
      },
    ]),
  );
  return { ...commands, subscribe: () => () => undefined } as unknown as SpanlightApi;
}

describe('sourceScopedApi', () => {
  it("adds the source to the viewer's reads only, and is the api itself for the local store", async () => {
    const calls: [string, unknown][] = [];
    const api = recordingApi(calls);
    expect(sourceScopedApi(api, undefined)).toBe(api);
    expect(sourceScopedApi(api, 'local')).toBe(api);
    const scoped = sourceScopedApi(api, 'jaeger-url-1');
    expect(sourceScopedApi(api, 'jaeger-url-1')).toBe(scoped);
    await scoped.getTraceOutline({ traceId: 'a'.repeat(32) });
    await scoped.findSpans({ traceId: 'a'.repeat(32), query: 'x' });
    await scoped.exportTrace({ traceId: 'a'.repeat(32), format: 'otlp-json' });
    await scoped.listTraces({});
    expect(calls).toEqual([
      ['getTraceOutline', { traceId: 'a'.repeat(32), source: 'jaeger-url-1' }],
      ['findSpans', { traceId: 'a'.repeat(32), query: 'x', source: 'jaeger-url-1' }],
      ['exportTrace', { traceId: 'a'.repeat(32), format: 'otlp-json', source: 'jaeger-url-1' }],
      ['listTraces', {}],
    ]);
  });
});
