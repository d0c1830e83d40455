// The tutorial's flow: Spanlight started instead of Jaeger, the tutorial's Python script run
// unchanged (the gRPC exporter's default endpoint, no environment variables), and its trace in the
// browser. Plus the receiver panel, and a port conflict shown in the window.
import { createServer, type Server } from 'node:net';
import { pythonScript, runPython } from '../helpers/otel-python';
import { shown, windowToolbar } from './toolbar-steps';
import { expect, startWebHost, test } from './web-host-fixture';

test.describe('OTLP receiver in the web host', () => {
  test("the tutorial's script sends its trace to Spanlight on 4317, and it shows in the browser", async ({
    page,
  }) => {
    const host = await startWebHost(['--otlp']);
    try {
      expect(host.output()).toContain('OTLP/gRPC receiver listening on 127.0.0.1:4317');
      expect(host.output()).toContain('OTLP/HTTP receiver listening on http://127.0.0.1:4318');
      await page.goto(host.pageUrl);
      await expect(page.getByText('No traces yet')).toBeVisible();
      const { stdout } = await runPython(pythonScript('tutorial.py'), []);
      const traceId = stdout.trim();
      expect(traceId).toMatch(/^[0-9a-f]{32}$/);
      const row = page.locator('.trace-table tbody tr').first();
      await expect(row).toContainText('submit order');
      await expect(row).toContainText('tutorial-shop');
      await expect(row.locator('td.cell-spans')).toHaveText('4');
      await row.click();
      const spans = page.getByRole('treegrid', { name: 'Spans' });
      await expect(spans.getByRole('row')).toHaveCount(4);
      for (const name of ['submit order', 'write order to database', 'GET /confirmation'])
        await expect(spans.getByRole('gridcell', { name, exact: true })).toBeVisible();
      await expect(spans).toContainText('mail server unreachable');
    } finally {
      await host.stop();
    }
  });

  test('the receiver panel shows each address, the counters and the lines to paste', async ({
    page,
  }) => {
    const host = await startWebHost(['--otlp-grpc-port', '0', '--otlp-http-port', '0']);
    try {
      const httpAddress = /OTLP\/HTTP receiver listening on (http:\/\/127\.0\.0\.1:(\d+))/.exec(
        host.output(),
      )!;
      const grpcAddress = /OTLP\/gRPC receiver listening on (127\.0\.0\.1:(\d+))/.exec(
        host.output(),
      )!;
      await page.goto(host.pageUrl);
      await expect(page.getByRole('status', { name: 'OTLP receiver status' })).toHaveText(
        'Receiving on OTLP/gRPC and OTLP/HTTP',
      );
      await (
        await shown(windowToolbar(page), page.getByRole('button', { name: 'Receiver' }))
      ).click();
      const panel = page.getByRole('region', { name: 'OTLP receiver' });
      await expect(panel.getByLabel('OTLP/gRPC receiver state')).toHaveText(
        `Listening on ${grpcAddress[1]}`,
      );
      await expect(panel.getByLabel('OTLP/HTTP receiver state')).toHaveText(
        `Listening on ${httpAddress[1]}`,
      );
      await expect(panel.getByLabel('OTLP/HTTP environment')).toHaveValue(
        `OTEL_EXPORTER_OTLP_ENDPOINT=http://localhost:${httpAddress[2]}`,
      );
      await expect(panel.getByLabel('OTLP/gRPC environment')).toHaveValue(
        `OTEL_EXPORTER_OTLP_PROTOCOL=grpc OTEL_EXPORTER_OTLP_ENDPOINT=http://localhost:${grpcAddress[2]}`,
      );
      // A JSON export with one bad span: the counters move without a reload.
      const response = await fetch(`${httpAddress[1]}/v1/traces`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          resourceSpans: [
            {
              resource: { attributes: [{ key: 'service.name', value: { stringValue: 'curl' } }] },
              scopeSpans: [
                {
                  spans: [
                    {
                      traceId: '0af7651916cd43dd8448eb211c80319c',
                      spanId: 'b7ad6b7169203331',
                      name: 'hello',
                      startTimeUnixNano: '1700000000000000000',
                      endTimeUnixNano: '1700000001000000000',
                    },
                    { traceId: 'abc', spanId: 'b7ad6b7169203332', name: 'bad' },
                  ],
                },
              ],
            },
          ],
        }),
      });
      expect(response.status).toBe(200);
      const httpBox = panel.getByRole('group', { name: 'OTLP/HTTP receiver' });
      await expect(httpBox).toContainText('1 requests (0 failed), 1 spans accepted, 1 rejected');
      await expect(httpBox).toContainText('expected 32 hex digits, got "abc"');
      await expect(page.locator('.trace-table tbody tr').first()).toContainText('curl');
      // Turning the gRPC receiver off applies at once.
      await panel.getByRole('group', { name: 'OTLP/gRPC receiver' }).getByLabel('On').uncheck();
      await expect(panel.getByLabel('OTLP/gRPC receiver state')).toHaveText('Off');
      await expect(panel.getByLabel('OTLP/gRPC environment')).toHaveCount(0);
    } finally {
      await host.stop();
    }
  });

  test('a port already taken gives a notice naming it, and the other receiver keeps running', async ({
    page,
  }) => {
    const blocker: Server = createServer();
    const takenPort = await new Promise<number>((resolve) =>
      blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)),
    );
    const host = await startWebHost([
      '--otlp-grpc-port',
      '0',
      '--otlp-http-port',
      String(takenPort),
    ]);
    try {
      // On stderr, which may arrive after stdout's "Spanlight listening" line.
      await expect.poll(() => host.output()).toContain(`port ${takenPort} is already in use`);
      await page.goto(host.pageUrl);
      const notice = page.getByRole('alert', { name: 'Receiver notice' });
      await expect(notice).toContainText(
        `The OTLP/HTTP receiver could not listen on 127.0.0.1:${takenPort}: port ${takenPort} is already in use`,
      );
      await expect(notice).toContainText('choose another port');
      await expect(page.getByRole('button', { name: 'Place order' })).toBeEnabled();
      await notice.getByRole('button', { name: 'Receiver settings' }).click();
      const panel = page.getByRole('region', { name: 'OTLP receiver' });
      await expect(panel.getByLabel('OTLP/gRPC receiver state')).toHaveText(
        /^Listening on 127\.0\.0\.1:\d+$/,
      );
      // Choosing a free port fixes it without a restart.
      const port = panel.getByRole('group', { name: 'OTLP/HTTP receiver' }).getByLabel('Port');
      const free = await freePort();
      await port.fill(String(free));
      await port.press('Enter');
      await expect(panel.getByLabel('OTLP/HTTP receiver state')).toHaveText(
        `Listening on http://127.0.0.1:${free}`,
      );
      await expect(notice).toHaveCount(0);
    } finally {
      await host.stop();
      blocker.close();
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
