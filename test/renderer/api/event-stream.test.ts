import { describe, expect, it, vi } from 'vitest';
import {
  openEventStream,
  parseServerSentEvents,
  type ServerSentEvent,
} from '../../../renderer/api/event-stream';

describe('parseServerSentEvents', () => {
  it('reads named events, joins data lines, skips comments and keeps an unfinished rest', () => {
    const events: ServerSentEvent[] = [];
    const rest = parseServerSentEvents(
      ': connected\n\nevent: tracesChanged\ndata: {"a":1}\n\ndata: x\ndata: y\r\n\r\nevent: half\ndata: {',
      (event) => events.push(event),
    );
    expect(events).toEqual([
      { name: 'tracesChanged', data: '{"a":1}' },
      { name: 'message', data: 'x\ny' },
    ]);
    expect(rest).toBe('event: half\ndata: {');
  });
});

/** A response whose body streams the given chunks, then ends. */
function streamResponse(chunks: string[], status = 200): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
  return new Response(body, { status });
}

describe('openEventStream', () => {
  it('sends the token in a header, not the URL, and reconnects after the stream ends', async () => {
    const seen: ServerSentEvent[] = [];
    const fetchFn = vi
      .fn<typeof fetch>()
      .mockResolvedValueOnce(streamResponse(['event: a\nda', 'ta: 1\n\n']))
      .mockImplementation(async () => streamResponse(['event: b\ndata: 2\n\n']));
    const stop = openEventStream({
      url: '/api/events',
      headers: { authorization: 'Bearer t0ken' },
      onEvent: (event) => seen.push(event),
      retryMillis: 1,
      fetch: fetchFn,
    });
    await vi.waitFor(() => expect(seen.length).toBeGreaterThanOrEqual(2));
    stop();
    expect(seen.slice(0, 2)).toEqual([
      { name: 'a', data: '1' },
      { name: 'b', data: '2' },
    ]);
    const [url, init] = fetchFn.mock.calls[0]!;
    expect(url).toBe('/api/events');
    expect(init?.headers).toEqual({ authorization: 'Bearer t0ken' });
  });

  it('gives up on a 401 (a wrong token stays wrong) and says so', async () => {
    vi.useFakeTimers();
    try {
      const fetchFn = vi.fn<typeof fetch>(async () => streamResponse([], 401));
      let reportRefusal: (message: string) => void = () => undefined;
      const refused = new Promise<string>((resolve) => (reportRefusal = resolve));
      const stop = openEventStream({
        url: '/api/events',
        headers: {},
        onEvent: () => undefined,
        onError: (message) => reportRefusal(message),
        retryMillis: 1,
        fetch: fetchFn,
      });
      expect(await refused).toBe('the event stream was refused (HTTP 401)');
      // Any reconnect would be a timer now due: run them all, then count the requests.
      await vi.runAllTimersAsync();
      expect(fetchFn).toHaveBeenCalledTimes(1);
      stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
