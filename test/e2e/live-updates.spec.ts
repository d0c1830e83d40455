// A stream of new traces reaches the window coalesced: the core sends at most ten tracesChanged
// events a second and the client store merges their summaries, so the list changes at most about
// ten times a second however fast traces arrive, and ends with every one of them.
import { expect, test } from './web-host-fixture';

const TRACES = 600;
const CONCURRENT = 8;

function traceFile(n: number): string {
  const traceId = (0x5000 + n).toString(16).padStart(32, '0');
  const start = 1_750_000_000_000_000_000n + BigInt(n) * 1_000_000n;
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'stream' } }] },
        scopeSpans: [
          {
            scope: { name: 'live-updates' },
            spans: [0, 1, 2].map((i) => ({
              traceId,
              spanId: (n * 4 + i + 1).toString(16).padStart(16, '0'),
              ...(i > 0 && { parentSpanId: (n * 4 + 1).toString(16).padStart(16, '0') }),
              name: i === 0 ? 'ingest' : `step ${i}`,
              kind: 1,
              startTimeUnixNano: String(start + BigInt(i) * 1000n),
              endTimeUnixNano: String(start + 500_000n),
            })),
          },
        ],
      },
    ],
  });
}

test('a burst of 600 new traces updates the list at most about ten times a second', async ({
  page,
  webHost,
}) => {
  await page.goto(webHost.pageUrl);
  await expect(page.getByText('No traces yet')).toBeVisible();
  // Every change of the list shows in its count ("N traces"): record when each happens.
  await page.evaluate(() => {
    const times: number[] = [];
    (window as unknown as { listChanges: number[] }).listChanges = times;
    new MutationObserver(() => times.push(performance.now())).observe(
      document.querySelector('.trace-list')!,
      { subtree: true, childList: true, characterData: true },
    );
  });
  let next = 0;
  const sender = async () => {
    while (next < TRACES) {
      const n = next++;
      const response = await fetch(`${webHost.url}/api/importTraceText`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          origin: webHost.url,
          ...webHost.authHeaders,
        },
        body: JSON.stringify({ fileName: `t${n}.json`, text: traceFile(n) }),
      });
      expect(response.ok).toBe(true);
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: CONCURRENT }, sender));
  const sendingMillis = Date.now() - started;
  await expect(page.locator('.trace-count')).toHaveText(`${TRACES} traces`);

  const changes = await page.evaluate(
    () => (window as unknown as { listChanges: number[] }).listChanges,
  );
  // The count of list changes in any one second, over the whole burst.
  let busiest = 0;
  for (const from of changes) {
    busiest = Math.max(
      busiest,
      changes.filter((time) => time >= from && time < from + 1000).length,
    );
  }
  test.info().annotations.push({
    type: 'measured',
    description: `${TRACES} traces sent in ${sendingMillis} ms; ${changes.length} list changes, at most ${busiest} in one second`,
  });
  // Each list update is one React commit (one observer callback). Ten a second, plus one for a
  // window that starts on an update and one for the list's own relayout when its scrollbar appears.
  expect(busiest).toBeLessThanOrEqual(12);
  // The burst took long enough to tell coalescing from doing nothing.
  expect(sendingMillis).toBeGreaterThan(500);
});
