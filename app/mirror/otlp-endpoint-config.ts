// The OTLP/HTTP exporter variables, applied as the OpenTelemetry specification says
// (specification/protocol/exporter.md): the signal-specific endpoint is used as is, the generic one
// gets "v1/traces" appended; signal-specific headers and timeout win over the generic ones.
import type { ConfigSource, EffectiveMirrorConfig, MirrorSettings } from '../model/settings';
import {
  DEFAULT_TRACES_ENDPOINT,
  endpointProblem,
  HEADER_NAME_PATTERN,
} from '../model/otlp-endpoint-rules';

export const DEFAULT_TIMEOUT_MILLIS = 10_000;

/** OTEL_EXPORTER_OTLP_ENDPOINT is a base URL: the traces path is appended to its path. */
export function appendTracesPath(base: string): string {
  return base.endsWith('/') ? `${base}v1/traces` : `${base}/v1/traces`;
}

/**
 * Parses the W3C-baggage-like header list of OTEL_EXPORTER_OTLP_HEADERS: `key=value,key2=value2`,
 * values percent-decoded. Throws saying which entry is wrong.
 */
export function parseOtlpHeaders(text: string, variable: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const entry of text.split(',')) {
    if (entry.trim() === '') continue;
    const equals = entry.indexOf('=');
    const key = equals < 0 ? '' : entry.slice(0, equals).trim();
    if (!HEADER_NAME_PATTERN.test(key)) {
      throw new Error(`${variable}: "${entry.trim()}" is not a key=value pair with a header name`);
    }
    let value: string;
    try {
      value = decodeURIComponent(entry.slice(equals + 1).trim());
    } catch {
      throw new Error(`${variable}: the value of "${key}" is not valid percent-encoding`);
    }
    headers[key] = value;
  }
  return headers;
}

function nonEmpty(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function timeoutFromEnv(env: NodeJS.ProcessEnv, notices: string[]): number {
  for (const name of ['OTEL_EXPORTER_OTLP_TRACES_TIMEOUT', 'OTEL_EXPORTER_OTLP_TIMEOUT']) {
    const text = nonEmpty(env, name);
    if (text === undefined) continue;
    const millis = Number(text);
    if (Number.isInteger(millis) && millis > 0) return millis;
    notices.push(
      `${name}="${text}" is not a positive number of milliseconds; using ${DEFAULT_TIMEOUT_MILLIS}`,
    );
  }
  return DEFAULT_TIMEOUT_MILLIS;
}

function endpointFromEnv(env: NodeJS.ProcessEnv): { endpoint: string; source: ConfigSource } {
  const specific = nonEmpty(env, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  if (specific !== undefined) {
    return { endpoint: specific, source: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT' };
  }
  const generic = nonEmpty(env, 'OTEL_EXPORTER_OTLP_ENDPOINT');
  if (generic !== undefined) {
    return { endpoint: appendTracesPath(generic), source: 'OTEL_EXPORTER_OTLP_ENDPOINT' };
  }
  return { endpoint: DEFAULT_TRACES_ENDPOINT, source: 'default' };
}

function headersFromEnv(env: NodeJS.ProcessEnv, notices: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  // Generic first, so that the signal-specific variable wins key by key.
  for (const name of ['OTEL_EXPORTER_OTLP_HEADERS', 'OTEL_EXPORTER_OTLP_TRACES_HEADERS']) {
    const text = nonEmpty(env, name);
    if (text === undefined) continue;
    try {
      Object.assign(headers, parseOtlpHeaders(text, name));
    } catch (error) {
      notices.push(`${(error as Error).message}; ignoring ${name}`);
    }
  }
  return headers;
}

/** The mirror's endpoint, headers and timeout: the user's settings first, then the environment. */
export function resolveMirrorConfig(
  env: NodeJS.ProcessEnv,
  settings: MirrorSettings,
): { config: EffectiveMirrorConfig; notices: string[] } {
  const notices: string[] = [];
  const fromEnv = endpointFromEnv(env);
  const endpoint = settings.endpoint ?? fromEnv.endpoint;
  const endpointSource: ConfigSource =
    settings.endpoint !== undefined ? 'settings' : fromEnv.source;
  const problem = endpointProblem(endpoint);
  if (problem) notices.push(`The Jaeger endpoint from ${endpointSource} is unusable: ${problem}`);
  const envHeaders = headersFromEnv(env, notices);
  const config: EffectiveMirrorConfig = {
    endpoint,
    endpointSource,
    ...(problem ? { endpointError: problem } : {}),
    // The OTLP exporter always sends the variables' headers too (it reads them itself), so the
    // user's headers add to them and win by name; show exactly what goes out.
    headers: { ...envHeaders, ...settings.headers },
    headersSource:
      settings.headers !== undefined
        ? 'settings'
        : Object.keys(envHeaders).length > 0
          ? 'OTEL_EXPORTER_OTLP_HEADERS'
          : 'default',
    timeoutMillis: timeoutFromEnv(env, notices),
  };
  return { config, notices };
}
