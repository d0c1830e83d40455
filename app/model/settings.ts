// Settings as saved in settings.json in the data directory, and as the UI sees them.

export interface MirrorSettings {
  /** "Export to Jaeger": mirror every span that ends while this is on. */
  readonly enabled: boolean;
  /** The user's OTLP/HTTP traces URL; absent means the environment's or the default. */
  readonly endpoint?: string;
  /** The user's extra HTTP headers; absent means the environment's. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** The app's colours: follow the OS's light/dark setting, or always light or always dark. */
export type ThemePreference = 'system' | 'light' | 'dark';

export const themePreferences: readonly ThemePreference[] = ['system', 'light', 'dark'];

export interface Settings {
  readonly mirror: MirrorSettings;
  readonly theme: ThemePreference;
}

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
  readonly settings: Settings;
  readonly mirror: EffectiveMirrorConfig;
  /** The settings file's path, for notices and for the user to find it. */
  readonly file: string;
  /** Problems the user should see: a corrupt settings file, a bad environment variable, a failed save. */
  readonly notices: readonly string[];
}

/** Absent fields stay as they are; null resets endpoint or headers to the environment's or default. */
export interface UpdateSettingsRequest {
  readonly mirrorEnabled?: boolean;
  readonly endpoint?: string | null;
  readonly headers?: Readonly<Record<string, string>> | null;
  readonly theme?: ThemePreference;
}
