import { useState } from 'react';
import type { SourceInfo, SpanlightApi } from '../../app/contract';
import { SourceDialog } from './SourceDialog';
import { LOCAL_SOURCE } from './source-scoped-api';

/** Where the trace list comes from: the local store (the default) or a Jaeger; "Sources…" adds,
 * changes, tests and removes Jaegers. */
export function SourcePicker({
  api,
  sources,
  source,
  onChange,
}: {
  readonly api: SpanlightApi;
  readonly sources: readonly SourceInfo[];
  readonly source: string;
  readonly onChange: (source: string) => void;
}) {
  const [managing, setManaging] = useState(false);
  return (
    <div className="source-picker">
      <label className="source-picker-label">
        <span>Source</span>
        <select value={source} onChange={(event) => onChange(event.target.value)}>
          <option value={LOCAL_SOURCE}>Local store</option>
          {sources.map((item) => (
            <option key={item.id} value={item.id}>
              {item.name}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        aria-expanded={managing}
        aria-haspopup="dialog"
        onClick={() => setManaging((open) => !open)}
      >
        Sources…
      </button>
      {managing && (
        <SourceDialog
          api={api}
          sources={sources}
          onClose={() => setManaging(false)}
          onAdded={onChange}
        />
      )}
    </div>
  );
}
