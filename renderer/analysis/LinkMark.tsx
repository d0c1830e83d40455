/** The waterfall's mark on a span with links: 1 it links elsewhere, 2 stored spans link to it. */
export function LinkMark({ flags }: { flags: number }) {
  if (!flags) return null;
  const outgoing = (flags & 1) !== 0;
  const incoming = (flags & 2) !== 0;
  const title =
    outgoing && incoming
      ? 'Has links, and stored spans link to it'
      : outgoing
        ? 'Has links to other spans'
        : 'Stored spans link to it';
  return (
    <span
      className={`wf-link-mark${outgoing ? ' outgoing' : ''}${incoming ? ' incoming' : ''}`}
      // Hidden from the accessible name of the cell, which is the span's name; details list links.
      aria-hidden="true"
      title={title}
    >
      {outgoing && incoming ? '⇄' : outgoing ? '→' : '←'}
    </span>
  );
}
