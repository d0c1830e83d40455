// The receivers inside a real core: settings and command-line overrides decide where they listen,
// changes apply without a restart, a taken port fails that receiver alone, and received spans go
// on to the mirror when it is on.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OtlpRequestExporter } from '../../../app/mirror/otlp-exporters';
import type { OtlpTraceRequest } from '../../../app/model/otlp';
import { OtlpIngest } from '../../../app/receiver/otlp-ingest';
import { ReceiverError } from '../../../app/receiver/receiver-errors';
import {
  effectiveReceiverConfig,
  mirrorsToItself,
  overridesAfterUpdate,
} from '../../../app/receiver/receiver-service';
import { defaultSettings } from '../../../app/settings/settings-file';
import { createSpanlightCore, type SpanlightCore } from '../../../app/spanlight-core';
import { encodeTraceRequest } from '../../helpers/otlp-protobuf-writer';
import { makeTempDir } from '../../helpers/temp-dir';
import { minimalSpan } from '../otlp/otlp-fixtures';

describe('where the receivers listen', () => {
  it('by default (the desktop app): both on, on loopback, on OTLP ports 4317 and 4318', () => {
    expect(effectiveReceiverConfig(defaultSettings.receiver, {})).toEqual({
      grpc: { enabled: true, host: '127.0.0.1', port: 4317 },
      http: { enabled: true, host: '127.0.0.1', port: 4318 },
      corsOrigins: [],
    });
  });

  it('"listen on all interfaces" listens on 0.0.0.0; --otlp-host wins over it', () => {
    const settings = { ...defaultSettings.receiver, listenOnAllInterfaces: true };
    expect(effectiveReceiverConfig(settings, {}).grpc.host).toBe('0.0.0.0');
    expect(effectiveReceiverConfig(settings, { host: '::1' }).http.host).toBe('::1');
  });

  it('command-line overrides win over the saved settings, field by field', () => {
    const config = effectiveReceiverConfig(defaultSettings.receiver, {
      grpc: { port: 0 },
      http: { enabled: false },
    });
    expect(config.grpc).toEqual({ enabled: true, host: '127.0.0.1', port: 0 });
    expect(config.http).toEqual({ enabled: false, host: '127.0.0.1', port: 4318 });
  });

  it('a field the user changes in the panel drops its override, and only that one', () => {
    const overrides = {
      grpc: { enabled: true, port: 0 },
      http: { enabled: false },
      host: '0.0.0.0',
    };
    expect(overridesAfterUpdate(overrides, { grpc: { port: 5317 } })).toEqual({
      grpc: { enabled: true },
      http: { enabled: false },
      host: '0.0.0.0',
    });
    expect(overridesAfterUpdate(overrides, { http: { enabled: true } })).toEqual({
      grpc: { enabled: true, port: 0 },
      host: '0.0.0.0',
    });
    expect(overridesAfterUpdate(overrides, { listenOnAllInterfaces: false })).toEqual({
      grpc: { enabled: true, port: 0 },
      http: { enabled: false },
    });
  });

  it('knows when the mirror would send received spans back to this very receiver', () => {
    expect(mirrorsToItself('http://localhost:4318/v1/traces', 4318)).toBe(true);
    expect(mirrorsToItself('http://127.0.0.1:4318/v1/traces', 4318)).toBe(true);
    expect(mirrorsToItself('http://[::1]:4318/v1/traces', 4318)).toBe(true);
    expect(mirrorsToItself('http://localhost:4318/v1/traces', 14318)).toBe(false);
    expect(mirrorsToItself('http://jaeger.internal:4318/v1/traces', 4318)).toBe(false);
    expect(mirrorsToItself('http://localhost:4318/v1/traces', undefined)).toBe(false);
  });
});

function listen(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, port: (server.address() as { port: number }).port }),
    );
  });
}

async function freePort(): Promise<number> {
  const { server, port } = await listen();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function request(spanId: string): Uint8Array {
  return encodeTraceRequest({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] },
        scopeSpans: [{ scope: { name: 'scope' }, spans: [{ ...minimalSpan, spanId }] }],
      },
    ],
  });
}

async function postTo(address: string, body: Uint8Array): Promise<number> {
  const response = await fetch(`${address}/v1/traces`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-protobuf' },
    body,
  });
  await response.arrayBuffer();
  return response.status;
}

describe('receivers in the core', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let core: SpanlightCore | undefined;
  const sentToMirror: OtlpTraceRequest[] = [];
  const fakeRequestExporter = {
    export(request: OtlpTraceRequest, done: (result: ExportResult) => void) {
      sentToMirror.push(request);
      done({ code: ExportResultCode.SUCCESS });
    },
    shutdown: async () => undefined,
    forceFlush: async () => undefined,
  } as unknown as OtlpRequestExporter;

  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir());
    sentToMirror.length = 0;
  });
  afterEach(async () => {
    await core?.close();
    core = undefined;
    await cleanup();
  });

  const start = async () =>
    (core = await createSpanlightCore({
      dataDir: dir,
      receivers: { grpc: { enabled: true, port: 0 }, http: { enabled: true, port: 0 } },
      mirrorOptions: {
        createRequestExporter: () => fakeRequestExporter,
        tuning: { scheduledDelayMillis: 5 },
      },
    }));

  it('moves a receiver to another port without a restart, and saves the setting', async () => {
    await start();
    const before = await core!.commands.getReceiverStatus({});
    const port = await freePort();
    await core!.commands.updateSettings({ receiver: { http: { port } } });
    const after = await core!.commands.getReceiverStatus({});
    expect(after.http.address).toBe(`http://127.0.0.1:${port}`);
    expect(after.grpc.address).toBe(before.grpc.address);
    expect(await postTo(after.http.address!, request('1000000000000001'))).toBe(200);
    const saved = JSON.parse(await readFile(path.join(dir, 'settings.json'), 'utf8'));
    expect(saved.receiver.http).toEqual({ enabled: true, port });
  });

  it('a taken port fails that receiver alone, with what to do; the other keeps working', async () => {
    await start();
    const { server, port } = await listen();
    try {
      await core!.commands.updateSettings({ receiver: { http: { port } } });
      const status = await core!.commands.getReceiverStatus({});
      expect(status.http).toMatchObject({ state: 'failed', conflictPort: port });
      expect(status.http.error).toBe(
        `The OTLP/HTTP receiver could not listen on 127.0.0.1:${port}: port ${port} is already in use, perhaps by a running Jaeger or another Spanlight. Stop that program, or choose another port for the OTLP/HTTP receiver in the receiver settings.`,
      );
      expect(status.grpc.state).toBe('listening');
      expect(status.pasteLines.http).toBeUndefined();
      expect(status.pasteLines.grpc).toMatch(/^OTEL_EXPORTER_OTLP_PROTOCOL=grpc /);
      // The app itself keeps working.
      expect(
        (
          await core!.commands.placeOrder({
            paymentDeclined: false,
            emailServerDown: false,
            slowDatabase: false,
          })
        ).status,
      ).toBe('ok');
    } finally {
      server.close();
    }
  });

  it('turns receivers off and on, and tells subscribers', async () => {
    await start();
    const events: string[] = [];
    core!.subscribe((event) => {
      if (event.name === 'receiverStatusChanged') events.push(event.payload.grpc.state);
    });
    await core!.commands.updateSettings({ receiver: { grpc: { enabled: false } } });
    expect((await core!.commands.getReceiverStatus({})).grpc.state).toBe('off');
    await vi.waitFor(() => expect(events).toContain('off'));
    await core!.commands.updateSettings({ receiver: { grpc: { enabled: true } } });
    expect((await core!.commands.getReceiverStatus({})).grpc.state).toBe('listening');
  });

  it('warns while listening on all interfaces', async () => {
    await start();
    await core!.commands.updateSettings({ receiver: { listenOnAllInterfaces: true } });
    const status = await core!.commands.getReceiverStatus({});
    expect(status.exposed).toBe(true);
    expect(status.http.address).toMatch(/^http:\/\/0\.0\.0\.0:\d+$/);
    expect(status.pasteLines.http).toMatch(/^OTEL_EXPORTER_OTLP_ENDPOINT=http:\/\/localhost:\d+$/);
  });

  it('forwards received spans to the mirror while it is on, counted like its own', async () => {
    await start();
    await core!.commands.updateSettings({
      mirrorEnabled: true,
      endpoint: 'http://127.0.0.1:1/v1/traces',
    });
    const { http } = await core!.commands.getReceiverStatus({});
    expect(await postTo(http.address!, request('2000000000000001'))).toBe(200);
    await vi.waitFor(() =>
      expect(sentToMirror.flatMap((r) => r.resourceSpans![0]!.scopeSpans![0]!.spans!)).toEqual([
        expect.objectContaining({ spanId: '2000000000000001' }),
      ]),
    );
    const forwarded = sentToMirror[0]!.resourceSpans![0]!;
    expect(forwarded.resource?.attributes).toEqual([
      { key: 'service.name', value: { stringValue: 'svc' } },
    ]);
    expect(forwarded.scopeSpans![0]!.scope).toEqual({ name: 'scope' });
    await vi.waitFor(async () =>
      expect((await core!.commands.getMirrorStatus({})).counts.exported).toBe(1),
    );

    await core!.commands.updateSettings({ receiver: { forwardToMirror: false } });
    expect(await postTo(http.address!, request('2000000000000002'))).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sentToMirror).toHaveLength(1);
  });

  it('does not forward in a circle when the mirror points at this receiver', async () => {
    await start();
    const { http } = await core!.commands.getReceiverStatus({});
    await core!.commands.updateSettings({
      mirrorEnabled: true,
      endpoint: `http://localhost:${new URL(http.address!).port}/v1/traces`,
    });
    expect(await postTo(http.address!, request('3000000000000001'))).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sentToMirror).toEqual([]);
  });
});

describe('OtlpIngest', () => {
  it('waits for the store before answering, and on close lets exports in flight finish', async () => {
    let release!: () => void;
    const stored: string[] = [];
    const ingest = new OtlpIngest({
      sink: {
        addSpans: (spans) =>
          new Promise<void>((resolve) => {
            release = () => {
              stored.push(...spans.map(({ span }) => span.spanId));
              resolve();
            };
          }),
      },
    });
    let answered = false;
    const exporting = ingest
      .ingest('http', 'protobuf', request('5000000000000001'))
      .then((outcome) => {
        answered = true;
        return outcome;
      });
    let closed = false;
    const closing = ingest.close().then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect([answered, closed]).toEqual([false, false]);
    release();
    expect(await exporting).toEqual({ acceptedSpans: 1, rejectedSpans: 0 });
    await closing;
    expect(stored).toEqual(['5000000000000001']);
    await expect(ingest.ingest('grpc', 'protobuf', request('5000000000000002'))).rejects.toThrow(
      new ReceiverError('unavailable', 'Spanlight is shutting down; try again later'),
    );
  });

  it('answers partial success for spans the store refused, and forwards only those it kept', async () => {
    const forwarded: string[] = [];
    const ingest = new OtlpIngest({
      sink: {
        addSpans: async (spans) => ({
          rejectedSpans: spans.map(({ span }) => ({
            traceId: span.traceId,
            spanId: span.spanId,
            reason: 'the disk said no',
          })),
        }),
      },
      forwarder: () => ({
        forwardReceived: (spans) => forwarded.push(...spans.map(({ span }) => span.spanId)),
      }),
    });
    const outcome = await ingest.ingest('http', 'protobuf', request('7000000000000001'));
    expect(outcome).toEqual({
      acceptedSpans: 0,
      rejectedSpans: 1,
      errorMessage: expect.stringMatching(
        /^span 7000000000000001 of trace [0-9a-f]{32} could not be stored: the disk said no$/,
      ),
    });
    expect(forwarded).toEqual([]);
    expect(ingest.activityOf('http').counters).toMatchObject({
      spansAccepted: 0,
      spansRejected: 1,
    });
  });

  it('answers unavailable, not a crash, when the store fails', async () => {
    const ingest = new OtlpIngest({
      sink: { addSpans: () => Promise.reject(new Error('disk full')) },
    });
    await expect(ingest.ingest('http', 'protobuf', request('6000000000000001'))).rejects.toThrow(
      new ReceiverError('unavailable', 'Spanlight could not take the spans: disk full'),
    );
    expect(ingest.activityOf('http').counters).toMatchObject({ requests: 1, failedRequests: 1 });
  });
});
