// Browsing a team's Jaeger from the UI: a real Jaeger v2, seeded over OTLP with traces of several
// services (test/helpers/jaeger-seed.ts), given to the web host with --jaeger-url. The source
// picker lists it; its search form lists services and operations, searches by service and by
// attribute; a trace opens in the same waterfall, compares with a local one, and is kept as a copy.
// Then the failures: a stopped Jaeger, a wrong path, a server that never answers (Cancel and the
// timeout) — each says what is wrong, and the local store keeps working.
import { createServer, type Server, type ServerResponse } from 'node:http';
import { expect, test, type Page } from '@playwright/test';
import { findJaeger, freePort, startJaeger, type Jaeger } from '../helpers/jaeger';
import { proxyTo, startStubServer } from '../helpers/stub-server';
import { makeSeed, seedJaeger, seedServices, type JaegerSeed } from '../helpers/jaeger-seed';
import { spanRow } from './waterfall-steps';
import { startWebHost, type WebHost } from './web-host-fixture';

const found = findJaeger();

function sourcePicker(page: Page) {
  return page.getByRole('combobox', { name: 'Source' });
}

function traceRow(page: Page, traceId: string) {
  return page.locator(`.trace-table tbody tr[data-trace-id="${traceId}"]`);
}

function listedTraceIds(page: Page) {
  return page
    .locator('.trace-table tbody tr')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-trace-id')));
}

async function chooseSource(page: Page, label: string) {
  await sourcePicker(page).selectOption({ label });
}

async function placeLocalOrder(page: Page): Promise<void> {
  await chooseSource(page, 'Local store');
  const before = await page.locator('.trace-table tbody tr').count();
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page.locator('.trace-table tbody tr')).toHaveCount(before + 1);
}

test.describe("Browse a team's Jaeger", () => {
  test.skip('missing' in found, 'missing' in found ? found.missing : '');

  let jaeger: Jaeger;
  let seed: JaegerSeed;
  let jaegerName: string;

  test.beforeAll(async () => {
    jaeger = await startJaeger((found as { binary: string }).binary);
    seed = makeSeed();
    await seedJaeger(jaeger, seed.all);
    jaegerName = new URL(jaeger.queryUrl).host;
  });
  test.afterAll(async () => {
    await jaeger?.stop();
  });

  test.describe('a running Jaeger', () => {
    let host: WebHost & { stop: () => Promise<void> };
    test.beforeEach(async () => {
      host = await startWebHost(['--jaeger-url', jaeger.queryUrl]);
    });
    test.afterEach(async () => {
      await host.stop();
    });

    test('lists its services, searches by service and by attribute, opens a trace', async ({
      page,
    }) => {
      await page.goto(host.pageUrl);
      await expect(sourcePicker(page)).toHaveValue('local');
      await chooseSource(page, jaegerName);
      const form = page.getByRole('form', { name: `Search ${jaegerName}` });
      const service = form.getByRole('combobox', { name: 'Service' });
      await expect(service.locator('option')).toHaveText(['Choose a service', ...seedServices]);
      // Without a service, the search says what it needs.
      await form.getByRole('button', { name: 'Find traces' }).click();
      await expect(form.getByText('Service: choose a service')).toBeVisible();

      await service.selectOption('checkout');
      await expect(form.getByRole('combobox', { name: 'Operation' }).locator('option')).toHaveText([
        'Any operation',
        'GET /cart',
        'INSERT orders',
        'POST /checkout',
      ]);
      // The last hour by default: T1, T2 and T3 (its checkout span); T4 is 3 hours old.
      await form.getByRole('button', { name: 'Find traces' }).click();
      await expect(page.locator('.trace-table tbody tr')).toHaveCount(3);
      expect((await listedTraceIds(page)).sort()).toEqual(
        [seed.t1.traceId, seed.t2.traceId, seed.t3.traceId].sort(),
      );
      await form.getByRole('combobox', { name: 'Time range' }).selectOption('Last 6 hours');
      await form.getByRole('button', { name: 'Find traces' }).click();
      await expect(page.locator('.trace-table tbody tr')).toHaveCount(4);

      // By attribute, and by operation.
      await form.getByRole('textbox', { name: 'Attributes' }).fill('customer.tier=gold');
      await form.getByRole('button', { name: 'Find traces' }).click();
      await expect(page.locator('.trace-table tbody tr')).toHaveCount(2);
      expect((await listedTraceIds(page)).sort()).toEqual(
        [seed.t1.traceId, seed.t3.traceId].sort(),
      );
      await form.getByRole('textbox', { name: 'Attributes' }).fill('');
      await form.getByRole('combobox', { name: 'Operation' }).selectOption('GET /cart');
      await form.getByRole('button', { name: 'Find traces' }).click();
      await expect(page.locator('.trace-table tbody tr')).toHaveCount(1);
      await expect(traceRow(page, seed.t2.traceId)).toBeVisible();

      // The latency table is computed over the results.
      await page.getByRole('tab', { name: 'Latency' }).click();
      await expect(page.getByRole('table').filter({ hasText: 'GET /cart' }).first()).toBeVisible();
      await page.getByRole('tab', { name: 'Chart' }).click();

      // The trace opens in the same waterfall, its spans as sent.
      await form.getByRole('combobox', { name: 'Operation' }).selectOption('');
      await form.getByRole('button', { name: 'Find traces' }).click();
      await expect(page.locator('.trace-table tbody tr')).toHaveCount(4);
      await traceRow(page, seed.t1.traceId).click();
      await expect(page).toHaveURL(new RegExp(`#/source/jaeger-url-1/trace/${seed.t1.traceId}$`));
      for (const name of ['POST /checkout', 'INSERT orders', 'charge card'])
        await expect(spanRow(page, name)).toHaveCount(1);
      await expect(page.getByRole('treegrid', { name: 'Spans' }).getByRole('row')).toHaveCount(3);
      await spanRow(page, 'charge card').click();
      await expect(page.getByText('card declined').first()).toBeVisible();
      await expect(page.getByText(`From ${jaegerName}`)).toBeVisible();

      // Open trace by id looks in the chosen source.
      await page.getByRole('searchbox', { name: 'Trace id, prefix or link' }).fill(seed.t4.traceId);
      await page.getByRole('button', { name: 'Open', exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`#/source/jaeger-url-1/trace/${seed.t4.traceId}$`));
      await expect(spanRow(page, 'POST /checkout')).toHaveCount(1);
      await page.getByRole('searchbox', { name: 'Trace id, prefix or link' }).fill('f'.repeat(32));
      await page.getByRole('button', { name: 'Open', exact: true }).click();
      await expect(
        page.getByText(`No trace in ${jaegerName} has an id starting with`),
      ).toBeVisible();
    });

    test('compares a remote trace with a local one, and keeps a copy', async ({ page }) => {
      await page.goto(host.pageUrl);
      await placeLocalOrder(page);
      const [localTraceId] = await listedTraceIds(page);

      await chooseSource(page, jaegerName);
      const form = page.getByRole('form', { name: `Search ${jaegerName}` });
      await form.getByRole('combobox', { name: 'Service' }).selectOption('checkout');
      await form.getByRole('button', { name: 'Find traces' }).click();
      await expect(traceRow(page, seed.t1.traceId)).toBeVisible();
      await page.getByRole('checkbox', { name: `Compare ${seed.t1.traceId}` }).check();
      await chooseSource(page, 'Local store');
      await page.getByRole('checkbox', { name: `Compare ${localTraceId}` }).check();
      const comparison = page.getByRole('table', { name: 'Comparison' });
      await expect(comparison).toBeVisible();
      await expect(page.locator('.comparison-header')).toContainText(
        `A ${seed.t1.traceId.slice(0, 8)} (${jaegerName}) vs B ${localTraceId!.slice(0, 8)}`,
      );
      await expect(comparison.getByRole('row').filter({ hasText: 'POST /checkout' })).toHaveCount(
        1,
      );
      await expect(comparison.getByRole('row').filter({ hasText: 'place-order' })).toHaveCount(1);

      // Keep a copy: the remote trace joins the local store.
      await chooseSource(page, jaegerName);
      await traceRow(page, seed.t1.traceId).click();
      await expect(spanRow(page, 'charge card')).toHaveCount(1);
      await page.getByRole('button', { name: 'Keep a copy' }).click();
      await expect(page.getByText('Kept in the local store (3 spans).')).toBeVisible();
      await page.getByRole('button', { name: 'Open the copy' }).click();
      await expect(page).toHaveURL(new RegExp(`#/trace/${seed.t1.traceId}$`));
      await expect(spanRow(page, 'charge card')).toHaveCount(1);
      await chooseSource(page, 'Local store');
      await expect(traceRow(page, seed.t1.traceId)).toBeVisible();
      await expect(page.locator('.trace-table tbody tr')).toHaveCount(2);
    });

    test('adds, tests, edits and removes a source in the Sources dialog', async ({ page }) => {
      await page.goto(host.pageUrl);
      await page.getByRole('button', { name: 'Sources…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Sources' });
      await expect(dialog.getByRole('listitem', { name: jaegerName })).toContainText(
        'this run only (--jaeger-url)',
      );
      const add = dialog.getByRole('form', { name: 'Add a source' });
      await add.getByRole('textbox', { name: 'Base URL' }).fill('jaeger:16686');
      await expect(add.getByText('is not an http or https URL')).toBeVisible();
      await add.getByRole('textbox', { name: 'Name' }).fill('Team Jaeger');
      await add.getByRole('textbox', { name: 'Base URL' }).fill(jaeger.queryUrl);
      await add.getByLabel('Authorization header value').fill('Bearer s3cret-token');
      await add.getByRole('button', { name: 'Add' }).click();
      await expect(dialog.getByText('Added Team Jaeger.')).toBeVisible();
      // The picker chose it; the value is never shown back.
      await expect(sourcePicker(page).locator('option:checked')).toHaveText('Team Jaeger');
      const item = dialog.getByRole('listitem', { name: 'Team Jaeger' });
      await expect(item).toContainText('Authorization set');
      await expect(page.locator('body')).not.toContainText('s3cret');
      await item.getByRole('button', { name: 'Test' }).click();
      await expect(item.getByRole('status')).toHaveText('Answered: 4 services.');

      await item.getByRole('button', { name: 'Edit' }).click();
      const edit = dialog.getByRole('form', { name: 'Edit Team Jaeger' });
      await expect(edit.getByLabel('Authorization header value')).toHaveValue('');
      await expect(edit.getByLabel('Authorization header value')).toHaveAttribute(
        'placeholder',
        'saved (hidden); type a new one to replace it',
      );
      await edit.getByRole('textbox', { name: 'Name' }).fill('Prod Jaeger');
      await edit.getByRole('checkbox', { name: 'Remove the saved Authorization value' }).check();
      await edit.getByRole('button', { name: 'Save' }).click();
      const renamed = dialog.getByRole('listitem', { name: 'Prod Jaeger' });
      await expect(renamed).toBeVisible();
      await expect(renamed).not.toContainText('Authorization set');
      await renamed.getByRole('button', { name: 'Remove' }).click();
      await expect(dialog.getByRole('listitem', { name: 'Prod Jaeger' })).toHaveCount(0);
      await expect(sourcePicker(page)).toHaveValue('local');
    });
  });

  test('a Jaeger behind a proxy that wants a token: missing, wrong, then right', async ({
    page,
  }) => {
    // A reverse proxy in front of the real Jaeger that lets only "Bearer right-token" through.
    const proxy = await startStubServer(async (request, response) => {
      const given = request.headers.authorization;
      if (given === 'Bearer right-token') return proxyTo(jaeger.queryUrl, request, response);
      response.writeHead(given ? 403 : 401, { 'content-type': 'text/plain' });
      response.end(given ? 'forbidden' : 'unauthorized');
    });
    const host = await startWebHost();
    try {
      await page.goto(host.pageUrl);
      await page.getByRole('button', { name: 'Sources…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Sources' });
      const add = dialog.getByRole('form', { name: 'Add a source' });
      await add.getByRole('textbox', { name: 'Name' }).fill('Guarded');
      await add.getByRole('textbox', { name: 'Base URL' }).fill(proxy.url);
      await add.getByRole('button', { name: 'Add' }).click();
      const item = dialog.getByRole('listitem', { name: 'Guarded' });
      await item.getByRole('button', { name: 'Test' }).click();
      await expect(item.getByRole('alert')).toContainText(
        'answered 401 Unauthorized: it needs an Authorization header, and this source has none.',
      );
      const edit = async (value: string) => {
        await item.getByRole('button', { name: 'Edit' }).click();
        const form = dialog.getByRole('form', { name: 'Edit Guarded' });
        await form.getByLabel('Authorization header value').fill(value);
        await form.getByRole('button', { name: 'Save' }).click();
        await expect(dialog.getByText('Saved Guarded.')).toBeVisible();
        await item.getByRole('button', { name: 'Test' }).click();
      };
      await edit('Bearer wrong-token');
      await expect(item.getByRole('alert')).toContainText(
        'answered 403 Forbidden: the Authorization value is not allowed to read traces there',
      );
      await edit('Bearer right-token');
      await expect(item.getByRole('status')).toHaveText('Answered: 4 services.');
      await dialog.getByRole('button', { name: 'Close' }).click();
      // The search form of the source lists them too.
      await expect(
        page
          .getByRole('form', { name: 'Search Guarded' })
          .getByRole('combobox', { name: 'Service' })
          .locator('option'),
      ).toHaveCount(1 + seedServices.length);
    } finally {
      await host.stop();
      await proxy.close();
    }
  });

  test.describe('failures', () => {
    let host: WebHost & { stop: () => Promise<void> };
    let silent: Server;
    const held: ServerResponse[] = [];
    let stoppedUrl: string;
    let wrongPathUrl: string;
    let silentUrl: string;
    let big: Server;
    let bigUrl: string;

    test.beforeAll(async () => {
      // A server that takes requests and never answers them.
      silent = createServer((_request, response) => {
        held.push(response);
      });
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      silentUrl = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
      // A Jaeger whose trace is 2 MiB, sent slowly in parts (progress shows) without a length.
      big = createServer((request, response) => {
        response.setHeader('content-type', 'application/json');
        if (request.url === '/api/v3/services') {
          response.end('{"services":["big"]}');
          return;
        }
        let sent = 0;
        const part = () => {
          if (response.destroyed) return;
          response.write(' '.repeat(256 * 1024));
          sent += 1;
          if (sent < 8) setTimeout(part, 100);
          else response.end('{}');
        };
        part();
      });
      await new Promise<void>((resolve) => big.listen(0, '127.0.0.1', resolve));
      bigUrl = `http://127.0.0.1:${(big.address() as { port: number }).port}`;
      stoppedUrl = `http://127.0.0.1:${await freePort()}`;
      wrongPathUrl = `${jaeger.queryUrl}/tracing`;
    });
    test.afterAll(async () => {
      for (const response of held) response.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
      big.closeAllConnections();
      await new Promise<void>((resolve) => big.close(() => resolve()));
    });
    test.beforeEach(async () => {
      host = await startWebHost([
        '--jaeger-url',
        stoppedUrl,
        '--jaeger-url',
        wrongPathUrl,
        '--jaeger-url',
        silentUrl,
        '--jaeger-url',
        bigUrl,
      ]);
    });
    test.afterEach(async () => {
      await host.stop();
    });

    test('a stopped Jaeger and a wrong path say what is wrong; the local store keeps working', async ({
      page,
    }) => {
      await page.goto(host.pageUrl);
      await chooseSource(page, new URL(stoppedUrl).host);
      await expect(page.getByRole('alert')).toContainText(
        `Cannot connect to ${new URL(stoppedUrl).host}: nothing is listening there (connection refused).`,
      );
      await placeLocalOrder(page);

      await chooseSource(page, `${new URL(wrongPathUrl).host}/tracing`);
      await expect(page.getByRole('alert')).toContainText(
        /No Jaeger query API at .*\/tracing|instead of its query API/,
      );
      // A trace link into that source says the same, in the trace pane, and offers to try again.
      await page.goto(`${host.pageUrl}#/source/jaeger-url-1/trace/${seed.t1.traceId}`);
      await expect(page.locator('.pane-detail').getByRole('alert')).toContainText(
        'nothing is listening there',
      );
      await expect(page.getByRole('button', { name: 'Try again' }).first()).toBeVisible();
      await placeLocalOrder(page);
      await expect(page.locator('.trace-table tbody tr')).toHaveCount(2);
    });

    test('a server that never answers shows a spinner with Cancel, then times out', async ({
      page,
    }) => {
      await page.goto(host.pageUrl);
      const silentName = new URL(silentUrl).host;
      // A link to a trace of it: the trace pane and the search form each wait, with Cancel.
      await page.goto(`${host.pageUrl}#/source/jaeger-url-3/trace/${seed.t1.traceId}`);
      const fetching = page.getByRole('status').filter({ hasText: `from ${silentName}…` });
      await expect(fetching).toBeVisible();
      await fetching.getByRole('button', { name: 'Cancel' }).click();
      const pane = page.locator('.pane-detail');
      await expect(pane.getByRole('alert')).toContainText(
        `The request to ${silentName} was cancelled.`,
      );
      const loading = page
        .getByRole('status')
        .filter({ hasText: `Loading the services of ${silentName}…` });
      await expect(loading).toBeVisible();
      await loading.getByRole('button', { name: 'Cancel' }).click();
      const form = page.getByRole('form', { name: `Search ${silentName}` });
      await expect(form.getByRole('alert')).toContainText(
        `The request to ${silentName} was cancelled.`,
      );
      // The local store answers meanwhile.
      await placeLocalOrder(page);

      // The timeout of the settings.
      await page.getByRole('button', { name: 'Sources…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Sources' });
      await dialog.getByRole('spinbutton', { name: 'Timeout' }).fill('1');
      await dialog.getByRole('button', { name: 'Save limits' }).click();
      await expect(dialog.getByText('Saved the timeout and the response limit.')).toBeVisible();
      await dialog.getByRole('button', { name: 'Close' }).click();
      await pane.getByRole('button', { name: 'Try again' }).click();
      await expect(pane.getByRole('alert')).toContainText(
        `${silentName} did not answer within 1 s`,
      );
      await chooseSource(page, 'Local store');
      await expect(page.locator('.trace-table tbody tr')).toHaveCount(1);
    });

    test('a trace larger than the response limit says so, after showing what arrived', async ({
      page,
    }) => {
      await page.goto(host.pageUrl);
      await page.getByRole('button', { name: 'Sources…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Sources' });
      await dialog.getByRole('spinbutton', { name: 'Response limit' }).fill('1');
      await dialog.getByRole('button', { name: 'Save limits' }).click();
      await expect(dialog.getByText('Saved the timeout and the response limit.')).toBeVisible();
      await dialog.getByRole('button', { name: 'Close' }).click();
      const bigName = new URL(bigUrl).host;
      await page.goto(`${host.pageUrl}#/source/jaeger-url-4/trace/${seed.t1.traceId}`);
      await expect(
        page.getByRole('status').filter({ hasText: /KiB received|MiB received/ }),
      ).toBeVisible();
      const pane = page.locator('.pane-detail');
      await expect(pane.getByRole('alert')).toContainText(
        `The answer of ${bigName} is larger than the limit of 1.0 MiB`,
      );
      await placeLocalOrder(page);
    });
  });
});
