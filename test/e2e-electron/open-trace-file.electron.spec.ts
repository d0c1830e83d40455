// Opening trace files in the desktop app: paths on the command line (`npm start -- FILE…`), the
// Open… button and drag and drop. Runs wherever an Electron binary is installed; elsewhere it
// reports itself skipped, with the reason. (File › Open is in desktop.electron.spec.ts.)
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import {
  checkoutTraceIsShown,
  dropFiles,
  failedNotice,
  openButtonShowsTheChosenTrace,
  openedNotice,
  traceFixture,
} from '../e2e/open-trace-file-steps';
import { electronBinaryUnavailableReason } from './electron-binary';

const unavailable = electronBinaryUnavailableReason();
test.skip(unavailable !== undefined, unavailable);

let app: ElectronApplication | undefined;
let dataDir: string;

async function launch(files: readonly string[] = []) {
  dataDir = await mkdtemp(path.join(tmpdir(), 'spanlight-electron-'));
  app = await electron.launch({
    args: ['.', ...files],
    env: { ...process.env, SPANLIGHT_DATA_DIR: dataDir },
  });
  return app.firstWindow();
}

test.afterEach(async () => {
  await app?.close();
  app = undefined;
  await rm(dataDir, { recursive: true, force: true });
});

test('files named on the command line are opened at start, a bad one reported', async () => {
  const page = await launch([traceFixture('otlp-checkout.json'), traceFixture('bad-span-id.json')]);
  await expect(openedNotice(page)).toContainText('Opened 1 trace, 4 spans from otlp-checkout.json');
  await expect(failedNotice(page)).toContainText('bad-span-id.json');
  await checkoutTraceIsShown(page);
});

test('the Open button opens the chosen file', async () => {
  const page = await launch();
  await openButtonShowsTheChosenTrace(page);
});

test('dropping a file on the window opens it and does not navigate away', async () => {
  const page = await launch();
  const url = page.url();
  await dropFiles(page, {
    'dispatch.json': readFileSync(traceFixture('jaeger-ui-download.json'), 'utf8'),
  });
  await expect(openedNotice(page)).toContainText('Opened 2 traces, 4 spans from dispatch.json');
  expect(page.url()).toBe(url);
});
