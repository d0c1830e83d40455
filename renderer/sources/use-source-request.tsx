// One remote request at a time per caller, cancellable: it carries a requestId, hears its
// sourceRequestProgress events, and Cancel asks the core to stop it (it then answers "cancelled").
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SpanlightApi } from '../../app/contract';
import { formatBytes } from './source-text';

export interface PendingRequest {
  readonly requestId: string;
  readonly receivedBytes: number;
  readonly totalBytes?: number;
}

let serial = 0;
function newRequestId(kind: string): string {
  serial += 1;
  return `${kind}-${Date.now().toString(36)}-${serial}`;
}

export function useSourceRequest(api: SpanlightApi, kind: string) {
  const [pending, setPending] = useState<PendingRequest>();
  const current = useRef<string | undefined>(undefined);
  useEffect(
    () =>
      api.subscribe((event) => {
        if (event.name !== 'sourceRequestProgress') return;
        const { requestId, receivedBytes, totalBytes } = event.payload;
        if (requestId !== current.current) return;
        setPending({ requestId, receivedBytes, ...(totalBytes !== undefined && { totalBytes }) });
      }),
    [api],
  );
  // A request still on its way when the caller goes is stopped.
  useEffect(
    () => () => {
      if (current.current) void api.cancelSourceRequest({ requestId: current.current });
    },
    [api],
  );

  const run = useCallback(
    async <T,>(work: (requestId: string) => Promise<T>): Promise<T> => {
      if (current.current) void api.cancelSourceRequest({ requestId: current.current });
      const requestId = newRequestId(kind);
      current.current = requestId;
      setPending({ requestId, receivedBytes: 0 });
      try {
        return await work(requestId);
      } finally {
        if (current.current === requestId) {
          current.current = undefined;
          setPending(undefined);
        }
      }
    },
    [api, kind],
  );
  const cancel = useCallback(() => {
    if (current.current) void api.cancelSourceRequest({ requestId: current.current });
  }, [api]);
  /** True when `requestId` is still the latest request (an older answer is then ignored). */
  const isLatest = useCallback((requestId: string) => current.current === requestId, []);
  return { pending, run, cancel, isLatest };
}

/** "Searching Team Jaeger… 1.2 MiB of 3.4 MiB" with a spinner and Cancel. */
export function SourceProgress({
  label,
  pending,
  onCancel,
}: {
  readonly label: string;
  readonly pending: PendingRequest;
  readonly onCancel: () => void;
}) {
  const received =
    pending.receivedBytes > 0
      ? ` ${formatBytes(pending.receivedBytes)}${pending.totalBytes !== undefined ? ` of ${formatBytes(pending.totalBytes)}` : ''} received`
      : '';
  return (
    <div className="source-progress" role="status">
      <span className="spinner" aria-hidden="true" />
      <span>
        {label}
        {received}
      </span>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
