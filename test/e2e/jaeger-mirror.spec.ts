// Flipping "Export to Jaeger" in the UI sends the next orders to a real Jaeger v2; flipping it
// off stops them; a wrong endpoint typed in the settings panel is refused.
import { expect, test, type Page } from '@playwright/test';
import { findJaeger, startJaeger, type Jaeger } from '../helpers/jaeger';
import { startWebHost, type WebHost } from './web-host-fixture';
import { shown, windowToolbar } from './toolbar-steps';

const found = findJaeger();

interface TraceListBody {
  traces: { traceId: string }[];
}

test.describe('Export to Jaeger', () => {
  test.skip('missing' in found, 'missing' in found ? found.missing : '');

  let jaeger: Jaeger;
  let host: WebHost & { stop: () => Promise<void> };

  test.beforeAll(async () => {
    jaeger = await startJaeger((found as { binary: string }).binary);
  });
  test.afterAll(async () => {
    await jaeger?.stop();
  });
  test.beforeEach(async () => {
    host = await startWebHost([], { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: jaeger.tracesEndpoint });
  });
  test.afterEach(async () => {
    await host.stop();
  });

  async function newestTraceId(page: Page): Promise<string> {
    const response = await page.request.post(`${host.url}/api/listTraces`, {
      data: { limit: 1 },
      headers: { origin: host.url, ...host.authHeaders },
    });
    const body = (await response.json()) as TraceListBody;
    return body.traces[0]!.traceId;
  }

  test('the switch sends new orders to Jaeger, and off stops them', async ({ page }) => {
    await page.goto(host.pageUrl);
    const exportSwitch = page.getByRole('switch', { name: 'Export to Jaeger' });
    const status = page.getByRole('status', { name: 'Jaeger export status' });
    await expect(exportSwitch).not.toBeChecked();
    await expect(status).toHaveText('Off');

    await exportSwitch.check();
    // No export has succeeded or failed yet: it says so, rather than "Sending" (issue 15).
    await expect(status).toHaveText('Connecting… · nothing to send yet');
    await page.getByRole('button', { name: 'Place order' }).click();
    await expect(page.locator('.trace-table tbody tr')).toHaveCount(1);
    const sentTraceId = await newestTraceId(page);
    const inJaeger = await jaeger.waitForTrace(sentTraceId, 6);
    const names = inJaeger.resourceSpans!.flatMap((rs) =>
      rs.scopeSpans!.flatMap((ss) => ss.spans!.map((span) => span.name)),
    );
    expect(names.sort()).toEqual(
      [
        'GET /orders/{id}/confirmation',
        'GET /orders/{id}/confirmation',
        'INSERT orders',
        'authorize-payment',
        'place-order',
        'send confirmation-email',
      ].sort(),
    );
    await expect(status).toContainText(/^Sending · last success \d\d:\d\d:\d\d/);
    await (
      await shown(windowToolbar(page), page.getByRole('button', { name: 'Jaeger settings' }))
    ).click();
    await expect(page.getByLabel('Jaeger export counts')).toHaveText(
      'exported 6 · failed 0 · dropped 0 · queued 0',
    );

    // The switch state is saved: a reload shows it on.
    await page.reload();
    await expect(exportSwitch).toBeChecked();

    await exportSwitch.uncheck();
    await expect(status).toHaveText('Off');
    await page.getByRole('button', { name: 'Place order' }).click();
    await expect(page.locator('.trace-table tbody tr')).toHaveCount(2);
    const unsentTraceId = await newestTraceId(page);
    expect(unsentTraceId).not.toBe(sentTraceId);
    // Not a wait for nothing to happen: an order placed with the switch on again goes through the
    // same queue, so once Jaeger has it, the unsent one would be there too had it been queued.
    await exportSwitch.check();
    await page.getByRole('button', { name: 'Place order' }).click();
    await expect(page.locator('.trace-table tbody tr')).toHaveCount(3);
    await jaeger.waitForTrace(await newestTraceId(page), 6);
    expect(await jaeger.getTrace(unsentTraceId)).toBeUndefined();

    // "Send stored traces" delivers the one placed while the switch was off.
    await (
      await shown(windowToolbar(page), page.getByRole('button', { name: 'Jaeger settings' }))
    ).click();
    await page.getByRole('button', { name: 'Send stored traces to Jaeger' }).click();
    await expect(page.getByRole('alert')).toHaveText('Sent 18 of 18 spans from 3 stored traces');
    await jaeger.waitForTrace(unsentTraceId, 6);
  });

  test('with Jaeger stopped, orders still work and the status says why', async ({ page }) => {
    await host.stop();
    host = await startWebHost([], {
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: jaeger.tracesEndpoint,
      OTEL_EXPORTER_OTLP_TIMEOUT: '1000',
    });
    await page.goto(host.pageUrl);
    await page.getByRole('switch', { name: 'Export to Jaeger' }).check();
    await jaeger.stop();
    try {
      await page.getByRole('button', { name: 'Place order' }).click();
      await expect(page.locator('.trace-table tbody tr')).toHaveCount(1);
      await expect(page.getByRole('status', { name: 'Jaeger export status' })).toHaveText(
        new RegExp(
          `^Failing: connection refused at 127\\.0\\.0\\.1:${jaeger.otlpPort} · retrying (at \\d\\d:\\d\\d:\\d\\d|with the next span)$`,
        ),
      );
      await (
        await shown(windowToolbar(page), page.getByRole('button', { name: 'Jaeger settings' }))
      ).click();
      await expect(page.getByLabel('Jaeger export counts')).toHaveText(
        'exported 0 · failed 6 · dropped 0 · queued 0',
      );
    } finally {
      await jaeger.restart();
    }
  });

  test('a wrong endpoint is refused with a message and the previous one stays', async ({
    page,
  }) => {
    await page.goto(host.pageUrl);
    await (
      await shown(windowToolbar(page), page.getByRole('button', { name: 'Jaeger settings' }))
    ).click();
    const endpoint = page.getByLabel('Endpoint (OTLP/HTTP traces URL)');
    await expect(endpoint).toHaveValue(jaeger.tracesEndpoint);
    await endpoint.fill('localhost 4318');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('alert')).toContainText(
      'The endpoint was not changed: "localhost 4318" is not a URL',
    );
    await expect(endpoint).toHaveValue(jaeger.tracesEndpoint);
    await expect(page.getByText(`In use: ${jaeger.tracesEndpoint}`)).toBeVisible();
  });
});
