// The shape of every command's request, as valibot schemas: requests arrive from a renderer or an
// HTTP client as untyped JSON, and these check and normalise them before the core sees them. The
// contract's request types are derived from these schemas (InferOutput), so the two can't drift.
// Messages read after the field's path: `"query.service" must be text` (see describeIssue).
import * as v from 'valibot';
import { parseNamePattern } from './model/name-pattern';
import { plainObject, plainRecord } from './model/plain-object-schemas';
import {
  isTraceId,
  SPAN_ID_PATTERN,
  SPAN_ID_RULE,
  TRACE_ID_PATTERN,
  TRACE_ID_RULE,
} from './model/otlp-ids';
import {
  attributeValueLimitSchema,
  originSchema,
  portSchema,
  themePreferences,
} from './model/settings';
import { traceExportFormats } from './model/trace-files';
import { retentionUpdateSchema } from './model/retention';
import {
  authorizationSchema,
  SOURCE_ID_PATTERN,
  sourceIdSchema,
  sourceNameSchema,
  sourceResponseLimitSchema,
  sourceTimeoutSchema,
  sourceUrlProblem,
} from './model/sources';

export const traceIdSchema = v.pipe(
  v.string(`must be ${TRACE_ID_RULE}`),
  v.regex(TRACE_ID_PATTERN, `must be ${TRACE_ID_RULE}`),
);
export const spanIdSchema = v.pipe(
  v.string(`must be ${SPAN_ID_RULE}`),
  v.regex(SPAN_ID_PATTERN, `must be ${SPAN_ID_RULE}`),
);

/** The local store's name among the sources of traces; any other is a remote source's id. */
export const LOCAL_SOURCE = 'local';

/** Where a viewer command reads the trace: "local" (the default) or a remote source's id
 * (listSources), whose traces are those it answered (fetched again when no longer held). */
const traceSourceField = v.optional(
  v.pipe(
    v.string('must be "local" or the id of a source (listSources lists them)'),
    v.regex(SOURCE_ID_PATTERN, 'must be "local" or the id of a source (listSources lists them)'),
  ),
);

const flag = (defaultValue: boolean) =>
  v.optional(v.boolean('must be true or false'), defaultValue);

/** Text that may be left out; null and "" count as left out. */
const optionalText = v.optional(
  v.pipe(
    v.nullable(v.string('must be text')),
    v.transform((text) => (text === null || text === '' ? undefined : text)),
  ),
);

/** A span-name pattern that may be left out: text, or a /regex/ that must parse (the filter
 * itself trusts it); the reason is given when it does not. */
const optionalNamePattern = v.optional(
  v.pipe(
    v.nullable(v.string('must be text')),
    v.transform((text) => (text === null || text === '' ? undefined : text)),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed || dataset.value === undefined) return;
      const pattern = parseNamePattern(dataset.value);
      if (!pattern.ok) addIssue({ message: `must be text or a /regex/: ${pattern.message}` });
    }),
  ),
);

/** A number of 0 or more that may be left out (or null). */
const optionalNonNegative = v.optional(
  v.pipe(
    v.nullable(
      v.pipe(
        v.number('must be a number of 0 or more'),
        v.finite('must be a number of 0 or more'),
        v.minValue(0, 'must be a number of 0 or more'),
      ),
    ),
    v.transform((value) => value ?? undefined),
  ),
);

/** Drops the fields a transform left undefined, so a request compares and serialises cleanly. */
function withoutAbsentFields<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

export const attributeFilterSchema = plainObject(
  {
    key: v.pipe(v.string('must be non-empty text'), v.minLength(1, 'must be non-empty text')),
    value: v.string('must be text'),
  },
  'must be an object {key, value}',
);

type AttributeFilterInput = v.InferOutput<typeof attributeFilterSchema>;

export const traceQuerySchema = v.pipe(
  plainObject(
    {
      /** Some span of the trace belongs to this service.name. */
      service: optionalText,
      /** A span's name contains this text, ignoring letter case, or matches `/regex/` (with an
       * optional `i` flag; see app/model/name-pattern.ts): the root span's, or (default) any
       * span's. With `service` and scope "any", the same span must have both, as in Jaeger's
       * service + operation search. */
      spanName: optionalNamePattern,
      spanNameScope: v.optional(v.picklist(['root', 'any'], 'must be "root" or "any"')),
      /** All of them must hold (each on any span or resource of the trace). */
      attributes: v.optional(
        v.pipe(
          v.nullable(v.array(attributeFilterSchema, 'must be a list of {key, value}')),
          v.transform((list): readonly AttributeFilterInput[] | undefined => list ?? undefined),
        ),
      ),
      /** Trace duration bounds, inclusive. */
      minDurationMicros: optionalNonNegative,
      maxDurationMicros: optionalNonNegative,
      /** Only traces with at least one span with status ERROR. */
      errorsOnly: v.optional(v.boolean('must be true or false')),
      /** Only traces that started at or after this time (unix epoch milliseconds). */
      startAfterUnixMillis: optionalNonNegative,
    },
    'must be an object',
  ),
  v.forward(
    v.check(
      ({ minDurationMicros, maxDurationMicros }) =>
        minDurationMicros === undefined ||
        maxDurationMicros === undefined ||
        minDurationMicros <= maxDurationMicros,
      'must not be more than "query.maxDurationMicros"',
    ),
    ['minDurationMicros'],
  ),
  v.transform(withoutAbsentFields),
);

/** A span name within a service: the unit the latency table groups by. */
export const operationKeySchema = plainObject(
  { service: v.string('must be text'), spanName: v.string('must be text') },
  'must be an object with text fields "service" and "spanName"',
);

const optionalQuery = v.optional(
  v.pipe(
    v.nullable(traceQuerySchema),
    v.transform((query) => query ?? undefined),
  ),
);

export const orderOptionsSchema = v.object({
  /** The payment provider declines the card: payment span and root end with status ERROR. */
  paymentDeclined: flag(false),
  /** The mail server is unreachable: the email span and the root end with status ERROR. */
  emailServerDown: flag(false),
  /** The database answers slowly: INSERT orders takes extra time. */
  slowDatabase: flag(false),
});

/** listTraces narrowed to given ids takes at most this many. */
const MAX_LISTED_IDS = 100_000;

export const listTracesRequestSchema = v.pipe(
  v.object({
    /** At most this many summaries, newest first; all when absent. */
    limit: v.optional(
      v.pipe(
        v.number('must be a whole number of 0 or more'),
        v.integer('must be a whole number of 0 or more'),
        v.minValue(0, 'must be a whole number of 0 or more'),
      ),
    ),
    /** Only the traces that match; all when absent. */
    query: optionalQuery,
    /** Only these of the matching traces (the ones a tracesChanged event named): the UI learns
     * which changed traces match its filters without listing every match again. `matchedTraces`
     * still counts all matches. */
    traceIds: v.optional(
      v.custom<readonly string[]>(
        (ids) => Array.isArray(ids) && ids.length <= MAX_LISTED_IDS && ids.every(isTraceId),
        `must be a list of at most ${MAX_LISTED_IDS} trace ids (${TRACE_ID_RULE} each)`,
      ),
    ),
  }),
  v.transform(withoutAbsentFields),
);

const TRACE_ID_PREFIX_RULE =
  'must be a trace id or its first digits: 1 to 32 hex digits (0-9, a-f)';

export const lookupTraceRequestSchema = v.object({
  /** A whole trace id or its first hex digits (1 to 32, any letter case); read lowercased. */
  idPrefix: v.pipe(
    v.string(TRACE_ID_PREFIX_RULE),
    v.trim(),
    v.toLowerCase(),
    v.regex(/^[0-9a-f]{1,32}$/, TRACE_ID_PREFIX_RULE),
  ),
  /** Where to look: "local" (the default) or a remote source's id. */
  source: v.optional(traceSourceField.wrapped, LOCAL_SOURCE),
});

export const latencyRequestSchema = v.pipe(
  v.object({
    /** Over the traces this query lists; all when absent. For a remote source: over its last
     * search's results. */
    query: optionalQuery,
    source: traceSourceField,
    /** The operation whose span durations to bin into a histogram. */
    histogramOf: v.optional(
      v.pipe(
        v.nullable(operationKeySchema),
        v.transform((key) => key ?? undefined),
      ),
    ),
    /** Number of equal-width histogram bins (default 30). */
    binCount: v.optional(
      v.pipe(
        v.number('must be a whole number from 1 to 1000'),
        v.integer('must be a whole number from 1 to 1000'),
        v.minValue(1, 'must be a whole number from 1 to 1000'),
        v.maxValue(1000, 'must be a whole number from 1 to 1000'),
      ),
    ),
  }),
  v.transform(withoutAbsentFields),
);

export const traceIdRequestSchema = v.object({ traceId: traceIdSchema, source: traceSourceField });

const countSchema = v.pipe(
  v.number('must be a whole number, 0 or more'),
  v.integer('must be a whole number, 0 or more'),
  v.minValue(0, 'must be a whole number, 0 or more'),
);

export const getTraceOutlineRequestSchema = v.object({
  traceId: traceIdSchema,
  source: traceSourceField,
  /** What the caller holds of the outline already (its last answer's counts): answer the rest. */
  since: v.optional(v.object({ spans: countSchema, names: countSchema, events: countSchema })),
});

export const getSpanRequestSchema = v.object({
  traceId: traceIdSchema,
  spanId: spanIdSchema,
  source: traceSourceField,
});

export const findSpansRequestSchema = v.object({
  traceId: traceIdSchema,
  source: traceSourceField,
  /** Matched case-insensitively against span names, services, attribute keys and values, event names. */
  query: v.pipe(
    v.string('must be text of at most 1000 characters'),
    v.maxLength(1000, 'must be text of at most 1000 characters'),
  ),
});

export const importTraceTextRequestSchema = v.object({
  /** Shown in the result and in error messages. */
  fileName: v.pipe(
    v.string('must be a file name of 1 to 4096 characters'),
    v.minLength(1, 'must be a file name of 1 to 4096 characters'),
    v.maxLength(4096, 'must be a file name of 1 to 4096 characters'),
  ),
  /** The file's whole text (the UI reads the file; the core tells the format by content). */
  text: v.string("must be the file's text, as a string"),
});

export const importTraceFileRequestSchema = v.object({
  fileName: importTraceTextRequestSchema.entries.fileName,
  /** A file on the machine running the core: the web host's streamed upload, saved as it came. */
  path: v.pipe(v.string('must be a file path'), v.minLength(1, 'must be a file path')),
});

export const openTraceFilesRequestSchema = v.object({
  /** Files on the machine running the core (desktop File > Open, command-line arguments). */
  paths: v.pipe(
    v.array(
      v.pipe(
        v.string('must be a list of one or more file paths'),
        v.minLength(1, 'must be a list of one or more file paths'),
      ),
      'must be a list of one or more file paths',
    ),
    v.minLength(1, 'must be a list of one or more file paths'),
    v.readonly(),
  ),
});

export const exportTraceRequestSchema = v.object({
  traceId: traceIdSchema,
  source: traceSourceField,
  format: v.picklist(
    traceExportFormats,
    `must be one of ${traceExportFormats.map((format) => `"${format}"`).join(', ')}`,
  ),
});

export const emptyRequestSchema = v.object({});

export const setTracePinnedRequestSchema = v.object({
  traceId: traceIdSchema,
  pinned: v.boolean('must be true or false'),
});

/** The traces a list shows: the same filter request listTraces takes (limit and ids aside). */
export const deleteMatchingTracesRequestSchema = v.object({ query: optionalQuery });

const transportUpdateSchema = v.pipe(
  v.object({
    enabled: v.optional(v.boolean('must be true or false')),
    port: v.optional(portSchema),
  }),
  v.transform(withoutAbsentFields),
);

/** Changes to the OTLP receiver's settings; absent fields stay as they are. */
export const receiverSettingsUpdateSchema = v.pipe(
  plainObject(
    {
      grpc: v.optional(transportUpdateSchema),
      http: v.optional(transportUpdateSchema),
      listenOnAllInterfaces: v.optional(v.boolean('must be true or false')),
      corsOrigins: v.optional(
        v.pipe(
          v.array(originSchema, 'must be a list of origins such as http://localhost:3000'),
          v.readonly(),
        ),
      ),
      forwardToMirror: v.optional(v.boolean('must be true or false')),
    },
    'must be an object',
  ),
  v.transform(withoutAbsentFields),
);

export const updateSettingsRequestSchema = v.pipe(
  v.object({
    mirrorEnabled: v.optional(v.boolean('must be true or false')),
    /** null resets the endpoint to the environment's or the default. */
    endpoint: v.optional(v.nullable(v.string('must be a URL string, or null for the default'))),
    /** null resets the headers to the environment's. */
    headers: v.optional(
      v.nullable(
        plainRecord(
          v.string(),
          v.string('must be an object of header names to string values, or null'),
          'must be an object of header names to string values, or null',
        ),
      ),
    ),
    theme: v.optional(
      v.picklist(themePreferences, `must be one of ${themePreferences.join(', ')}`),
    ),
    attributeValueLimitKiB: v.optional(attributeValueLimitSchema),
    receiver: v.optional(receiverSettingsUpdateSchema),
    sourceTimeoutSeconds: v.optional(sourceTimeoutSchema),
    sourceResponseLimitMiB: v.optional(sourceResponseLimitSchema),
    retention: v.optional(v.pipe(retentionUpdateSchema, v.transform(withoutAbsentFields))),
  }),
  v.transform(withoutAbsentFields),
);

export const sendStoredTracesRequestSchema = v.object({
  /** Only these traces; every stored trace when absent. */
  traceIds: v.optional(
    v.pipe(
      v.array(traceIdSchema, `must be a list of trace ids (${TRACE_ID_RULE} each)`),
      v.readonly(),
    ),
  ),
});

const sourceBaseUrlSchema = v.pipe(
  v.string('must be a URL string such as http://jaeger.example.com:16686'),
  v.trim(),
  v.check(
    (text) => sourceUrlProblem(text) === undefined,
    (issue) => `must be a usable Jaeger URL: ${sourceUrlProblem(issue.input as string)}`,
  ),
);

/** Chosen by the UI for a remote request, so that cancelSourceRequest can name it. */
export const requestIdSchema = v.pipe(
  v.string('must be 1 to 128 letters, digits or . _ : -'),
  v.regex(/^[A-Za-z0-9._:-]{1,128}$/, 'must be 1 to 128 letters, digits or . _ : -'),
);

const sourceIdRequest = { sourceId: sourceIdSchema };

export const sourceIdRequestSchema = v.object(sourceIdRequest);

export const addSourceRequestSchema = v.pipe(
  v.object({
    /** Shown in the source picker; the URL's host and port when left out. */
    name: v.optional(sourceNameSchema),
    /** `http://host:16686`, or with the path prefix Jaeger runs under: `https://host/jaeger`. */
    baseUrl: sourceBaseUrlSchema,
    /** Sent as the Authorization header (e.g. "Bearer <token>"); kept in settings.json, owner-only. */
    authorization: v.optional(authorizationSchema),
  }),
  v.transform(withoutAbsentFields),
);

export const updateSourceRequestSchema = v.pipe(
  v.object({
    ...sourceIdRequest,
    name: v.optional(sourceNameSchema),
    baseUrl: v.optional(sourceBaseUrlSchema),
    /** A new value; null removes it; absent keeps it. */
    authorization: v.optional(v.nullable(authorizationSchema)),
  }),
  v.transform(withoutAbsentFields),
);

/** getSourceServices: a requestId makes it cancellable (a slow source) and report progress. */
export const sourceServicesRequestSchema = v.pipe(
  v.object({ ...sourceIdRequest, requestId: v.optional(requestIdSchema) }),
  v.transform(withoutAbsentFields),
);

export const sourceOperationsRequestSchema = v.object({
  ...sourceIdRequest,
  requestId: v.optional(requestIdSchema),
  service: v.pipe(v.string('must be a service name'), v.minLength(1, 'must be a service name')),
});

/** Jaeger UI offers up to 1,500 traces a search. */
export const MAX_SOURCE_SEARCH_LIMIT = 1500;
export const DEFAULT_SOURCE_SEARCH_LIMIT = 20;

const limitMessage = `must be a whole number from 1 to ${MAX_SOURCE_SEARCH_LIMIT}`;

export const sourceQuerySchema = v.pipe(
  plainObject(
    {
      /** Jaeger searches within one service: required. */
      service: v.pipe(
        v.string('must be a service name (Jaeger searches within one service)'),
        v.minLength(1, 'must be a service name (Jaeger searches within one service)'),
      ),
      operation: optionalText,
      /** All must hold on some span of the trace (or its resource), compared as text. */
      attributes: v.optional(
        v.pipe(
          v.nullable(v.array(attributeFilterSchema, 'must be a list of {key, value}')),
          v.transform((list): readonly AttributeFilterInput[] | undefined =>
            list && list.length > 0 ? list : undefined,
          ),
        ),
      ),
      /** Traces that started in this range (unix epoch milliseconds); by default the last hour. */
      startAfterUnixMillis: optionalNonNegative,
      startBeforeUnixMillis: optionalNonNegative,
      /** Jaeger compares these with the durations of the service's spans (of the operation, if
       * given), not of the whole trace. */
      minDurationMicros: optionalNonNegative,
      maxDurationMicros: optionalNonNegative,
      limit: v.optional(
        v.pipe(
          v.number(limitMessage),
          v.integer(limitMessage),
          v.minValue(1, limitMessage),
          v.maxValue(MAX_SOURCE_SEARCH_LIMIT, limitMessage),
        ),
        DEFAULT_SOURCE_SEARCH_LIMIT,
      ),
    },
    'must be an object',
  ),
  v.forward(
    v.check(
      ({ minDurationMicros, maxDurationMicros }) =>
        minDurationMicros === undefined ||
        maxDurationMicros === undefined ||
        minDurationMicros <= maxDurationMicros,
      'must not be more than "query.maxDurationMicros"',
    ),
    ['minDurationMicros'],
  ),
  v.forward(
    v.check(
      ({ startAfterUnixMillis, startBeforeUnixMillis }) =>
        startAfterUnixMillis === undefined ||
        startBeforeUnixMillis === undefined ||
        startAfterUnixMillis <= startBeforeUnixMillis,
      'must not be after "query.startBeforeUnixMillis"',
    ),
    ['startAfterUnixMillis'],
  ),
  v.transform(withoutAbsentFields),
);

export const searchSourceRequestSchema = v.pipe(
  v.object({
    ...sourceIdRequest,
    requestId: v.optional(requestIdSchema),
    query: sourceQuerySchema,
  }),
  v.transform(withoutAbsentFields),
);

/** As Jaeger takes them: up to 32 hex digits in any case (a 64-bit id has 16); padded to 32. */
const remoteTraceIdSchema = v.pipe(
  v.string('must be a trace id of 1 to 32 hex digits'),
  v.trim(),
  v.regex(/^[0-9a-fA-F]{1,32}$/, 'must be a trace id of 1 to 32 hex digits'),
  v.transform((id) => id.toLowerCase().padStart(32, '0')),
);

export const remoteTraceRequestSchema = v.pipe(
  v.object({
    ...sourceIdRequest,
    traceId: remoteTraceIdSchema,
    requestId: v.optional(requestIdSchema),
    /** openRemoteTrace: false answers only its summary; the viewer's commands then read the trace
     * from the core's copy (with `source`), so a huge trace crosses to the UI once, in parts. */
    withTrace: v.optional(v.boolean('must be true or false')),
  }),
  v.transform(withoutAbsentFields),
);

export const cancelSourceRequestSchema = v.object({ requestId: requestIdSchema });

export const cancelTraceImportSchema = v.object({ importId: requestIdSchema });

function lastKey(issue: v.BaseIssue<unknown>): string | undefined {
  const item = issue.path?.[issue.path.length - 1];
  return item === undefined ? undefined : String(item.key as string);
}

/** `"query.attributes[0].key" must be non-empty text`: the path of the field, then what is wrong. */
export function describeIssue(issue: v.BaseIssue<unknown>): string {
  const path = (issue.path ?? [])
    .map((item) =>
      typeof item.key === 'number' ? `[${item.key}]` : `.${String(item.key as string)}`,
    )
    .join('')
    .replace(/^\./, '');
  // An object schema reports a missing key with its own message and the key as what it expected.
  if (
    issue.kind === 'schema' &&
    issue.input === undefined &&
    issue.expected === `"${lastKey(issue)}"`
  )
    return `"${path}" is missing`;
  return path ? `"${path}" ${issue.message}` : issue.message;
}
