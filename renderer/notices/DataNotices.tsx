import { useState } from 'react';
import { useClientState } from '../store/use-client-store';

/** A notice without its numbers: a count that grows (spans not saved) does not bring a dismissed
 * notice back, a new notice does. */
const gist = (notice: string) => notice.replace(/\d[\d,.]*/g, '#');

/**
 * What the app found wrong in its data files (an order book line it could not read, an append a
 * crash cut short, a damaged trace database moved aside, a full disk): each names the file and
 * what was done, until the user dismisses it.
 */
export function DataNotices() {
  // Without an answer there is nothing to show; the app works on regardless.
  const notices = useClientState((state) => state.dataNotices).value?.notices ?? [];
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  if (notices.length === 0 || notices.every((notice) => dismissed.has(gist(notice)))) return null;
  return (
    <div
      className="notice notice-warning notice-with-action"
      role="status"
      aria-label="Data file notices"
    >
      <div>
        {notices.map((notice) => (
          <p key={gist(notice)}>{notice}</p>
        ))}
      </div>
      <button type="button" onClick={() => setDismissed(new Set(notices.map(gist)))}>
        Dismiss
      </button>
    </div>
  );
}
