import { useEffect, useState } from 'react';
import type { SpanlightApi } from '../../app/contract';

/**
 * What the app found wrong in its data files at start (an order book line it could not read, an
 * append a crash cut short): each names the file and what was done, until the user dismisses it.
 */
export function DataNotices({ api }: { api: SpanlightApi }) {
  const [notices, setNotices] = useState<readonly string[]>([]);
  useEffect(() => {
    let current = true;
    api.getDataNotices({}).then(
      (result) => current && setNotices(result.notices),
      // Without the answer there is nothing to show; the app works on regardless.
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api]);
  if (notices.length === 0) return null;
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
      <button type="button" onClick={() => setNotices([])}>
        Dismiss
      </button>
    </div>
  );
}
