import { useState } from 'react';
import { useClientState } from '../store/use-client-store';

/**
 * What the app found wrong in its data files at start (an order book line it could not read, an
 * append a crash cut short): each names the file and what was done, until the user dismisses it.
 */
export function DataNotices() {
  // Without an answer there is nothing to show; the app works on regardless.
  const notices = useClientState((state) => state.dataNotices).value?.notices ?? [];
  const [dismissed, setDismissed] = useState(false);
  if (notices.length === 0 || dismissed) return null;
  return (
    <div
      className="notice notice-warning notice-with-action"
      role="status"
      aria-label="Data file notices"
    >
      <div>
        {notices.map((notice) => (
          <p key={notice}>{notice}</p>
        ))}
      </div>
      <button type="button" onClick={() => setDismissed(true)}>
        Dismiss
      </button>
    </div>
  );
}
