// Words for sources in the UI.
import type { SourceInfo } from '../../app/contract';

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** How a source is named in sentences: "Team Jaeger", or "the local store". */
export function sourceNameOf(
  sources: readonly SourceInfo[] | undefined,
  sourceId: string | undefined,
): string {
  if (sourceId === undefined || sourceId === 'local') return 'the local store';
  return sources?.find((source) => source.id === sourceId)?.name ?? sourceId;
}
