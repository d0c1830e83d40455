import { useState } from 'react';
import { useClientState } from '../store/use-client-store';

/** A receiver that could not listen (its port taken), or one open to the network: said in the window. */
export function ReceiverNotices({ onOpenSettings }: { onOpenSettings: () => void }) {
  const status = useClientState((state) => state.receiverStatus).value;
  const [dismissed, setDismissed] = useState<readonly string[]>([]);
  if (!status) return null;
  const notices: { key: string; text: string; kind: 'warning' | 'error' }[] = [];
  for (const transport of [status.grpc, status.http]) {
    if (transport.state === 'failed' && transport.error)
      notices.push({ key: transport.error, text: transport.error, kind: 'error' });
  }
  if (status.exposed)
    notices.push({
      key: 'exposed',
      kind: 'warning',
      text: 'The OTLP receiver listens on all network interfaces: other machines can send spans to Spanlight.',
    });
  const shown = notices.filter((notice) => !dismissed.includes(notice.key));
  if (shown.length === 0) return null;
  return (
    <>
      {shown.map((notice) => (
        <div
          key={notice.key}
          className={`notice notice-${notice.kind} notice-with-action`}
          role={notice.kind === 'error' ? 'alert' : 'status'}
          aria-label="Receiver notice"
        >
          <p>{notice.text}</p>
          <div className="receiver-actions">
            <button type="button" onClick={onOpenSettings}>
              Receiver settings
            </button>
            <button type="button" onClick={() => setDismissed([...dismissed, notice.key])}>
              Dismiss
            </button>
          </div>
        </div>
      ))}
    </>
  );
}
