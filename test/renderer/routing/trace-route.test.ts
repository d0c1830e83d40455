import { describe, expect, it } from 'vitest';
import {
  formatTraceRoute,
  linkTo,
  parseTraceRoute,
  routeOfLink,
} from '../../../renderer/routing/trace-route';

const trace = 'a1'.padEnd(32, '0');
const span = 'b2'.padEnd(16, '0');

describe('parseTraceRoute', () => {
  it('reads a trace and a span from the hash', () => {
    expect(parseTraceRoute(`#/trace/${trace}`)).toEqual({ traceId: trace });
    expect(parseTraceRoute(`#/trace/${trace}/span/${span}`)).toEqual({
      traceId: trace,
      spanId: span,
    });
  });

  it('reads the remote source a trace is read from, and writes it back', () => {
    const route = { source: 'jaeger-url-1', traceId: trace, spanId: span };
    expect(parseTraceRoute(`#/source/jaeger-url-1/trace/${trace}/span/${span}`)).toEqual(route);
    expect(formatTraceRoute(route)).toBe(`#/source/jaeger-url-1/trace/${trace}/span/${span}`);
    // "local" is the local store: the same as no source.
    expect(parseTraceRoute(`#/source/local/trace/${trace}`)).toEqual({ traceId: trace });
    expect(parseTraceRoute(`#/source/bad id/trace/${trace}`)).toBeUndefined();
  });

  it('takes ids in any letter case and gives them in lowercase', () => {
    expect(parseTraceRoute(`#/trace/${trace.toUpperCase()}/span/${span.toUpperCase()}`)).toEqual({
      traceId: trace,
      spanId: span,
    });
  });

  it('is undefined for anything that is not such a route', () => {
    for (const hash of ['', '#', '#/trace/abc', `#/trace/${trace}/span/123`, `#/span/${span}`]) {
      expect(parseTraceRoute(hash), hash).toBeUndefined();
    }
  });

  it('round-trips with formatTraceRoute', () => {
    const route = { traceId: trace, spanId: span };
    expect(parseTraceRoute(formatTraceRoute(route))).toEqual(route);
    expect(formatTraceRoute(undefined)).toBe('');
  });
});

describe('links', () => {
  it('builds the link from the page address, replacing any hash it has', () => {
    expect(linkTo({ traceId: trace }, 'http://127.0.0.1:8080/#/trace/old')).toBe(
      `http://127.0.0.1:8080/#/trace/${trace}`,
    );
    expect(linkTo({ traceId: trace, spanId: span }, 'app://spanlight/index.html')).toBe(
      `app://spanlight/index.html#/trace/${trace}/span/${span}`,
    );
  });

  it('reads the route back from a pasted link of either host', () => {
    expect(routeOfLink(`http://127.0.0.1:8080/#/trace/${trace}/span/${span}`)).toEqual({
      traceId: trace,
      spanId: span,
    });
    expect(routeOfLink(`app://spanlight/index.html#/trace/${trace}`)).toEqual({ traceId: trace });
    expect(routeOfLink(trace)).toBeUndefined();
  });
});
