import { useState, type FormEvent } from 'react';
import type {
  MirrorStatus,
  SendStoredTracesResult,
  SettingsState,
  SpanlightApi,
} from '../../app/contract';
import {
  headersFromText,
  headersToText,
  mirrorCountsText,
  mirrorStatusText,
} from './mirror-status-text';
import { useTimeReached } from '../lib/use-time-reached';

const sourceText: Record<string, string> = {
  settings: 'your settings',
  default: 'the default',
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
  OTEL_EXPORTER_OTLP_ENDPOINT: 'OTEL_EXPORTER_OTLP_ENDPOINT',
  OTEL_EXPORTER_OTLP_HEADERS: 'OTEL_EXPORTER_OTLP_HEADERS',
};

function sentText(result: SendStoredTracesResult): string {
  const base = `Sent ${result.exportedSpanCount} of ${result.spanCount} spans from ${result.traceCount} stored traces`;
  return result.error ? `${base}; ${result.failedSpanCount} failed: ${result.error}` : base;
}

/** Settings of the mirror: the switch, the endpoint and headers, the counts, and a resend action. */
export function MirrorPanel({
  api,
  settings,
  enabled,
  status,
  onSettings,
  onToggle,
  onClose,
}: {
  api: SpanlightApi;
  settings: SettingsState;
  /** The switch as the user last set it (it may still be on its way to the core). */
  enabled: boolean;
  status: MirrorStatus | undefined;
  onSettings: (settings: SettingsState) => void;
  onToggle: (enabled: boolean) => void;
  onClose: () => void;
}) {
  const [endpoint, setEndpoint] = useState(settings.mirror.endpoint);
  const [headers, setHeaders] = useState(headersToText(settings.mirror.headers));
  const [message, setMessage] = useState<{ text: string; error: boolean }>();
  const [sending, setSending] = useState(false);
  useTimeReached(status?.retryAt);

  const save = (event: FormEvent) => {
    event.preventDefault();
    let parsedHeaders: Record<string, string>;
    try {
      parsedHeaders = headersFromText(headers);
    } catch (error) {
      setMessage({
        text: `The headers were not changed: ${(error as Error).message}`,
        error: true,
      });
      return;
    }
    api.updateSettings({ endpoint, headers: parsedHeaders }).then(
      (state) => {
        onSettings(state);
        setMessage({ text: 'Saved.', error: false });
      },
      (failure: Error) => {
        // The core keeps the previous endpoint; show it again next to the message.
        setMessage({ text: failure.message.replace(/^updateSettings: /, ''), error: true });
        setEndpoint(settings.mirror.endpoint);
      },
    );
  };

  const reset = () => {
    api.updateSettings({ endpoint: null, headers: null }).then(
      (state) => {
        onSettings(state);
        setEndpoint(state.mirror.endpoint);
        setHeaders(headersToText(state.mirror.headers));
        setMessage({
          text: 'Back to the environment\u2019s or the default endpoint.',
          error: false,
        });
      },
      (failure: Error) => setMessage({ text: failure.message, error: true }),
    );
  };

  const sendStored = () => {
    setSending(true);
    api
      .sendStoredTraces({})
      .then(
        (result) => setMessage({ text: sentText(result), error: result.error !== undefined }),
        (failure: Error) => setMessage({ text: failure.message, error: true }),
      )
      .finally(() => setSending(false));
  };

  return (
    <section
      id="mirror-panel"
      className="popover-panel mirror-panel"
      aria-label="Jaeger export settings"
    >
      <form onSubmit={save}>
        <label className="mirror-field">
          <input
            type="checkbox"
            checked={enabled}
            onChange={(event) => onToggle(event.target.checked)}
          />
          Export every span to Jaeger
        </label>
        <label className="mirror-field">
          Endpoint (OTLP/HTTP traces URL)
          <input
            type="text"
            value={endpoint}
            spellCheck={false}
            onChange={(event) => setEndpoint(event.target.value)}
          />
        </label>
        <p className="mirror-hint">
          In use: {settings.mirror.endpoint} (from {sourceText[settings.mirror.endpointSource]}),
          timeout {settings.mirror.timeoutMillis} ms
        </p>
        <label className="mirror-field">
          Headers, one &quot;name: value&quot; per line
          <textarea
            rows={3}
            value={headers}
            spellCheck={false}
            onChange={(event) => setHeaders(event.target.value)}
          />
        </label>
        <div className="mirror-actions">
          <button type="submit" className="primary">
            Save
          </button>
          <button type="button" onClick={reset}>
            Use environment or default
          </button>
          <button type="button" onClick={sendStored} disabled={sending}>
            {sending ? 'Sending stored traces…' : 'Send stored traces to Jaeger'}
          </button>
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </form>
      {message && (
        <p
          className={message.error ? 'mirror-message notice-error' : 'mirror-message'}
          role="alert"
        >
          {message.text}
        </p>
      )}
      {status && (
        <dl className="mirror-details">
          <dt>Status</dt>
          <dd>{mirrorStatusText(status)}</dd>
          <dt>Spans</dt>
          <dd aria-label="Jaeger export counts">{mirrorCountsText(status)}</dd>
        </dl>
      )}
      <p className="mirror-hint">Settings file: {settings.file}</p>
    </section>
  );
}
