import { useReceiverContext } from './receiver-context';
import { ReceiverPanel } from './ReceiverPanel';
import { receiverSummary } from './receiver-text';

/** The toolbar's "Receiver" button with a one-line status; it opens the receiver panel. */
export function ReceiverControls() {
  const receiver = useReceiverContext();
  const summary = receiverSummary(receiver.status);
  return (
    <div className="receiver-controls">
      <button
        type="button"
        aria-expanded={receiver.panelOpen}
        aria-controls="receiver-panel"
        onClick={() => receiver.setPanelOpen(!receiver.panelOpen)}
      >
        <span className={`receiver-dot receiver-dot-${summary.state}`} aria-hidden="true" />
        Receiver
      </button>
      <span className="receiver-summary" role="status" aria-label="OTLP receiver status">
        {summary.text}
      </span>
      {receiver.panelOpen && receiver.status && receiver.settings && (
        <ReceiverPanel
          status={receiver.status}
          settings={receiver.settings}
          error={receiver.error}
          update={receiver.update}
          onClose={() => receiver.setPanelOpen(false)}
        />
      )}
    </div>
  );
}
