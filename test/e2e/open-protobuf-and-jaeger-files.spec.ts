// Opening OTLP protobuf files (one serialized request, and the Collector file exporter's
// length-prefixed messages) and a big Jaeger UI download through the web UI's Open button: each is
// read by the core in chunks and shown; a truncated protobuf file is refused, naming the byte.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { OtlpTraceRequest } from '../../app/model/otlp';
import { encodeTraceRequest } from '../helpers/otlp-protobuf-writer';
import { failedNotice, openedNotice } from './open-trace-file-steps';
import { spanGrid } from './order-flow-steps';
import { syntheticTrace } from './synthetic-trace';
import { expect, test } from './web-host-fixture';

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/** Jaeger UI's download: `traces` trace objects of `perTrace` spans, processes after the spans. */
function jaegerDownload(traces: number, perTrace: number): string {
  const data = Array.from({ length: traces }, (_, t) => {
    const traceID = hex(0xbeef0000 + t, 32);
    return {
      traceID,
      spans: Array.from({ length: perTrace }, (_, i) => ({
        traceID,
        spanID: hex(t * perTrace + i + 1, 16),
        operationName: i === 0 ? `jaeger root ${t}` : `step ${i}`,
        references:
          i === 0 ? [] : [{ refType: 'CHILD_OF', traceID, spanID: hex(t * perTrace + 1, 16) }],
        startTime: 1_732_000_000_000_000 + i * 10,
        duration: 5,
        tags: [{ key: 'http.route', type: 'string', value: `/api/items/${i}` }],
        logs: [],
        processID: i % 2 === 0 ? 'p1' : 'p2',
        warnings: null,
      })),
      processes: {
        p1: { serviceName: 'frontend', tags: [] },
        p2: { serviceName: 'inventory', tags: [{ key: 'hostname', type: 'string', value: 'h1' }] },
      },
      warnings: null,
    };
  });
  return JSON.stringify({ data, total: 0, limit: 0, offset: 0, errors: null });
}

/** The Collector file exporter's framing: each message after its length, 4 bytes big-endian. */
function framed(messages: readonly Uint8Array[]): Buffer {
  return Buffer.concat(
    messages.flatMap((message) => {
      const length = Buffer.alloc(4);
      length.writeUInt32BE(message.length);
      return [length, Buffer.from(message)];
    }),
  );
}

test.describe('opening OTLP protobuf and Jaeger JSON files in the web UI', () => {
  let dir: string;
  const trace = syntheticTrace(10_000);
  const request = JSON.parse(trace.json) as OtlpTraceRequest;
  test.beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'spanlight-binary-files-'));
  });
  test.afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test.beforeEach(async ({ page, webHost }) => {
    await page.goto(webHost.pageUrl);
    await expect(page.getByRole('button', { name: 'Open trace file' })).toBeVisible();
  });

  test('a serialized ExportTraceServiceRequest of 10,000 spans opens and is shown', async ({
    page,
  }) => {
    const file = path.join(dir, 'trace.binpb');
    await writeFile(file, encodeTraceRequest(request));
    await page.getByLabel('Trace files to open').setInputFiles(file);
    await expect(openedNotice(page)).toHaveText('Opened 1 trace, 10,000 spans from trace.binpb');
    await expect(
      spanGrid(page).getByRole('gridcell', { name: trace.rootName, exact: true }),
    ).toBeVisible();
  });

  test("the Collector file exporter's length-prefixed messages open", async ({ page }) => {
    const file = path.join(dir, 'collector.pb');
    // One message per ResourceSpans, as a Collector batching per service might write them.
    const messages = request.resourceSpans!.map((resourceSpans) =>
      encodeTraceRequest({ resourceSpans: [resourceSpans] }),
    );
    await writeFile(file, framed(messages));
    await page.getByLabel('Trace files to open').setInputFiles(file);
    await expect(openedNotice(page)).toHaveText('Opened 1 trace, 10,000 spans from collector.pb');
  });

  test('a truncated protobuf file is refused, naming the byte, and keeps nothing', async ({
    page,
  }) => {
    const bytes = encodeTraceRequest(request);
    const file = path.join(dir, 'cut.pb');
    await writeFile(file, bytes.subarray(0, bytes.length - 1000));
    await page.getByLabel('Trace files to open').setInputFiles(file);
    await expect(failedNotice(page)).toContainText(
      /Could not open cut\.pb: byte [\d,]+: the file ends inside resourceSpans\[\d+\], which starts at byte [\d,]+ and should hold [\d,]+ bytes \(truncated\?\)/,
    );
    await expect(page.locator(`tr[data-trace-id="${trace.traceId}"]`)).toHaveCount(0);
  });

  test('a Jaeger UI download of 100,000 spans in 20 traces opens and is shown', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const file = path.join(dir, 'big.jaeger.json');
    await writeFile(file, jaegerDownload(20, 5_000));
    await page.getByLabel('Trace files to open').setInputFiles(file);
    await expect(openedNotice(page)).toHaveText(
      'Opened 20 traces, 100,000 spans from big.jaeger.json',
      { timeout: 60_000 },
    );
    await expect(
      spanGrid(page).getByRole('gridcell', { name: 'jaeger root 0', exact: true }),
    ).toBeVisible();
  });
});
