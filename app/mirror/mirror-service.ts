// The mirror's side of the core: settings drive the JaegerMirror processor (switch, endpoint,
// headers), and its status and the settings flow back out as contract events.
import type { SpanlightCommands, SpanlightEvent } from '../contract';
import type { TraceStore } from '../storage/trace-store';
import type { SettingsStore } from '../settings/settings-store';
import { JaegerMirror, type JaegerMirrorOptions } from './jaeger-mirror';
import { tracesToOtlpRequests } from './stored-traces';

type MirrorCommands = Pick<
  SpanlightCommands,
  'getSettings' | 'updateSettings' | 'getMirrorStatus' | 'sendStoredTraces'
>;

export interface MirrorService {
  /** Goes into the tracer provider once; the switch opens and closes it. */
  readonly mirror: JaegerMirror;
  readonly settings: SettingsStore;
  readonly commands: MirrorCommands;
  /** Starts pushing mirrorStatusChanged and settingsChanged events. */
  subscribe(emit: (event: SpanlightEvent) => void): () => void;
}

export interface MirrorServiceOptions {
  readonly settings: SettingsStore;
  readonly store: TraceStore;
  readonly mirrorOptions?: Partial<JaegerMirrorOptions>;
}

const STATUS_EVENT_INTERVAL_MS = 250;
const SPANS_PER_STORED_REQUEST = 512;

export function createMirrorService({
  settings,
  store,
  mirrorOptions,
}: MirrorServiceOptions): MirrorService {
  const initial = settings.state;
  for (const notice of initial.notices) console.warn(`Spanlight: ${notice}`);
  const mirror = new JaegerMirror({
    ...mirrorOptions,
    enabled: initial.settings.mirror.enabled,
    config: initial.mirror,
  });
  settings.subscribe((state) => mirror.configure(state.settings.mirror.enabled, state.mirror));

  const commands: MirrorCommands = {
    getSettings: async () => settings.state,
    updateSettings: (request) => settings.update(request),
    getMirrorStatus: async () => mirror.status(),
    sendStoredTraces: async ({ traceIds }) => {
      const ids = traceIds ?? store.listTraces().map((summary) => summary.traceId);
      const traces = ids.flatMap((id) => store.getTrace(id) ?? []);
      const spanCount = traces.reduce((sum, trace) => sum + trace.spans.length, 0);
      const result = await mirror.sendRequests(
        tracesToOtlpRequests(traces, SPANS_PER_STORED_REQUEST),
      );
      return {
        traceCount: traces.length,
        spanCount,
        exportedSpanCount: result.exported,
        failedSpanCount: result.failed,
        ...(result.error !== undefined && { error: result.error }),
      };
    },
  };

  return {
    mirror,
    settings,
    commands,
    subscribe(emit) {
      const unsubscribeSettings = settings.subscribe((state) =>
        emit({ name: 'settingsChanged', payload: state }),
      );
      // Counters change with every span: push at most a few status events a second.
      let timer: NodeJS.Timeout | undefined;
      let lastSent = 0;
      const send = () => {
        timer = undefined;
        lastSent = Date.now();
        emit({ name: 'mirrorStatusChanged', payload: mirror.status() });
      };
      const unsubscribeMirror = mirror.subscribe(() => {
        if (timer) return;
        const wait = Math.max(0, lastSent + STATUS_EVENT_INTERVAL_MS - Date.now());
        timer = setTimeout(send, wait);
        timer.unref();
      });
      return () => {
        unsubscribeSettings();
        unsubscribeMirror();
        if (timer) clearTimeout(timer);
      };
    },
  };
}
