// Requests arrive from a renderer or an HTTP client: check their shape before the core sees them.
import type { CommandName, CommandRequest } from './contract';
import { parseNamePattern } from './model/name-pattern';
import { themePreferences, type ThemePreference } from './model/settings';
import { traceExportFormats, type TraceExportFormat } from './model/trace-files';
import { readOperationKey, readTraceQuery } from './search/trace-query';

export class InvalidRequestError extends Error {
  override name = 'InvalidRequestError';
}

const fail = (message: string): never => {
  throw new InvalidRequestError(message);
};

type Validator<C extends CommandName> = (input: Record<string, unknown>) => CommandRequest<C>;

function optionalBoolean(input: Record<string, unknown>, key: string): boolean {
  const value = input[key];
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw new InvalidRequestError(`"${key}" must be true or false`);
  return value;
}

/** A trace query, with its span-name pattern checked (the filter itself trusts it). */
function readQuery(input: unknown) {
  const query = readTraceQuery(input, fail);
  if (query?.spanName !== undefined) {
    const pattern = parseNamePattern(query.spanName);
    if (!pattern.ok) fail(`"query.spanName": ${pattern.message}`);
  }
  return query;
}

const MAX_LISTED_IDS = 100_000;

function readTraceIdList(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  if (
    !Array.isArray(value) ||
    value.length > MAX_LISTED_IDS ||
    !value.every((id) => typeof id === 'string' && /^[0-9a-f]{32}$/.test(id))
  ) {
    fail(
      `"traceIds" must be a list of at most ${MAX_LISTED_IDS} trace ids (32 lowercase hex digits each)`,
    );
  }
  return value as string[];
}

function readTraceId(input: Record<string, unknown>): string {
  const { traceId } = input;
  if (typeof traceId !== 'string' || !/^[0-9a-f]{32}$/.test(traceId))
    fail('"traceId" must be 32 lowercase hex digits');
  return traceId as string;
}

const validators: { [C in CommandName]: Validator<C> } = {
  placeOrder: (input) => ({
    paymentDeclined: optionalBoolean(input, 'paymentDeclined'),
    emailServerDown: optionalBoolean(input, 'emailServerDown'),
    slowDatabase: optionalBoolean(input, 'slowDatabase'),
  }),
  listTraces: (input) => {
    const { limit } = input;
    const query = readQuery(input.query);
    const traceIds = readTraceIdList(input.traceIds);
    if (
      limit !== undefined &&
      (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0)
    ) {
      throw new InvalidRequestError('"limit" must be a whole number of 0 or more');
    }
    return {
      ...(limit !== undefined && { limit: limit as number }),
      ...(query && { query }),
      ...(traceIds && { traceIds }),
    };
  },
  lookupTrace: (input) => {
    const { idPrefix, source } = input;
    const prefix = typeof idPrefix === 'string' ? idPrefix.trim().toLowerCase() : undefined;
    if (prefix === undefined || !/^[0-9a-f]{1,32}$/.test(prefix)) {
      fail('"idPrefix" must be a trace id or its first digits: 1 to 32 hex digits (0-9, a-f)');
    }
    if (source !== undefined && source !== 'local') {
      fail(
        `"source" must be "local" (the only trace source so far), got ${JSON.stringify(source)}`,
      );
    }
    return { idPrefix: prefix as string, source: 'local' };
  },
  getLatencyByOperation: (input) => {
    const { binCount } = input;
    if (
      binCount !== undefined &&
      (typeof binCount !== 'number' ||
        !Number.isInteger(binCount) ||
        binCount < 1 ||
        binCount > 1000)
    ) {
      throw new InvalidRequestError('"binCount" must be a whole number from 1 to 1000');
    }
    const query = readQuery(input.query);
    const histogramOf = readOperationKey(input.histogramOf, 'histogramOf', fail);
    return {
      ...(query && { query }),
      ...(histogramOf && { histogramOf }),
      ...(binCount !== undefined && { binCount }),
    };
  },
  getTrace: (input) => {
    const { traceId } = input;
    if (typeof traceId !== 'string' || !/^[0-9a-f]{32}$/.test(traceId)) {
      throw new InvalidRequestError('"traceId" must be 32 lowercase hex digits');
    }
    return { traceId };
  },
  getTraceOutline: (input) => ({ traceId: readTraceId(input) }),
  getTraceEventAttributes: (input) => ({ traceId: readTraceId(input) }),
  getSpan: (input) => {
    const { spanId } = input;
    if (typeof spanId !== 'string' || !/^[0-9a-f]{16}$/.test(spanId))
      fail('"spanId" must be 16 lowercase hex digits');
    return { traceId: readTraceId(input), spanId: spanId as string };
  },
  findSpans: (input) => {
    const { query } = input;
    if (typeof query !== 'string' || query.length > 1000)
      fail('"query" must be text of at most 1000 characters');
    return { traceId: readTraceId(input), query: query as string };
  },
  importTraceText: (input) => {
    const { fileName, text } = input;
    if (typeof fileName !== 'string' || fileName.length === 0 || fileName.length > 4096)
      fail('"fileName" must be a file name of 1 to 4096 characters');
    if (typeof text !== 'string') fail('"text" must be the file\'s text, as a string');
    return { fileName: fileName as string, text: text as string };
  },
  openTraceFiles: (input) => {
    const { paths } = input;
    if (
      !Array.isArray(paths) ||
      paths.length === 0 ||
      !paths.every((item) => typeof item === 'string' && item.length > 0)
    )
      fail('"paths" must be a list of one or more file paths');
    return { paths: paths as string[] };
  },
  exportTrace: (input) => {
    const { traceId, format } = input;
    if (typeof traceId !== 'string' || !/^[0-9a-f]{32}$/.test(traceId))
      fail('"traceId" must be 32 lowercase hex digits');
    if (!traceExportFormats.includes(format as TraceExportFormat))
      fail(`"format" must be one of ${traceExportFormats.map((f) => `"${f}"`).join(', ')}`);
    return { traceId: traceId as string, format: format as TraceExportFormat };
  },
  saveTraceToFile: (input) => {
    const { traceId } = input;
    if (typeof traceId !== 'string' || !/^[0-9a-f]{32}$/.test(traceId))
      fail('"traceId" must be 32 lowercase hex digits');
    return { traceId: traceId as string };
  },
  getSettings: () => ({}),
  getMirrorStatus: () => ({}),
  getDataNotices: () => ({}),
  updateSettings: (input) => {
    const { mirrorEnabled, endpoint, headers, theme } = input;
    if (mirrorEnabled !== undefined && typeof mirrorEnabled !== 'boolean') {
      fail('"mirrorEnabled" must be true or false');
    }
    if (endpoint !== undefined && endpoint !== null && typeof endpoint !== 'string') {
      fail('"endpoint" must be a URL string, or null for the default');
    }
    if (
      headers !== undefined &&
      headers !== null &&
      (typeof headers !== 'object' ||
        Array.isArray(headers) ||
        !Object.values(headers).every((value) => typeof value === 'string'))
    ) {
      fail('"headers" must be an object of header names to string values, or null');
    }
    if (theme !== undefined && !themePreferences.includes(theme as ThemePreference)) {
      fail(`"theme" must be one of ${themePreferences.join(', ')}`);
    }
    return {
      ...(mirrorEnabled !== undefined && { mirrorEnabled: mirrorEnabled as boolean }),
      ...(endpoint !== undefined && { endpoint: endpoint as string | null }),
      ...(headers !== undefined && { headers: headers as Record<string, string> | null }),
      ...(theme !== undefined && { theme: theme as ThemePreference }),
    };
  },
  sendStoredTraces: (input) => {
    const { traceIds } = input;
    if (traceIds === undefined) return {};
    if (
      !Array.isArray(traceIds) ||
      !traceIds.every((id) => typeof id === 'string' && /^[0-9a-f]{32}$/.test(id))
    ) {
      fail('"traceIds" must be a list of trace ids (32 lowercase hex digits each)');
    }
    return { traceIds: traceIds as string[] };
  },
};

/** Returns the request as the command expects it, or throws InvalidRequestError saying what is wrong. */
export function validateRequest<C extends CommandName>(
  command: C,
  input: unknown,
): CommandRequest<C> {
  const body = input ?? {};
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw new InvalidRequestError(`the request for ${command} must be a JSON object`);
  }
  return validators[command](body as Record<string, unknown>);
}
