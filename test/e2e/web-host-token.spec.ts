// The web host's API token as a user and a script meet it: the printed address carries it, the page
// takes it out of the address and keeps it for the tab, requests without it get 401, and `--token`
// lets a script choose it. Also: `--open` of a file nested 100,000 levels deep still starts the host.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deepOtlpFile } from '../helpers/deep-values';
import { expect, startWebHost, test } from './web-host-fixture';

test('the page takes the token out of its address, keeps it for the tab, and sends it only in headers', async ({
  page,
  webHost,
}) => {
  const requestUrls: string[] = [];
  const logs: string[] = [];
  page.on('request', (request) => requestUrls.push(request.url()));
  page.on('console', (message) => logs.push(message.text()));
  await page.goto(webHost.pageUrl);
  await expect(page.getByRole('button', { name: 'Place order' })).toBeVisible();
  expect(page.url()).toBe(`${webHost.url}/`);
  expect(await page.evaluate(() => sessionStorage.getItem('spanlight.apiToken'))).toBe(
    webHost.token,
  );

  // Commands and the event stream work with the token from the tab's storage, also after a reload.
  await page.reload();
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page.locator('.trace-table tbody tr')).toHaveCount(1);
  expect(page.url()).toBe(`${webHost.url}/`);
  const urlsAfterStart = requestUrls.slice(1);
  expect(urlsAfterStart.some((url) => url.endsWith('/api/events'))).toBe(true);
  for (const url of urlsAfterStart) expect(url).not.toContain(webHost.token);
  for (const line of logs) expect(line).not.toContain(webHost.token);
});

test('a page opened without the token says which address to open, and the API answers 401', async ({
  page,
  webHost,
}) => {
  await page.goto(webHost.url);
  await expect(page.getByRole('alert')).toContainText(
    'Spanlight needs the address the web host printed',
  );
  const refused = await page.request.post(`${webHost.url}/api/listTraces`, { data: {} });
  expect(refused.status()).toBe(401);
  const allowed = await page.request.post(`${webHost.url}/api/listTraces`, {
    data: {},
    headers: webHost.authHeaders,
  });
  expect(allowed.status()).toBe(200);
});

test('--token sets the token a script uses', async ({ request }) => {
  const token = 'script-chosen-token-0123456789';
  const host = await startWebHost(['--token', token]);
  try {
    expect(host.token).toBe(token);
    expect(host.output()).toContain(`Spanlight listening on ${host.url}/?token=${token}`);
    const answer = await request.post(`${host.url}/api/listTraces`, {
      data: {},
      headers: { authorization: `Bearer ${token}` },
    });
    expect(answer.status()).toBe(200);
  } finally {
    await host.stop();
  }
});

test('each launch makes a new random token', async () => {
  const first = await startWebHost();
  const second = await startWebHost();
  try {
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(second.token).not.toBe(first.token);
  } finally {
    await first.stop();
    await second.stop();
  }
});

test('--open of a file with an attribute nested 100,000 levels deep still starts the host', async ({
  page,
}) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'spanlight-deep-'));
  const deep = path.join(dir, 'deep.json');
  await writeFile(deep, deepOtlpFile(100_000));
  const host = await startWebHost(['--open', deep]);
  try {
    // Either the reader cut the value (the file opens) or it refused the file, naming it.
    await expect
      .poll(() => host.output())
      .toMatch(
        new RegExp(`(Opened|Could not open) ${deep.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`),
      );
    await page.goto(host.pageUrl);
    await page.getByRole('button', { name: 'Place order' }).click();
    await expect(
      page.locator('.trace-table tbody tr').filter({ hasText: 'place-order' }),
    ).toHaveCount(1);
  } finally {
    await host.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
