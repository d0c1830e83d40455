import { useRef, useState, type KeyboardEvent } from 'react';
import type {
  ReceiverStatus,
  ReceiverTransport,
  ReceiverTransportStatus,
  SettingsState,
} from '../../app/contract';
import type { ReceiverSettingsChange } from '../store/client-store';
import { countsText, originsFromText, transportNames, transportStateText } from './receiver-text';

interface PanelProps {
  readonly status: ReceiverStatus;
  readonly settings: SettingsState;
  readonly error: string | undefined;
  readonly update: (change: ReceiverSettingsChange) => Promise<void>;
  readonly onClose: () => void;
}

/** Where the OTLP receivers listen, what they took in, and the lines to paste into an app. */
export function ReceiverPanel({ status, settings, error, update, onClose }: PanelProps) {
  const receiver = settings.settings.receiver;
  const [origins, setOrigins] = useState(receiver.corsOrigins.join('\n'));
  return (
    <section
      id="receiver-panel"
      className="popover-panel receiver-panel"
      aria-label="OTLP receiver"
    >
      <h2>OTLP receiver</h2>
      <p className="receiver-hint">
        Point an OpenTelemetry SDK or Collector here and its traces show up in the list.
      </p>
      <TransportSettings transport="grpc" status={status.grpc} update={update} />
      <TransportSettings transport="http" status={status.http} update={update} />
      <PasteLines status={status} />
      <label className="receiver-field">
        <input
          type="checkbox"
          checked={receiver.listenOnAllInterfaces}
          onChange={(event) => void update({ listenOnAllInterfaces: event.target.checked })}
        />
        Listen on all interfaces (other machines can send)
      </label>
      {receiver.listenOnAllInterfaces && (
        <p className="receiver-warning" role="alert">
          Anyone who can reach this machine over the network can send spans to Spanlight while this
          is on.
        </p>
      )}
      <label className="receiver-field receiver-field-column">
        Browser origins allowed to send over OTLP/HTTP (CORS), one a line
        <textarea
          rows={2}
          value={origins}
          spellCheck={false}
          placeholder="http://localhost:3000"
          onChange={(event) => setOrigins(event.target.value)}
        />
      </label>
      <div className="receiver-actions">
        <button
          type="button"
          onClick={() => void update({ corsOrigins: originsFromText(origins) })}
        >
          Save origins
        </button>
      </div>
      <label className="receiver-field">
        <input
          type="checkbox"
          checked={receiver.forwardToMirror}
          onChange={(event) => void update({ forwardToMirror: event.target.checked })}
        />
        Forward received spans to Jaeger while &ldquo;Export to Jaeger&rdquo; is on
      </label>
      {error && (
        <p className="receiver-error" role="alert">
          {error}
        </p>
      )}
      <div className="receiver-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </section>
  );
}

function TransportSettings({
  transport,
  status,
  update,
}: {
  transport: ReceiverTransport;
  status: ReceiverTransportStatus;
  update: (change: ReceiverSettingsChange) => Promise<void>;
}) {
  const name = transportNames[transport];
  // Port 0 (the web host's "any free port") shows the port it got.
  const listeningPort = status.address ? /:(\d+)$/.exec(status.address)?.[1] : undefined;
  const shownPort = status.port === 0 ? (listeningPort ?? '') : String(status.port);
  const [port, setPort] = useState<string>();
  // The switch moves at once; the core's answer (a new status) confirms it.
  const [requested, setRequested] = useState<boolean>();
  const enabled = requested ?? status.enabled;
  const toggle = (next: boolean) => {
    setRequested(next);
    void update({ [transport]: { enabled: next } }).finally(() => setRequested(undefined));
  };
  const draft = port ?? shownPort;
  const valid =
    port === undefined || (/^\d+$/.test(draft) && Number(draft) >= 1 && Number(draft) <= 65535);
  const applyPort = () => {
    if (port === undefined || port === shownPort) return setPort(undefined);
    if (!valid) return;
    void update({ [transport]: { port: Number(draft) } }).then(() => setPort(undefined));
  };
  const onKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') applyPort();
    if (event.key === 'Escape') setPort(undefined);
  };
  return (
    <fieldset className="receiver-transport" aria-label={`${name} receiver`}>
      <legend>{name}</legend>
      <div className="receiver-row">
        <label className="receiver-field">
          <input
            type="checkbox"
            checked={enabled}
            onChange={(event) => toggle(event.target.checked)}
          />
          On
        </label>
        <label className="receiver-field">
          Port
          <input
            type="text"
            inputMode="numeric"
            className="receiver-port"
            aria-invalid={!valid}
            value={draft}
            onChange={(event) => setPort(event.target.value)}
            onBlur={applyPort}
            onKeyDown={onKey}
          />
        </label>
      </div>
      {!valid && <p className="receiver-error">A port is a number from 1 to 65535.</p>}
      <p
        className={`receiver-state receiver-state-${status.state}`}
        aria-label={`${name} receiver state`}
      >
        {transportStateText(status)}
      </p>
      <p className="receiver-counts">{countsText(status)}</p>
      {status.lastError && (
        <p className="receiver-last-error">
          Last error{' '}
          {status.lastErrorAt && (
            <time dateTime={status.lastErrorAt}>
              {new Date(status.lastErrorAt).toLocaleTimeString()}
            </time>
          )}
          : {status.lastError}
        </p>
      )}
    </fieldset>
  );
}

function PasteLines({ status }: { status: ReceiverStatus }) {
  const lines = [
    { label: 'OTLP/HTTP', line: status.pasteLines.http },
    { label: 'OTLP/gRPC', line: status.pasteLines.grpc },
  ].filter((entry): entry is { label: string; line: string } => entry.line !== undefined);
  if (lines.length === 0)
    return <p className="receiver-hint">Turn a receiver on to get the lines to paste.</p>;
  return (
    <div className="receiver-paste" aria-label="Lines to paste">
      <p className="receiver-hint">Set in your app&rsquo;s environment:</p>
      {lines.map(({ label, line }) => (
        <PasteLine key={label} label={label} line={line} />
      ))}
    </div>
  );
}

function PasteLine({ label, line }: { label: string; line: string }) {
  const [copied, setCopied] = useState<string>();
  const input = useRef<HTMLInputElement>(null);
  const copy = () => {
    const done = () => setCopied('Copied');
    navigator.clipboard.writeText(line).then(done, () => {
      // No clipboard permission (the desktop app denies permission requests): copy the selection.
      input.current?.select();
      if (document.execCommand('copy')) done();
      else setCopied('Selected: press Ctrl+C');
    });
  };
  return (
    <div className="receiver-paste-line">
      <input
        readOnly
        aria-label={`${label} environment`}
        value={line}
        ref={input}
        onFocus={(event) => event.target.select()}
      />
      <button type="button" onClick={copy} aria-label={`Copy the ${label} line`}>
        {copied ?? 'Copy'}
      </button>
    </div>
  );
}
