// The same steps as test/e2e/order-flow.spec.ts, through the real Electron app. Runs wherever an
// Electron binary is installed; elsewhere it reports itself skipped, with the reason.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron as electron, test, type ElectronApplication, type Page } from '@playwright/test';
import {
  declinedPaymentIsMarkedFailed,
  openedTraceShowsSpansAndEvents,
  threeOrdersAreListed,
} from '../e2e/order-flow-steps';
import { commandNames } from '../../app/contract';
import { electronBinaryUnavailableReason } from './electron-binary';

const unavailable = electronBinaryUnavailableReason();
test.skip(unavailable !== undefined, unavailable);

let app: ElectronApplication;
let page: Page;
let dataDir: string;

test.beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'spanlight-electron-'));
  app = await electron.launch({
    args: ['.'],
    env: { ...process.env, SPANLIGHT_DATA_DIR: dataDir },
  });
  page = await app.firstWindow();
});

test.afterEach(async () => {
  await app?.close();
  await rm(dataDir, { recursive: true, force: true });
});

test('pressing Place order three times lists three traces', async () => {
  await threeOrdersAreListed(page);
});

test('opening a trace shows its spans and events', async () => {
  await openedTraceShowsSpansAndEvents(page);
});

test('a declined payment marks the trace as failed', async () => {
  await declinedPaymentIsMarkedFailed(page);
});

test('the window runs sandboxed with context isolation and no Node in the page', async () => {
  const hasNode = await page.evaluate(
    () => typeof (globalThis as { require?: unknown }).require !== 'undefined',
  );
  test.expect(hasNode).toBe(false);
  const bridgeKeys = await page.evaluate(() =>
    Object.keys((window as unknown as { spanlight: object }).spanlight).sort(),
  );
  test.expect(bridgeKeys).toEqual([...commandNames, 'subscribe'].sort());
});
