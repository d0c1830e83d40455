import { describe, expect, it } from 'vitest';
import { parseOtlpHeaders, resolveMirrorConfig } from '../../../app/mirror/otlp-endpoint-config';
import { DEFAULT_TRACES_ENDPOINT } from '../../../app/model/otlp-endpoint-rules';

const off = { enabled: false };

describe('resolveMirrorConfig', () => {
  it('uses http://localhost:4318/v1/traces, no headers and 10 s when nothing is set', () => {
    const { config, notices } = resolveMirrorConfig({}, off);
    expect(config).toEqual({
      endpoint: DEFAULT_TRACES_ENDPOINT,
      endpointSource: 'default',
      headers: {},
      headersSource: 'default',
      timeoutMillis: 10_000,
    });
    expect(DEFAULT_TRACES_ENDPOINT).toBe('http://localhost:4318/v1/traces');
    expect(notices).toEqual([]);
  });

  it('uses OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as is', () => {
    const env = { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/custom/path' };
    expect(resolveMirrorConfig(env, off).config).toMatchObject({
      endpoint: 'http://collector:4318/custom/path',
      endpointSource: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
    });
  });

  it('appends v1/traces to OTEL_EXPORTER_OTLP_ENDPOINT, with or without a trailing slash', () => {
    for (const [base, expected] of [
      ['http://collector:4318', 'http://collector:4318/v1/traces'],
      ['http://collector:4318/', 'http://collector:4318/v1/traces'],
      ['http://collector:4318/prefix', 'http://collector:4318/prefix/v1/traces'],
    ]) {
      expect(resolveMirrorConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: base }, off).config).toMatchObject({
        endpoint: expected,
        endpointSource: 'OTEL_EXPORTER_OTLP_ENDPOINT',
      });
    }
  });

  it('prefers the traces-specific endpoint over the generic one', () => {
    const env = {
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://generic:4318',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://specific:4318/v1/traces',
    };
    expect(resolveMirrorConfig(env, off).config.endpoint).toBe('http://specific:4318/v1/traces');
  });

  it("prefers the endpoint from the settings, and adds their headers to the environment's", () => {
    const env = {
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://env:4318/v1/traces',
      OTEL_EXPORTER_OTLP_HEADERS: 'a=1',
    };
    const settings = { enabled: true, endpoint: 'http://mine:4318/v1/traces', headers: { b: '2' } };
    expect(resolveMirrorConfig(env, settings).config).toMatchObject({
      endpoint: 'http://mine:4318/v1/traces',
      endpointSource: 'settings',
      headers: { a: '1', b: '2' },
      headersSource: 'settings',
    });
  });

  it('merges OTEL_EXPORTER_OTLP_HEADERS with the traces-specific headers, which win', () => {
    const env = {
      OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20abc,x-team=core',
      OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'x-team=traces',
    };
    expect(resolveMirrorConfig(env, off).config).toMatchObject({
      headers: { authorization: 'Bearer abc', 'x-team': 'traces' },
      headersSource: 'OTEL_EXPORTER_OTLP_HEADERS',
    });
  });

  it('reads OTEL_EXPORTER_OTLP_TIMEOUT, the traces-specific one first', () => {
    expect(
      resolveMirrorConfig({ OTEL_EXPORTER_OTLP_TIMEOUT: '2500' }, off).config.timeoutMillis,
    ).toBe(2500);
    const both = { OTEL_EXPORTER_OTLP_TIMEOUT: '2500', OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: '700' };
    expect(resolveMirrorConfig(both, off).config.timeoutMillis).toBe(700);
  });

  it('names a bad variable in a notice and falls back', () => {
    const env = {
      OTEL_EXPORTER_OTLP_TIMEOUT: 'soon',
      OTEL_EXPORTER_OTLP_HEADERS: 'justaword',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318',
    };
    const { config, notices } = resolveMirrorConfig(env, off);
    expect(config.timeoutMillis).toBe(10_000);
    expect(config.headers).toEqual({});
    expect(config.endpointError).toBe('"collector:4318/v1/traces" is not an http or https URL');
    expect(notices).toEqual([
      'The Jaeger endpoint from OTEL_EXPORTER_OTLP_ENDPOINT is unusable: "collector:4318/v1/traces" is not an http or https URL',
      'OTEL_EXPORTER_OTLP_HEADERS: "justaword" is not a key=value pair with a header name; ignoring OTEL_EXPORTER_OTLP_HEADERS',
      'OTEL_EXPORTER_OTLP_TIMEOUT="soon" is not a positive number of milliseconds; using 10000',
    ]);
  });
});

describe('parseOtlpHeaders', () => {
  it('trims around keys and values and skips empty entries', () => {
    expect(parseOtlpHeaders(' a = 1 ,, b=x%3Dy ', 'V')).toEqual({ a: '1', b: 'x=y' });
  });
});
