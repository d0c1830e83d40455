// Settings as saved in settings.json in the data directory, and as the UI sees them. The schema
// says what a valid file holds and gives each field its default; the types are derived from it.
import * as v from 'valibot';
import { plainRecord } from './plain-object-schemas';
import type { updateSettingsRequestSchema } from '../contract-schemas';
import {
  DEFAULT_ATTRIBUTE_VALUE_LIMIT_KIB,
  MAX_ATTRIBUTE_VALUE_LIMIT_KIB,
  MIN_ATTRIBUTE_VALUE_LIMIT_KIB,
} from './attribute-limit';
import { endpointProblem, headersProblem } from './otlp-endpoint-rules';
import { retentionSettingsSchema } from './retention';
import {
  DEFAULT_SOURCE_RESPONSE_LIMIT_MIB,
  DEFAULT_SOURCE_TIMEOUT_SECONDS,
  sourceResponseLimitSchema,
  sourceSettingsSchema,
  sourceTimeoutSchema,
} from './sources';

/** The app's colours: follow the OS's light/dark setting, or always light or always dark. */
export const themePreferences = ['system', 'light', 'dark'] as const;

export type ThemePreference = (typeof themePreferences)[number];

const endpointSchema = v.pipe(
  v.string('must be a URL string'),
  v.check(
    (text) => endpointProblem(text) === undefined,
    (issue) => `must be an http or https URL: ${endpointProblem(issue.input as string)}`,
  ),
);

const headersSchema = v.pipe(
  plainRecord(v.string(), v.string(), 'must be an object of header names to string values'),
  v.check(
    (headers) => headersProblem(headers) === undefined,
    (issue) =>
      `must be usable HTTP headers: ${headersProblem(issue.input as Record<string, string>)}`,
  ),
);

export const mirrorSettingsSchema = v.object({
  /** "Export to Jaeger": mirror every span that ends while this is on. */
  enabled: v.optional(v.boolean('must be true or false'), false),
  /** The user's OTLP/HTTP traces URL; absent means the environment's or the default. */
  endpoint: v.optional(endpointSchema),
  /** The user's extra HTTP headers; absent means the environment's. */
  headers: v.optional(headersSchema),
});

/** KiB of an attribute value's text shown in lists and the event list (see attribute-limit.ts). */
export const attributeValueLimitSchema = v.pipe(
  v.number('must be a number of KiB'),
  v.integer('must be a whole number of KiB'),
  v.minValue(
    MIN_ATTRIBUTE_VALUE_LIMIT_KIB,
    `must be ${MIN_ATTRIBUTE_VALUE_LIMIT_KIB} to ${MAX_ATTRIBUTE_VALUE_LIMIT_KIB} KiB`,
  ),
  v.maxValue(
    MAX_ATTRIBUTE_VALUE_LIMIT_KIB,
    `must be ${MIN_ATTRIBUTE_VALUE_LIMIT_KIB} to ${MAX_ATTRIBUTE_VALUE_LIMIT_KIB} KiB`,
  ),
);

/** OTLP's default ports: Jaeger, the Collector and every SDK use them. */
export const DEFAULT_OTLP_GRPC_PORT = 4317;
export const DEFAULT_OTLP_HTTP_PORT = 4318;

const portMessage = 'must be a port number from 1 to 65535';
export const portSchema = v.pipe(
  v.number(portMessage),
  v.integer(portMessage),
  v.minValue(1, portMessage),
  v.maxValue(65535, portMessage),
);

/** A browser origin as it sends it in the Origin header: scheme://host[:port], no path. */
export const ORIGIN_PATTERN = /^https?:\/\/[^/?#\s]+$/i;
const originMessage = 'must be a list of origins such as http://localhost:3000';
export const originSchema = v.pipe(v.string(originMessage), v.regex(ORIGIN_PATTERN, originMessage));

const transportSchema = (port: number) =>
  v.object({
    enabled: v.optional(v.boolean('must be true or false'), true),
    port: v.optional(portSchema, port),
  });

export const receiverSettingsSchema = v.object({
  /** OTLP/gRPC on 127.0.0.1:4317 by default. */
  grpc: v.optional(transportSchema(DEFAULT_OTLP_GRPC_PORT), {}),
  /** OTLP/HTTP on 127.0.0.1:4318 by default. */
  http: v.optional(transportSchema(DEFAULT_OTLP_HTTP_PORT), {}),
  /** Listen on every network interface (0.0.0.0) instead of loopback only: other machines can send. */
  listenOnAllInterfaces: v.optional(v.boolean('must be true or false'), false),
  /** Browser origins (web apps instrumented with the OTel web SDK) allowed to send over OTLP/HTTP. */
  corsOrigins: v.optional(v.pipe(v.array(originSchema, originMessage), v.readonly()), []),
  /** While "Export to Jaeger" is on, received spans are mirrored too. */
  forwardToMirror: v.optional(v.boolean('must be true or false'), true),
});

export type ReceiverSettings = Readonly<v.InferOutput<typeof receiverSettingsSchema>>;

/** settings.json: every field has a default, so a file can leave any of them out. */
export const settingsSchema = v.object({
  mirror: v.optional(mirrorSettingsSchema, {}),
  receiver: v.optional(receiverSettingsSchema, {}),
  theme: v.optional(
    v.picklist(themePreferences, `must be one of ${themePreferences.join(', ')}`),
    'system',
  ),
  /** Attribute values longer than this many KiB are cut in lists; a span's details show them whole. */
  attributeValueLimitKiB: v.optional(attributeValueLimitSchema, DEFAULT_ATTRIBUTE_VALUE_LIMIT_KIB),
  /** Jaeger query services to browse besides the local store (see app/model/sources.ts). */
  sources: v.optional(
    v.pipe(v.array(sourceSettingsSchema, 'must be a list of sources'), v.readonly()),
    [],
  ),
  /** Seconds a remote source may stay silent, before its answer starts and between its parts. */
  sourceTimeoutSeconds: v.optional(sourceTimeoutSchema, DEFAULT_SOURCE_TIMEOUT_SECONDS),
  /** The largest answer read from a remote source, in MiB. */
  sourceResponseLimitMiB: v.optional(sourceResponseLimitSchema, DEFAULT_SOURCE_RESPONSE_LIMIT_MIB),
  /** How much the trace database keeps (app/model/retention.ts). */
  retention: v.optional(retentionSettingsSchema, {}),
});

export type MirrorSettings = Readonly<v.InferOutput<typeof mirrorSettingsSchema>>;

export type Settings = Readonly<v.InferOutput<typeof settingsSchema>>;

/** Where an effective value came from: the settings file, an environment variable, or the default. */
export type ConfigSource =
  | 'settings'
  | 'default'
  | 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'
  | 'OTEL_EXPORTER_OTLP_ENDPOINT'
  | 'OTEL_EXPORTER_OTLP_HEADERS';

/** What the mirror actually uses, after the settings and the OTEL_EXPORTER_OTLP_* variables. */
export interface EffectiveMirrorConfig {
  readonly endpoint: string;
  readonly endpointSource: ConfigSource;
  /** Set when the endpoint is not a usable http(s) URL; the mirror then fails every span with it. */
  readonly endpointError?: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly headersSource: ConfigSource;
  readonly timeoutMillis: number;
}

export interface SettingsState {
  /** As saved, except that sources carry no Authorization value: it never leaves the core
   * (listSources says which sources have one). */
  readonly settings: Settings;
  readonly mirror: EffectiveMirrorConfig;
  /** The settings file's path, for notices and for the user to find it. */
  readonly file: string;
  /** Problems the user should see: a corrupt settings file, a bad environment variable, a failed save. */
  readonly notices: readonly string[];
}

/** Absent fields stay as they are; null resets endpoint or headers to the environment's or default. */
export type UpdateSettingsRequest = v.InferOutput<typeof updateSettingsRequestSchema>;
