import { useMemo, useState } from 'react';
import type { OrderOptions, SpanlightApi } from '../../app/contract';
import { OverflowToolbar, type ToolbarItem } from '../layout/OverflowToolbar';
import { JaegerSettingsButton, JaegerSettingsPanel, MirrorSwitch } from '../mirror/MirrorControls';
import { ReceiverButton, ReceiverSettingsPanel } from '../receiver/ReceiverControls';
import { OpenTraceFileButton } from '../trace-files/OpenTraceFileButton';
import { ThemeSelect } from '../theme/ThemeSelect';
import { StorageButton, StorageSettingsPanel } from '../storage/StorageControls';

const failureOptions: { key: keyof OrderOptions; label: string }[] = [
  { key: 'paymentDeclined', label: 'Payment declined' },
  { key: 'emailServerDown', label: 'Email server down' },
  { key: 'slowDatabase', label: 'Slow database' },
];

/** The toolbar's panels: one is open at a time, below the toolbar's right end. */
export type ToolbarPanel = 'receiver' | 'mirror' | 'storage';

/** The window's toolbar. It never wraps: what does not fit moves into its "More" menu. */
export function Toolbar({
  api,
  onError,
  panel,
  onPanel,
}: {
  api: SpanlightApi;
  onError: (message: string | undefined) => void;
  /** The open panel (the window's notices open one too). */
  panel: ToolbarPanel | undefined;
  onPanel: (panel: ToolbarPanel | undefined) => void;
}) {
  const [options, setOptions] = useState<OrderOptions>({
    paymentDeclined: false,
    emailServerDown: false,
    slowDatabase: false,
  });
  const [pending, setPending] = useState(0);

  const items = useMemo((): ToolbarItem[] => {
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
    return [
      { id: 'brand', priority: 1, node: <span className="brand">Spanlight</span> },
      { id: 'open', priority: 2, node: <OpenTraceFileButton /> },
      {
        id: 'place-order',
        priority: 1,
        node: (
          <button type="button" className="primary" onClick={placeOrder}>
            Place order
          </button>
        ),
      },
      {
        id: 'failures',
        priority: 3,
        node: (
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
        ),
      },
      {
        id: 'status',
        priority: 1,
        node: (
          <span className="toolbar-status" aria-live="polite">
            {pending > 0 ? `Placing ${pending} order${pending > 1 ? 's' : ''}…` : ''}
          </span>
        ),
      },
      {
        id: 'receiver',
        priority: 2,
        pushRight: true,
        node: (
          <ReceiverButton
            open={panel === 'receiver'}
            onToggle={() => onPanel(panel === 'receiver' ? undefined : 'receiver')}
          />
        ),
      },
      { id: 'mirror', priority: 1, pushRight: true, node: <MirrorSwitch /> },
      {
        id: 'jaeger-settings',
        priority: 2,
        node: (
          <JaegerSettingsButton
            open={panel === 'mirror'}
            onToggle={() => onPanel(panel === 'mirror' ? undefined : 'mirror')}
          />
        ),
      },
      {
        id: 'storage',
        priority: 3,
        node: (
          <StorageButton
            open={panel === 'storage'}
            onToggle={() => onPanel(panel === 'storage' ? undefined : 'storage')}
          />
        ),
      },
      { id: 'theme', priority: 4, node: <ThemeSelect onError={onError} /> },
    ];
  }, [api, options, pending, panel, onPanel, onError]);

  return (
    <OverflowToolbar items={items} label="Spanlight" className="toolbar" banner>
      {panel === 'mirror' && <JaegerSettingsPanel api={api} onClose={() => onPanel(undefined)} />}
      {panel === 'receiver' && <ReceiverSettingsPanel onClose={() => onPanel(undefined)} />}
      {panel === 'storage' && <StorageSettingsPanel onClose={() => onPanel(undefined)} />}
    </OverflowToolbar>
  );
}
