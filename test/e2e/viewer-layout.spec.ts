// Issue 15 as a new user sees it, at 1024 and 1600 px in the light and the dark theme: no toolbar
// wraps, no table column is cut off, the splitters move and are remembered, the critical path of
// a real order trace goes through its GET spans, and deep links open the right span. Every state
// is written to test-results/screenshots/layout/ for review.
import { expect, test } from './web-host-fixture';
import { shown, traceTools, windowToolbar } from './toolbar-steps';
import {
  dragSplitter,
  expectNoColumnCutOff,
  expectOneRow,
  heightOf,
  newestTraceId,
  placeThreeOrders,
  screenshot,
  spanIdsByName,
  widthOf,
} from './viewer-layout-steps';
import { spanRow } from './waterfall-steps';
import { spanGrid } from './order-flow-steps';

const GET = 'GET /orders/{id}/confirmation';
const SIZES = [
  { width: 1024, height: 768 },
  { width: 1600, height: 1000 },
] as const;
const THEMES = ['light', 'dark'] as const;

for (const size of SIZES) {
  for (const theme of THEMES) {
    const at = `${size.width}-${theme}`;

    test.describe(`at ${size.width} px, ${theme}`, () => {
      test.use({ viewport: size, colorScheme: theme });

      test('no toolbar wraps and no table column is cut off, in every panel', async ({
        page,
        webHost,
      }) => {
        await page.goto(webHost.pageUrl);
        await placeThreeOrders(page, webHost);
        const traceId = await newestTraceId(page, webHost);
        await page.locator(`.trace-table tbody tr[data-trace-id="${traceId}"]`).click();
        await expect(spanGrid(page).getByRole('row')).toHaveCount(6);
        await spanRow(page, 'INSERT orders').click();

        const mainRow = windowToolbar(page).getByRole('toolbar', { name: 'Spanlight' });
        await expectOneRow(mainRow, 'window toolbar');
        await expectOneRow(traceTools(page), 'trace tools');
        await expectNoColumnCutOff(page.locator('.trace-table'), 'trace list');
        // Left-out columns are named, never dropped silently.
        const hiddenNote = page.locator('.trace-list .hidden-columns');
        if (size.width === 1024) await expect(hiddenNote).toContainText(/^Hidden to fit: /);
        await screenshot(page, `${at}-1-list-and-waterfall`);
        // The chart's grid is drawn in the theme's border color, not recharts' fixed #ccc.
        const gridStroke = await page
          .locator('.trace-scatter line.chart-grid')
          .first()
          .evaluate((line) => getComputedStyle(line).stroke);
        const borderColor = await page
          .locator('.trace-table th')
          .first()
          .evaluate((th) => getComputedStyle(th).borderBottomColor);
        expect(gridStroke).toBe(borderColor);

        await page.getByRole('tab', { name: 'Latency' }).click();
        await expectNoColumnCutOff(
          page.getByRole('table', { name: 'Latency by operation' }),
          'latency table',
        );
        await expect(
          page.getByRole('table', { name: 'Latency by operation' }).getByRole('button', {
            name: 'p99',
          }),
        ).toBeVisible();
        await expect(
          page.getByRole('table', { name: 'Latency by operation' }).getByRole('button', {
            name: 'Max',
          }),
        ).toBeVisible();
        await screenshot(page, `${at}-2-latency-table`);

        await page.getByRole('checkbox', { name: 'Critical path', exact: true }).check();
        await expectNoColumnCutOff(
          page.getByRole('table', { name: 'Spans on the critical path' }),
          'critical path table',
        );
        await screenshot(page, `${at}-3-critical-path`);

        await page.getByRole('tab', { name: 'Statistics' }).click();
        await expectNoColumnCutOff(
          page.getByRole('table', { name: 'Span statistics' }),
          'statistics table',
        );
        await screenshot(page, `${at}-3b-statistics`);

        await page.getByRole('button', { name: 'Show the details right of the waterfall' }).click();
        await expectOneRow(traceTools(page), 'trace tools with details at the right');
        const statistics = page.getByRole('table', { name: 'Span statistics' });
        await expectNoColumnCutOff(statistics, 'statistics table at the right');
        // The columns that answer "where did the time go" stay; the others are named as hidden.
        for (const name of [/^Name/, /^Self( [▾▴])?$/, /^Self % of trace/])
          await expect(statistics.getByRole('button', { name })).toBeVisible();
        await screenshot(page, `${at}-4b-statistics-right`);
        await page.getByRole('tab', { name: 'Flame graph' }).click();
        await expect(page.getByRole('figure', { name: /Flame graph/ })).toBeVisible();
        await screenshot(page, `${at}-4c-flame-graph-right`);
        await page.getByRole('tab', { name: 'Waterfall' }).click();
        await page.getByRole('tab', { name: 'Span details' }).click();
        // The span's name keeps its line; its buttons move below it when the details are narrow.
        const title = page.getByRole('region', { name: 'Span details' }).getByRole('heading', {
          name: 'INSERT orders',
        });
        expect(await heightOf(title)).toBeLessThan(30);
        await screenshot(page, `${at}-4-details-right`);

        // The "More" menus open on screen.
        const more = traceTools(page).getByRole('button', { name: 'More ▾' });
        if (await more.isVisible()) {
          await more.click();
          const menu = traceTools(page).getByRole('group', { name: /^More: / });
          await expect(menu).toBeVisible();
          const box = (await menu.boundingBox())!;
          expect(box.x).toBeGreaterThanOrEqual(0);
          expect(box.x + box.width).toBeLessThanOrEqual(size.width);
          await screenshot(page, `${at}-5-trace-tools-more`);
          await page.keyboard.press('Escape');
        }
        const windowMore = windowToolbar(page).getByRole('button', { name: 'More ▾' });
        if (await windowMore.isVisible()) {
          await windowMore.click();
          await screenshot(page, `${at}-6-toolbar-more`);
          await page.keyboard.press('Escape');
        }
      });

      test('the splitters move by mouse and keyboard and are remembered after a reload', async ({
        page,
        webHost,
      }) => {
        await page.goto(webHost.pageUrl);
        await placeThreeOrders(page, webHost);
        await page.locator('.trace-table tbody tr').first().click();
        await expect(spanGrid(page).getByRole('row')).toHaveCount(6);
        const list = page.getByRole('region', { name: 'Traces' });
        const listSplitter = page.getByRole('separator', { name: 'Resize the trace list' });
        const details = page.locator('#trace-details');
        const detailsSplitter = page.getByRole('separator', {
          name: 'Resize the details (up and down)',
        });
        const nameSplitter = page.getByRole('separator', { name: 'Resize the span name column' });
        const nameCell = spanRow(page, 'place-order').getByRole('gridcell').first();

        const listBefore = await widthOf(list);
        await dragSplitter(page, listSplitter, -60, 0);
        await expect.poll(() => widthOf(list)).toBeCloseTo(listBefore - 60, -1);
        await listSplitter.focus();
        await page.keyboard.press('ArrowRight');
        await expect.poll(() => widthOf(list)).toBeCloseTo(listBefore - 44, -1);

        const detailsBefore = await heightOf(details);
        await dragSplitter(page, detailsSplitter, 0, -80);
        await expect.poll(() => heightOf(details)).toBeCloseTo(detailsBefore + 80, -1);
        await detailsSplitter.focus();
        await page.keyboard.press('ArrowDown');
        await expect.poll(() => heightOf(details)).toBeCloseTo(detailsBefore + 64, -1);

        const nameBefore = await widthOf(nameCell);
        await nameSplitter.focus();
        await page.keyboard.press('Shift+ArrowRight');
        await expect.poll(() => widthOf(nameCell)).toBeCloseTo(nameBefore + 80, -1);
        await screenshot(page, `${at}-7-splitters-moved`);

        const remembered = {
          list: await widthOf(list),
          details: await heightOf(details),
          name: await widthOf(nameCell),
        };
        // The layout is written once the pointer rests (150 ms).
        await page.waitForTimeout(300);
        await page.reload();
        await page.locator('.trace-table tbody tr').first().click();
        await expect(spanGrid(page).getByRole('row')).toHaveCount(6);
        await expect.poll(() => widthOf(list)).toBeCloseTo(remembered.list, 0);
        await expect.poll(() => heightOf(details)).toBeCloseTo(remembered.details, 0);
        await expect.poll(() => widthOf(nameCell)).toBeCloseTo(remembered.name, 0);

        // Details at the right: its own splitter, remembered too.
        await page.getByRole('button', { name: 'Show the details right of the waterfall' }).click();
        const sideSplitter = page.getByRole('separator', {
          name: 'Resize the details (left and right)',
        });
        const sideBefore = await widthOf(details);
        // Narrower (at 1024 px the details already take all the room the waterfall leaves).
        await dragSplitter(page, sideSplitter, 50, 0);
        await expect.poll(() => widthOf(details)).toBeCloseTo(sideBefore - 50, -1);
        const side = await widthOf(details);
        await page.waitForTimeout(300);
        await page.reload();
        await page.locator('.trace-table tbody tr').first().click();
        await expect(
          page.getByRole('button', { name: 'Show the details below the waterfall' }),
        ).toBeVisible();
        await expect.poll(() => widthOf(details)).toBeCloseTo(side, 0);
        await screenshot(page, `${at}-8-details-right-after-reload`);
      });

      test('the critical path of a real order trace goes through its GET spans', async ({
        page,
        webHost,
      }) => {
        await page.goto(webHost.pageUrl);
        await placeThreeOrders(page, webHost);
        const traceId = await newestTraceId(page, webHost);
        await page.locator(`.trace-table tbody tr[data-trace-id="${traceId}"]`).click();
        await expect(spanGrid(page).getByRole('row')).toHaveCount(6);
        await page.getByRole('checkbox', { name: 'Critical path', exact: true }).check();
        const gets = spanRow(page, GET);
        await expect(gets).toHaveCount(2);
        for (const index of [0, 1]) {
          await expect(gets.nth(index)).toHaveClass(/\bcritical\b/);
          await expect(gets.nth(index).locator('.wf-critical')).not.toHaveCount(0);
        }
        // Every step of the order ran after the one before: all six are on the path.
        await expect(spanGrid(page).locator('[role=row].critical')).toHaveCount(6);
        const list = page.getByRole('table', { name: 'Spans on the critical path' });
        await expect(list.locator('tbody tr')).toHaveCount(6);
        await expect(list.locator('tbody tr').filter({ hasText: GET })).toHaveCount(2);
        // The shares add up to the whole trace.
        const shares = await list
          .locator('.share-text')
          .allTextContents()
          .then((texts) => texts.map((text) => Number.parseFloat(text)));
        expect(shares.reduce((sum, share) => sum + share, 0)).toBeCloseTo(100, 0);
        // "Critical path only" keeps the rows of the same path: all six, both GETs included (a path
        // without the clock tolerance leaves the GETs out).
        const only = await shown(
          traceTools(page),
          traceTools(page).getByLabel('Critical path only'),
        );
        await only.check();
        await expect(page.getByRole('status', { name: 'View focus' })).toContainText(
          'Critical path only',
        );
        await expect(spanGrid(page).getByRole('row')).toHaveCount(6);
        await expect(spanRow(page, GET)).toHaveCount(2);
        // The stripe stands out from the page in this theme.
        const stripe = await gets
          .first()
          .locator('.wf-critical')
          .first()
          .evaluate((element) => getComputedStyle(element).backgroundColor);
        const background = await page.evaluate(
          () => getComputedStyle(document.body).backgroundColor,
        );
        expect(stripe).not.toBe(background);
        expect(contrast(stripe, background)).toBeGreaterThan(7);
        await screenshot(page, `${at}-9-critical-path-order`);
      });

      test('a deep link opens the trace and selects the span, after a reload too', async ({
        page,
        webHost,
      }) => {
        await page.goto(webHost.pageUrl);
        const [declined] = await placeThreeOrders(page, webHost);
        const traceId = await newestTraceId(page, webHost);
        const serverSpan = (await spanIdsByName(page, webHost, traceId)).get(GET)![1]!;
        await page.goto(`${webHost.url}/#/trace/${traceId}/span/${serverSpan}`);
        const selected = spanGrid(page).locator('[role=row][aria-selected="true"]');
        await expect(selected).toHaveAttribute('data-span-id', serverSpan);
        await expect(selected).toHaveAttribute('aria-level', '3');
        await expect(page.getByRole('region', { name: 'Span details' })).toContainText(serverSpan);
        await expect(
          page.locator(`.trace-table tbody tr[data-trace-id="${traceId}"]`),
        ).toHaveAttribute('aria-selected', 'true');
        await screenshot(page, `${at}-10-deep-link`);

        // Selecting another span updates the link; opening another trace adds a history entry.
        await spanRow(page, 'INSERT orders').click();
        const insert = (await spanIdsByName(page, webHost, traceId)).get('INSERT orders')![0]!;
        await expect(page).toHaveURL(`${webHost.url}/#/trace/${traceId}/span/${insert}`);
        await page.locator(`.trace-table tbody tr[data-trace-id="${declined}"]`).click();
        await expect(page).toHaveURL(`${webHost.url}/#/trace/${declined}`);
        await expect(spanGrid(page).getByRole('row')).toHaveCount(2);
        await page.goBack();
        await expect(page).toHaveURL(`${webHost.url}/#/trace/${traceId}/span/${insert}`);
        await expect(selected).toHaveAttribute('data-span-id', insert);
        await page.goForward();
        await expect(spanGrid(page).getByRole('row')).toHaveCount(2);
        await expect(page.getByRole('heading', { level: 2 })).toContainText(declined!);
      });
    });
  }
}

/** WCAG contrast ratio of two computed rgb() colors. */
function contrast(a: string, b: string): number {
  const luminance = (color: string) => {
    const [r, g, bl] = (color.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
    const channel = (value: number) => {
      const c = value / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(bl!);
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

test('opening a trace with the box: by whole id, unique prefix, shared prefix and link', async ({
  page,
  webHost,
}) => {
  await page.goto(webHost.pageUrl);
  const ids = await placeThreeOrders(page, webHost);
  const box = page.getByRole('search', { name: 'Open trace by id' });
  const input = box.getByLabel('Trace id, prefix or link');

  await input.fill(ids[0]!.toUpperCase());
  await input.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/trace/${ids[0]}$`));
  await expect(page.getByRole('heading', { level: 2 })).toContainText(ids[0]!);

  // The shortest prefix that only one of the three has.
  const unique = shortestUniquePrefix(ids[1]!, ids);
  await input.fill(unique);
  await input.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/trace/${ids[1]}$`));

  await input.fill('');
  await input.fill('zz-top');
  await input.press('Enter');
  await expect(page.getByRole('alert')).toContainText(
    'Cannot open “zz-top”: a trace id has only the hex digits 0-9 and a-f',
  );
  const absent = ids.every((id) => !id.startsWith('0000')) ? '0000' : 'ffff';
  await input.fill(absent);
  await input.press('Enter');
  await expect(page.getByRole('alert')).toContainText(
    `No trace in the local store has an id starting with ${absent}`,
  );

  // A link from another window (here: the same host) opens its span.
  const spans = await spanIdsByName(page, webHost, ids[2]!);
  const email = spans.get('send confirmation-email')![0]!;
  await input.fill(`${webHost.url}/#/trace/${ids[2]}/span/${email}`);
  await input.press('Enter');
  await expect(spanGrid(page).locator('[role=row][aria-selected="true"]')).toHaveAttribute(
    'data-span-id',
    email,
  );
});

function shortestUniquePrefix(id: string, all: readonly string[]): string {
  for (let length = 1; length <= id.length; length++) {
    const prefix = id.slice(0, length);
    if (all.filter((other) => other.startsWith(prefix)).length === 1) return prefix;
  }
  return id;
}

test('several traces sharing a prefix are offered to choose from', async ({ page, webHost }) => {
  await page.goto(webHost.pageUrl);
  // Trace files with chosen ids: three start with "abc".
  const json = JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'shop' } }] },
        scopeSpans: [
          {
            scope: { name: 't' },
            spans: ['abc1', 'abc2', 'abd3'].map((prefix, index) => ({
              traceId: prefix.padEnd(32, '0'),
              spanId: String(index + 1).padStart(16, '0'),
              name: `root ${prefix}`,
              kind: 1,
              startTimeUnixNano: String(1_750_000_000_000_000_000n + BigInt(index) * 1_000_000n),
              endTimeUnixNano: String(1_750_000_000_005_000_000n + BigInt(index) * 1_000_000n),
            })),
          },
        ],
      },
    ],
  });
  const imported = await page.request.post(`${webHost.url}/api/importTraceText`, {
    data: { fileName: 'prefixes.json', text: json },
    headers: { origin: webHost.url, ...webHost.authHeaders },
  });
  expect(imported.ok()).toBe(true);
  const input = page.getByLabel('Trace id, prefix or link');
  await input.fill('ab');
  await input.press('Enter');
  const choices = page.getByRole('group', { name: 'Traces with this id prefix' });
  await expect(choices).toContainText('3 traces start with ab');
  await choices.getByRole('button', { name: 'abc2'.padEnd(32, '0') }).click();
  await expect(page).toHaveURL(new RegExp(`#/trace/${'abc2'.padEnd(32, '0')}$`));
  await expect(choices).toBeHidden();
});

test('"Copy link" copies a link that opens the same span in a new window', async ({
  page,
  context,
  webHost,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: webHost.url });
  await page.goto(webHost.pageUrl);
  await placeThreeOrders(page, webHost);
  await page.locator('.trace-table tbody tr').first().click();
  await spanRow(page, 'authorize-payment').click();
  const details = page.getByRole('region', { name: 'Span details' });
  await details.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied the link' })).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(new RegExp(`^${webHost.url}/#/trace/[0-9a-f]{32}/span/[0-9a-f]{16}$`));
  const spanId = link.split('/span/')[1]!;

  const other = await context.newPage();
  await other.goto(link);
  await expect(
    other.getByRole('treegrid', { name: 'Spans' }).locator('[aria-selected="true"]'),
  ).toHaveAttribute('data-span-id', spanId);
  await expect(other.getByRole('region', { name: 'Span details' })).toContainText(
    'authorize-payment',
  );
  await other.close();
});

test('the trace list sorts by start, duration, span count and errors, and copies an id', async ({
  page,
  context,
  webHost,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: webHost.url });
  await page.setViewportSize({ width: 1600, height: 900 });
  await page.goto(webHost.pageUrl);
  const [declined, slow, plain] = await placeThreeOrders(page, webHost);
  const order = () =>
    page
      .locator('.trace-table tbody tr')
      .evaluateAll((rows) => rows.map((row) => row.dataset.traceId));
  const sortBy = (label: string) =>
    page
      .locator('.trace-table thead')
      .getByRole('button', { name: new RegExp(`^${label}`) })
      .click();

  await expect.poll(order).toEqual([plain, slow, declined]);
  await sortBy('Start');
  await expect.poll(order).toEqual([declined, slow, plain]);
  await sortBy('Duration');
  expect((await order())[0]).toBe(slow);
  await expect(page.locator('.trace-table th[aria-sort="descending"]')).toContainText('Duration');
  await sortBy('Spans');
  expect((await order()).at(-1)).toBe(declined);
  await sortBy('Errors');
  expect((await order())[0]).toBe(declined);
  // New traces land in their place in the chosen order.
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page.locator('.trace-table tbody tr')).toHaveCount(4);
  expect((await order())[0]).toBe(declined);

  const row = page.locator(`.trace-table tbody tr[data-trace-id="${slow}"]`);
  await row.getByRole('button', { name: `Copy trace id ${slow}` }).click();
  await expect(row.getByRole('button', { name: `Copy trace id ${slow}` })).toHaveText('copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(slow);
  // Copying did not open the trace.
  await expect(row).toHaveAttribute('aria-selected', 'false');
  await expect(row.locator('.cell-id')).toHaveText(/^(copied|[0-9a-f]{8})$/);
});

test('span-name filters match parts of names in any case, and /regex/', async ({
  page,
  webHost,
}) => {
  await page.goto(webHost.pageUrl);
  await placeThreeOrders(page, webHost);
  const name = page.getByRole('form', { name: 'Filters' }).getByLabel('Span name', { exact: true });
  const count = page.locator('.trace-count');
  await name.fill('insert');
  await expect(count).toHaveText('2 of 3 traces');
  await name.fill('PLACE');
  await expect(count).toHaveText('3 of 3 traces');
  await name.fill('/^authorize-pay(ment)?$/');
  await expect(count).toHaveText('3 of 3 traces');
  await name.fill('/^Insert/');
  await expect(count).toHaveText('0 of 3 traces');
  await name.fill('/^Insert/i');
  await expect(count).toHaveText('2 of 3 traces');
  await name.fill('/(unclosed/');
  await expect(page.locator('.filter-problem')).toContainText('not a valid regular expression');
  // Left out of the query, as every field that does not parse: all traces match.
  await expect(count).toHaveText('3 of 3 traces');
});

test('the web UI exports the open trace as OTLP JSON and as Jaeger JSON', async ({
  page,
  webHost,
}) => {
  await page.goto(webHost.pageUrl);
  await placeThreeOrders(page, webHost);
  const traceId = await newestTraceId(page, webHost);
  await page.locator(`.trace-table tbody tr[data-trace-id="${traceId}"]`).click();
  for (const [format, fileName] of [
    ['OTLP JSON', `trace-${traceId}.otlp.json`],
    ['Jaeger JSON', `trace-${traceId}.jaeger.json`],
  ] as const) {
    await page.getByRole('button', { name: 'Export ▾' }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: format }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(fileName);
    const text = await (await file.createReadStream()).toArray();
    const parsed = JSON.parse(Buffer.concat(text).toString('utf8')) as Record<string, unknown>;
    if (format === 'OTLP JSON') expect(parsed).toHaveProperty('resourceSpans');
    else expect((parsed.data as { traceID: string }[])[0]!.traceID).toBe(traceId);
  }
  await expect(
    page.getByRole('status').filter({ hasText: 'Exported as Jaeger JSON' }),
  ).toBeVisible();
});

test('the page has a favicon', async ({ page, webHost }) => {
  const failed: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
  });
  await page.goto(webHost.pageUrl);
  const href = await page.locator('link[rel="icon"]').getAttribute('href');
  const icon = await page.request.get(new URL(href!, webHost.url).href);
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toBe('image/svg+xml');
  await page.waitForTimeout(300);
  expect(failed).toEqual([]);
});
