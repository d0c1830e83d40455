// The web host's event stream (server-sent events) read with fetch. EventSource cannot send an
// Authorization header, and putting the token into the stream's URL instead would leave it in
// places URLs end up (the browser's network log, proxies' and servers' logs); fetch sends the same
// header as every command, and the token never appears in a URL.

export interface ServerSentEvent {
  readonly name: string;
  readonly data: string;
}

/** Splits a stream's text into events; returns the unfinished rest to prepend to the next chunk. */
export function parseServerSentEvents(text: string, onEvent: (event: ServerSentEvent) => void) {
  const normalized = text.replace(/\r\n?/g, '\n');
  const frames = normalized.split('\n\n');
  const rest = frames.pop() ?? '';
  for (const frame of frames) {
    let name = 'message';
    const data: string[] = [];
    for (const line of frame.split('\n')) {
      if (line === '' || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      let value = colon === -1 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'event') name = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length > 0) onEvent({ name, data: data.join('\n') });
  }
  return rest;
}

export interface EventStreamOptions {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly onEvent: (event: ServerSentEvent) => void;
  /** Told when the stream cannot be (re)opened, e.g. a 401; it retries unless the status is 401. */
  readonly onError?: (message: string) => void;
  /** Wait before reconnecting after the stream ended or failed. */
  readonly retryMillis?: number;
  readonly fetch?: typeof fetch;
}

/** Keeps one event stream open, reconnecting after it drops, until the returned stop is called. */
export function openEventStream(options: EventStreamOptions): () => void {
  const { url, headers, onEvent, onError, retryMillis = 1000 } = options;
  const fetchFn = options.fetch ?? fetch.bind(globalThis);
  const controller = new AbortController();
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const connect = async (): Promise<void> => {
    let response: Response;
    try {
      response = await fetchFn(url, { headers, cache: 'no-store', signal: controller.signal });
    } catch (error) {
      if (controller.signal.aborted) return;
      onError?.(`the event stream did not open (${(error as Error).message})`);
      return scheduleRetry();
    }
    if (!response.ok || !response.body) {
      onError?.(`the event stream was refused (HTTP ${response.status})`);
      // A wrong token stays wrong: retrying would only fill the host's log.
      if (response.status !== 401) scheduleRetry();
      return;
    }
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffered = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffered = parseServerSentEvents(
          buffered + decoder.decode(value, { stream: true }),
          onEvent,
        );
      }
    } catch {
      // The connection dropped (or stop() aborted it).
    }
    if (!controller.signal.aborted) scheduleRetry();
  };

  const scheduleRetry = () => {
    if (controller.signal.aborted) return;
    retryTimer = setTimeout(() => void connect(), retryMillis);
  };

  void connect();
  return () => {
    controller.abort();
    if (retryTimer !== undefined) clearTimeout(retryTimer);
  };
}
