// The app's settings: loaded once at start, changed by updateSettings, saved after every change,
// and combined with the OTEL_EXPORTER_OTLP_* variables into what the mirror uses.
import path from 'node:path';
import { InvalidRequestError } from '../contract-validation';
import { resolveMirrorConfig } from '../mirror/otlp-endpoint-config';
import { checkHeaders, endpointProblem } from '../model/otlp-endpoint-rules';
import type {
  ReceiverSettings,
  Settings,
  SettingsState,
  UpdateSettingsRequest,
} from '../model/settings';
import { loadSettingsFile, saveSettingsFile, SETTINGS_FILE_NAME } from './settings-file';

export type SettingsListener = (state: SettingsState) => void;

export class SettingsStore {
  private listeners = new Set<SettingsListener>();
  private saving: Promise<void> = Promise.resolve();
  private saveNotice: string | undefined;

  private constructor(
    readonly file: string,
    private readonly env: NodeJS.ProcessEnv,
    private settings: Settings,
    private readonly loadNotice: string | undefined,
  ) {}

  static async open(dataDir: string, env: NodeJS.ProcessEnv): Promise<SettingsStore> {
    const file = path.join(dataDir, SETTINGS_FILE_NAME);
    const loaded = await loadSettingsFile(file);
    return new SettingsStore(file, env, loaded.settings, loaded.notice);
  }

  /** The saved settings alone (state also resolves the mirror's environment, at a cost). */
  get current(): Settings {
    return this.settings;
  }

  get state(): SettingsState {
    const { config, notices } = resolveMirrorConfig(this.env, this.settings.mirror);
    return {
      settings: withoutAuthorizationValues(this.settings),
      mirror: config,
      file: this.file,
      notices: [this.loadNotice, this.saveNotice, ...notices].filter(
        (notice): notice is string => notice !== undefined,
      ),
    };
  }

  subscribe(listener: SettingsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Applies the change at once and saves it. A bad endpoint or header is refused with an
   * InvalidRequestError and nothing changes; a failed save keeps the change for this run and
   * becomes a notice.
   */
  async update(request: UpdateSettingsRequest): Promise<SettingsState> {
    const mirror = { ...this.settings.mirror };
    if (request.mirrorEnabled !== undefined) mirror.enabled = request.mirrorEnabled;
    if (request.endpoint === null) delete mirror.endpoint;
    else if (request.endpoint !== undefined) {
      const endpoint = request.endpoint.trim();
      const problem = endpointProblem(endpoint);
      if (problem) throw new InvalidRequestError(`The endpoint was not changed: ${problem}`);
      mirror.endpoint = endpoint;
    }
    if (request.headers === null) delete mirror.headers;
    else if (request.headers !== undefined) {
      try {
        checkHeaders(request.headers);
      } catch (error) {
        throw new InvalidRequestError(`The headers were not changed: ${(error as Error).message}`);
      }
      mirror.headers = { ...request.headers };
    }
    this.settings = {
      ...this.settings,
      mirror,
      receiver: updatedReceiverSettings(this.settings.receiver, request.receiver),
      theme: request.theme ?? this.settings.theme,
      attributeValueLimitKiB:
        request.attributeValueLimitKiB ?? this.settings.attributeValueLimitKiB,
      sourceTimeoutSeconds: request.sourceTimeoutSeconds ?? this.settings.sourceTimeoutSeconds,
      sourceResponseLimitMiB:
        request.sourceResponseLimitMiB ?? this.settings.sourceResponseLimitMiB,
      retention: { ...this.settings.retention, ...request.retention },
    };
    return this.saveAndNotify();
  }

  /**
   * Replaces the saved sources (the source service checked them) and saves; a failed save keeps
   * them for this run and becomes a notice, as with every other setting.
   */
  async setSources(sources: Settings['sources']): Promise<SettingsState> {
    this.settings = { ...this.settings, sources };
    return this.saveAndNotify();
  }

  private async saveAndNotify(): Promise<SettingsState> {
    const settings = this.settings;
    this.saving = this.saving.then(() =>
      saveSettingsFile(this.file, settings).then(
        () => {
          this.saveNotice = undefined;
        },
        (error: Error) => {
          this.saveNotice = `Could not save the settings to ${this.file} (${error.message}); the change lasts until Spanlight quits.`;
        },
      ),
    );
    await this.saving;
    const state = this.state;
    for (const listener of this.listeners) listener(state);
    return state;
  }
}

/** The settings as the UI sees them: no source's Authorization value. */
function withoutAuthorizationValues(settings: Settings): Settings {
  if (!settings.sources.some((source) => source.authorization !== undefined)) return settings;
  return {
    ...settings,
    sources: settings.sources.map(({ authorization: _secret, ...source }) => source),
  };
}

function updatedReceiverSettings(
  current: ReceiverSettings,
  update: UpdateSettingsRequest['receiver'],
): ReceiverSettings {
  if (!update) return current;
  return {
    grpc: { ...current.grpc, ...update.grpc },
    http: { ...current.http, ...update.http },
    listenOnAllInterfaces: update.listenOnAllInterfaces ?? current.listenOnAllInterfaces,
    corsOrigins: update.corsOrigins ?? current.corsOrigins,
    forwardToMirror: update.forwardToMirror ?? current.forwardToMirror,
  };
}
