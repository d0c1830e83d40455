// Desktop menu items that need the UI's state: File › Export Trace… saves the selected trace.
// The desktop host sends menuCommand events; the web host never does.
import { useEffect, useState } from 'react';
import type { SaveTraceToFileResult, SpanlightApi } from '../../app/contract';

export interface MenuNotice {
  readonly kind: 'info' | 'error';
  readonly text: string;
}

const formatNames = { 'otlp-json': 'OTLP JSON', 'jaeger-json': 'Jaeger JSON' } as const;

export function savedNotice(result: SaveTraceToFileResult): MenuNotice | undefined {
  if (!result.saved) return undefined;
  const spans = `${result.spanCount} span${result.spanCount === 1 ? '' : 's'}`;
  return {
    kind: 'info',
    text: `Exported ${spans} as ${formatNames[result.format]} to ${result.path}`,
  };
}

export function useMenuCommands(
  api: SpanlightApi,
  selectedTraceId: string | undefined,
): { notice: MenuNotice | undefined; dismiss: () => void } {
  const [notice, setNotice] = useState<MenuNotice>();
  useEffect(
    () =>
      api.subscribe((event) => {
        if (event.name !== 'menuCommand' || event.payload.command !== 'exportTrace') return;
        if (!selectedTraceId) {
          setNotice({ kind: 'error', text: 'Select a trace in the list to export it.' });
          return;
        }
        api.saveTraceToFile({ traceId: selectedTraceId }).then(
          (result) => setNotice(savedNotice(result)),
          (error: Error) =>
            setNotice({ kind: 'error', text: `Could not export the trace: ${error.message}` }),
        );
      }),
    [api, selectedTraceId],
  );
  return { notice, dismiss: () => setNotice(undefined) };
}
