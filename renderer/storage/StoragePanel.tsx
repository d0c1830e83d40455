import { useState } from 'react';
import type { RetentionSettings, StorageStats, UpdateSettingsRequest } from '../../app/contract';
import { ConfirmDialog } from '../lib/ConfirmDialog';
import { formatBytes, limitFrom, tracesText } from './storage-text';

// The settings' ranges (app/model/retention.ts); the core checks them again.
const MIB_RANGE = [16, 1024 * 1024] as const;
const HOURS_RANGE = [1, 24 * 365 * 10] as const;
const TRACES_RANGE = [1, 100_000] as const;

interface PanelProps {
  readonly stats: StorageStats;
  /** The limits as saved in settings.json. */
  readonly saved: RetentionSettings;
  readonly save: (retention: NonNullable<UpdateSettingsRequest['retention']>) => Promise<void>;
  readonly clearAll: () => Promise<string>;
  readonly error: string | undefined;
  readonly onClose: () => void;
}

/** Where traces are kept, how much of the limits they take, the limits, and "Clear all". */
export function StoragePanel({ stats, saved, save, clearAll, error, onClose }: PanelProps) {
  const [size, setSize] = useState(String(saved.maxDatabaseMiB));
  const [age, setAge] = useState(saved.maxAgeHours === null ? '' : String(saved.maxAgeHours));
  const [count, setCount] = useState(String(saved.maxTraces));
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<string>();
  const sizeValue = limitFrom(size, ...MIB_RANGE);
  const ageValue = age.trim() === '' ? null : limitFrom(age, ...HOURS_RANGE);
  const countValue = limitFrom(count, ...TRACES_RANGE);
  const valid = sizeValue !== undefined && ageValue !== undefined && countValue !== undefined;
  const changed =
    sizeValue !== saved.maxDatabaseMiB ||
    ageValue !== saved.maxAgeHours ||
    countValue !== saved.maxTraces;
  const unpinned = stats.traceCount - stats.pinnedTraceCount;
  return (
    <section id="storage-panel" className="popover-panel storage-panel" aria-label="Trace storage">
      <h2>Trace storage</h2>
      <p className="storage-location">
        {stats.durable ? (
          <>
            Traces are kept in <code>{stats.location}</code>
          </>
        ) : stats.location !== ':memory:' ? (
          <>
            The disk is full: the traces saved before stay in <code>{stats.location}</code>; new
            spans are kept in memory only and are gone when Spanlight closes.
          </>
        ) : (
          'Traces are kept in memory only: they are gone when Spanlight closes.'
        )}
      </p>
      <dl className="storage-stats" aria-label="Storage figures">
        <dt>{stats.durable ? 'Size on disk' : 'Size in memory'}</dt>
        <dd>
          {formatBytes(stats.fileBytes)}
          {stats.durable && ` (${formatBytes(stats.usedBytes)} in use)`} of{' '}
          {formatBytes(stats.limits.maxDatabaseMiB * 1024 * 1024)}
        </dd>
        <dt>Traces</dt>
        <dd>
          {stats.traceCount.toLocaleString('en-US')} of{' '}
          {stats.limits.maxTraces.toLocaleString('en-US')}
        </dd>
        <dt>Spans</dt>
        <dd>{stats.spanCount.toLocaleString('en-US')}</dd>
        <dt>Pinned</dt>
        <dd>{tracesText(stats.pinnedTraceCount)}</dd>
        <dt>Evicted</dt>
        <dd>{tracesText(stats.droppedTraceCount)}</dd>
        {stats.unsavedSpanCount > 0 && (
          <>
            <dt>Not saved</dt>
            <dd className="storage-unsaved">
              {stats.unsavedSpanCount.toLocaleString('en-US')} spans (the disk is full)
            </dd>
          </>
        )}
      </dl>
      <fieldset className="storage-limits">
        <legend>Limits</legend>
        <p className="storage-hint">
          Past a limit, the traces that least recently received spans are deleted first, whole.
          Pinned traces are never deleted by a limit.
        </p>
        <label>
          Database size, MiB
          <input
            type="text"
            inputMode="numeric"
            value={size}
            onChange={(e) => setSize(e.target.value)}
            aria-invalid={sizeValue === undefined}
          />
        </label>
        <label>
          Keep traces for, hours (empty: no limit)
          <input
            type="text"
            inputMode="numeric"
            value={age}
            placeholder="no limit"
            onChange={(e) => setAge(e.target.value)}
            aria-invalid={ageValue === undefined}
          />
        </label>
        <label>
          Traces at most
          <input
            type="text"
            inputMode="numeric"
            value={count}
            onChange={(e) => setCount(e.target.value)}
            aria-invalid={countValue === undefined}
          />
        </label>
        {!valid && (
          <p className="storage-error" role="alert">
            Size: a whole number of MiB from 16 to 1,048,576; time: whole hours from 1 to 87,600, or
            empty; traces: a whole number from 1 to 100,000.
          </p>
        )}
        <div className="storage-actions">
          <button
            type="button"
            disabled={!valid || !changed}
            onClick={() =>
              valid &&
              void save({ maxDatabaseMiB: sizeValue, maxAgeHours: ageValue, maxTraces: countValue })
            }
          >
            Save limits
          </button>
        </div>
      </fieldset>
      {done && (
        <p className="storage-done" role="status">
          {done}
        </p>
      )}
      {error && (
        <p className="storage-error" role="alert">
          {error}
        </p>
      )}
      <div className="storage-actions">
        <button
          type="button"
          className="danger"
          disabled={unpinned === 0}
          onClick={() => setConfirming(true)}
        >
          Clear all…
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      {confirming && (
        <ConfirmDialog
          title="Clear all traces?"
          confirmLabel={`Delete ${tracesText(unpinned)}`}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void clearAll().then(setDone, (failure: Error) =>
              setDone(`Could not clear: ${failure.message}`),
            );
          }}
        >
          <p>
            {tracesText(unpinned)} will be deleted from the database. This cannot be undone.
            {stats.pinnedTraceCount > 0 && ` ${tracesText(stats.pinnedTraceCount)} pinned stay.`}
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
