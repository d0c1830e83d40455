import type { MirrorStatus } from '../../app/contract';

function clock(iso: string): string {
  return new Date(iso).toLocaleTimeString(undefined, { hour12: false });
}

/** One line for the toolbar: Off / Connecting / Sending (last success) / Failing (reason, retry). */
export function mirrorStatusText(status: MirrorStatus, now = Date.now()): string {
  switch (status.state) {
    case 'off':
      return 'Off';
    case 'connecting':
      // Until the first export succeeds or fails (a dead endpoint takes up to the timeout).
      return status.counts.queued > 0 ? 'Connecting…' : 'Connecting… · nothing to send yet';
    case 'sending':
      return status.lastSuccessAt
        ? `Sending · last success ${clock(status.lastSuccessAt)}`
        : 'Sending · nothing sent yet';
    case 'failing': {
      // retryAt is the earliest next attempt; once past, the next span that ends triggers it.
      const retry = !status.retryAt
        ? ''
        : Date.parse(status.retryAt) > now
          ? ` · retrying at ${clock(status.retryAt)}`
          : ' · retrying with the next span';
      return `Failing: ${status.lastError ?? 'unknown error'}${retry}`;
    }
  }
}

export function mirrorCountsText({ counts }: MirrorStatus): string {
  return `exported ${counts.exported} · failed ${counts.failed} · dropped ${counts.dropped} · queued ${counts.queued}`;
}

/** Headers as the panel edits them: one `name: value` per line. */
export function headersToText(headers: Readonly<Record<string, string>>): string {
  return Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
}

/** Parses the panel's header lines; throws naming the line that is not `name: value`. */
export function headersFromText(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Error(`line ${index + 1} is not "name: value": ${line.trim()}`);
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  });
  return headers;
}
