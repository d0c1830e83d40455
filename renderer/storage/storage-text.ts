// Texts of the Storage panel and the trace list's storage actions.
import type { DeleteTracesResult } from '../../app/contract';

/** Bytes as B, KB, MB or GB (powers of 1,024, one decimal from MB on). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

const count = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

export const tracesText = (n: number) => count(n, 'trace');

/** What a delete did, for the notice line. */
export function deletedText(result: DeleteTracesResult): string {
  const kept =
    result.keptPinnedTraces > 0
      ? `; ${count(result.keptPinnedTraces, 'pinned trace was', 'pinned traces were')} kept`
      : '';
  return `Deleted ${tracesText(result.deletedTraces)}${kept}.`;
}

/** A limit field's text as a number: whole and within [min, max], else undefined. */
export function limitFrom(text: string, min: number, max: number): number | undefined {
  if (!/^\d+$/.test(text.trim())) return undefined;
  const value = Number(text.trim());
  return value >= min && value <= max ? value : undefined;
}
