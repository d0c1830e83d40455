import { useState } from 'react';
import type { OrderOptions, SpanlightApi } from '../../app/contract';
import { MirrorControls } from '../mirror/MirrorControls';
import { ReceiverControls } from '../receiver/ReceiverControls';
import { OpenTraceFileButton } from '../trace-files/OpenTraceFileButton';
import { ThemeSelect } from '../theme/ThemeSelect';

const failureOptions: { key: keyof OrderOptions; label: string }[] = [
  { key: 'paymentDeclined', label: 'Payment declined' },
  { key: 'emailServerDown', label: 'Email server down' },
  { key: 'slowDatabase', label: 'Slow database' },
];

export function Toolbar({
  api,
  onError,
}: {
  api: SpanlightApi;
  onError: (message: string | undefined) => void;
}) {
  const [options, setOptions] = useState<OrderOptions>({
    paymentDeclined: false,
    emailServerDown: false,
    slowDatabase: false,
  });
  const [pending, setPending] = useState(0);

  const placeOrder = () => {
    setPending((count) => count + 1);
    api
      .placeOrder(options)
      .then(
        () => onError(undefined),
        (error: Error) => onError(`Could not place the order: ${error.message}`),
      )
      .finally(() => setPending((count) => count - 1));
  };

  return (
    <header className="toolbar">
      <span className="brand">Spanlight</span>
      <OpenTraceFileButton />
      <button type="button" className="primary" onClick={placeOrder}>
        Place order
      </button>
      <fieldset className="failure-options">
        <legend>Inject failures</legend>
        {failureOptions.map(({ key, label }) => (
          <label key={key}>
            <input
              type="checkbox"
              checked={options[key]}
              onChange={(event) => setOptions({ ...options, [key]: event.target.checked })}
            />
            {label}
          </label>
        ))}
      </fieldset>
      <span className="toolbar-status" aria-live="polite">
        {pending > 0 ? `Placing ${pending} order${pending > 1 ? 's' : ''}…` : ''}
      </span>
      <div className="toolbar-end">
        <ReceiverControls />
        <MirrorControls api={api} />
        <ThemeSelect api={api} onError={onError} />
      </div>
    </header>
  );
}
