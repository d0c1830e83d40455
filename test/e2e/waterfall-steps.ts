// Helpers for the trace viewer's end-to-end specs: importing trace files into a running web host
// and opening a trace in the waterfall.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { OtlpSpanKind, OtlpStatusCode } from '../../app/model/otlp';
import type { WebHost } from './web-host-fixture';

/** Writes `json` to a file and opens it through the web host's openTraceFiles command. */
export async function importTraceFile(page: Page, host: WebHost, json: string): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'spanlight-waterfall-'));
  const file = path.join(dir, 'trace.otlp.json');
  await writeFile(file, json);
  try {
    const response = await page.request.post(`${host.url}/api/openTraceFiles`, {
      data: { paths: [file] },
      headers: host.authHeaders,
    });
    expect(response.ok()).toBe(true);
    const result = (await response.json()) as { files: { error?: string }[] };
    expect(result.files[0]?.error).toBeUndefined();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function openTrace(page: Page, traceId: string): Promise<void> {
  await page.locator(`.trace-table tbody tr[data-trace-id="${traceId}"]`).click();
  await expect(
    page.getByRole('treegrid', { name: 'Spans' }).getByRole('row').first(),
  ).toBeVisible();
}

export function spanRow(page: Page, name: string) {
  return page
    .getByRole('treegrid', { name: 'Spans' })
    .getByRole('row')
    .filter({ has: page.getByRole('gridcell', { name, exact: true }) });
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/**
 * Two small traces, drawn:
 *   trace 1: checkout ─┬─ reserve stock (events: stock.reserved)
 *                      └─ charge card  (ERROR "card expired"; link → trace 2's "settle payment",
 *                                       and a link to a trace that is not stored)
 *   trace 2: settle payment
 */
export function linkedTraces(): { json: string; firstTraceId: string; secondTraceId: string } {
  const firstTraceId = hex(0xa1, 32);
  const secondTraceId = hex(0xb2, 32);
  const start = 1_732_000_000_000_000_000n;
  const at = (ms: number) => String(start + BigInt(ms) * 1_000_000n);
  const span = (
    traceId: string,
    id: number,
    parent: number | undefined,
    name: string,
    from: number,
    to: number,
    extra: object = {},
  ) => ({
    traceId,
    spanId: hex(id, 16),
    ...(parent ? { parentSpanId: hex(parent, 16) } : {}),
    name,
    kind: OtlpSpanKind.SERVER,
    startTimeUnixNano: at(from),
    endTimeUnixNano: at(to),
    attributes: [{ key: 'order.id', value: { stringValue: `order-${id}` } }],
    status: { code: OtlpStatusCode.UNSET },
    ...extra,
  });
  const request = {
    resourceSpans: [
      {
        resource: {
          attributes: [
            { key: 'service.name', value: { stringValue: 'shop' } },
            { key: 'deployment.environment', value: { stringValue: 'staging' } },
          ],
        },
        scopeSpans: [
          {
            scope: { name: 'shop-instrumentation', version: '2.1.0' },
            spans: [
              span(firstTraceId, 1, undefined, 'checkout', 0, 100),
              span(firstTraceId, 2, 1, 'reserve stock', 5, 40, {
                events: [
                  {
                    timeUnixNano: at(20),
                    name: 'stock.reserved',
                    attributes: [{ key: 'sku', value: { stringValue: 'SKU-42' } }],
                  },
                ],
              }),
            ],
          },
        ],
      },
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'payments' } }] },
        scopeSpans: [
          {
            scope: { name: 'payments-instrumentation' },
            spans: [
              span(firstTraceId, 3, 1, 'charge card', 45, 95, {
                status: { code: OtlpStatusCode.ERROR, message: 'card expired' },
                links: [
                  { traceId: secondTraceId, spanId: hex(9, 16) },
                  { traceId: hex(0xdead, 32), spanId: hex(7, 16) },
                ],
              }),
              span(secondTraceId, 9, undefined, 'settle payment', 200, 260),
            ],
          },
        ],
      },
    ],
  };
  return { json: JSON.stringify(request), firstTraceId, secondTraceId };
}
