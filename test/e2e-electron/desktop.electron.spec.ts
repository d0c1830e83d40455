// The desktop conventions through the real Electron app: File menu (open, export), Help › About,
// theme, remembered bounds, single instance, and the window's security. Runs wherever an Electron
// binary is installed; elsewhere it reports itself skipped, with the reason. Native dialogs are
// replaced in the main process (app.evaluate) by stand-ins that answer like the user would.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  _electron as electron,
  expect,
  test,
  type ElectronApplication,
  type Page,
} from '@playwright/test';
import { placeOrders } from '../e2e/order-flow-steps';
import { DARK_BACKGROUND, expectBackground, themeSelect } from '../e2e/theme-steps';
import { electronBinaryUnavailableReason } from './electron-binary';

const unavailable = electronBinaryUnavailableReason();
test.skip(unavailable !== undefined, unavailable);

const root = path.resolve(__dirname, '..', '..');
const checkoutFile = path.join(root, 'test', 'fixtures', 'trace-files', 'otlp-checkout.json');
const checkoutTraceId = '5b8efff798038103d269b633813fc60c';

let app: ElectronApplication;
let page: Page;
let dataDir: string;
let workDir: string;

async function launch(): Promise<void> {
  app = await electron.launch({
    args: ['.'],
    cwd: root,
    env: { ...process.env, SPANLIGHT_DATA_DIR: dataDir },
  });
  page = await app.firstWindow();
  await expect(page.getByRole('button', { name: 'Place order' })).toBeVisible();
}

async function clickMenuItem(id: string): Promise<void> {
  await app.evaluate(({ Menu, BrowserWindow }, itemId) => {
    const item = Menu.getApplicationMenu()?.getMenuItemById(itemId);
    if (!item) throw new Error(`no menu item ${itemId}`);
    item.click(undefined, BrowserWindow.getAllWindows()[0]);
  }, id);
}

test.beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'spanlight-electron-'));
  workDir = await mkdtemp(path.join(tmpdir(), 'spanlight-electron-files-'));
  await launch();
});

test.afterEach(async () => {
  await app?.close();
  await rm(dataDir, { recursive: true, force: true });
  await rm(workDir, { recursive: true, force: true });
});

test('File › Open Trace File… opens the chosen file and shows its trace', async () => {
  await app.evaluate(({ dialog }, file) => {
    dialog.showOpenDialog = async () => ({ canceled: false, filePaths: [file] });
  }, checkoutFile);
  await clickMenuItem('open-trace-file');
  await expect(page.getByText(/Opened 1 trace, \d+ spans? from otlp-checkout\.json/)).toBeVisible();
  await expect(page.getByText(checkoutTraceId)).toBeVisible();
});

test('File › Export Trace… saves the selected trace as the chosen file name says', async () => {
  await placeOrders(page, 1);
  await page.locator('.trace-table tbody tr').first().click();
  const target = path.join(workDir, 'order.jaeger.json');
  await app.evaluate(({ dialog }, file) => {
    dialog.showSaveDialog = async (...args: unknown[]) => {
      const options = args.at(-1) as Electron.SaveDialogOptions;
      (globalThis as { seenSaveDialog?: string[] }).seenSaveDialog = [
        options.defaultPath ?? '',
        ...(options.filters ?? []).map((filter) => filter.name),
      ];
      return { canceled: false, filePath: file };
    };
  }, target);
  await clickMenuItem('export-trace');
  await expect(page.getByText(`Exported 6 spans as Jaeger JSON to ${target}`)).toBeVisible();
  const saved = JSON.parse(await readFile(target, 'utf8')) as { data: { spans: unknown[] }[] };
  expect(saved.data[0]!.spans).toHaveLength(6);
  const dialogSaw = await app.evaluate(
    () => (globalThis as { seenSaveDialog?: string[] }).seenSaveDialog,
  );
  expect(dialogSaw![0]).toMatch(/^trace-[0-9a-f]{32}\.otlp\.json$/);
  expect(dialogSaw!.slice(1).join(' ')).toMatch(/OTLP JSON.*Jaeger JSON/);
});

test('File › Export Trace… with no trace selected says to select one', async () => {
  await clickMenuItem('export-trace');
  await expect(page.getByText('Select a trace in the list to export it.')).toBeVisible();
});

test('Help › About shows the app, Electron, Chromium, Node and OpenTelemetry versions', async () => {
  await app.evaluate(({ dialog }) => {
    dialog.showMessageBox = async (...args: unknown[]) => {
      (globalThis as { aboutDetail?: string }).aboutDetail = (
        args.at(-1) as Electron.MessageBoxOptions
      ).detail;
      return { response: 0, checkboxChecked: false };
    };
  });
  await clickMenuItem('about');
  const detail = await app.evaluate(() => (globalThis as { aboutDetail?: string }).aboutDetail);
  const otelVersion = (
    createRequire(__filename)('@opentelemetry/core/package.json') as { version: string }
  ).version;
  const versions = await app.evaluate(() => process.versions);
  expect(detail).toContain(`Electron ${versions.electron}`);
  expect(detail).toContain(`Chromium ${versions.chrome}`);
  expect(detail).toContain(`Node.js ${versions.node}`);
  expect(detail).toContain(`OpenTelemetry JS SDK ${otelVersion}`);
});

test('the theme choice drives nativeTheme and prefers-color-scheme, and outlives a restart', async () => {
  await themeSelect(page).selectOption('dark');
  await expect.poll(() => app.evaluate(({ nativeTheme }) => nativeTheme.themeSource)).toBe('dark');
  await expect
    .poll(() => page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches))
    .toBe(true);
  await expectBackground(page, DARK_BACKGROUND);
  await app.close();
  await launch();
  await expect(themeSelect(page).select).toHaveValue('dark');
  expect(await app.evaluate(({ nativeTheme }) => nativeTheme.themeSource)).toBe('dark');
});

test('the window comes back where it was left', async () => {
  const bounds = { x: 40, y: 60, width: 900, height: 640 };
  await app.evaluate(({ BrowserWindow }, wanted) => {
    BrowserWindow.getAllWindows()[0]!.setBounds(wanted);
  }, bounds);
  await app.close();
  await launch();
  const restored = await app.evaluate(({ BrowserWindow }) =>
    BrowserWindow.getAllWindows()[0]!.getBounds(),
  );
  expect(restored).toMatchObject({ width: bounds.width, height: bounds.height });
});

test('a second launch hands its files to the running window and exits', async () => {
  const electronBinary = createRequire(__filename)('electron') as unknown as string;
  const second = spawn(electronBinary, ['.', checkoutFile], {
    cwd: root,
    env: { ...process.env, SPANLIGHT_DATA_DIR: dataDir },
    stdio: 'ignore',
  });
  const exitCode = await new Promise<number | null>((resolve) => second.once('exit', resolve));
  expect(exitCode).toBe(0);
  expect(app.windows()).toHaveLength(1);
  await expect(page.getByText(/Opened 1 trace, \d+ spans? from otlp-checkout\.json/)).toBeVisible();
  await expect(page.getByText(checkoutTraceId)).toBeVisible();
});

test('the page cannot open windows or navigate; web links go to the browser', async () => {
  await app.evaluate(({ shell }) => {
    const opened: string[] = [];
    (globalThis as { openedExternally?: string[] }).openedExternally = opened;
    shell.openExternal = async (url: string) => {
      opened.push(url);
    };
  });
  const urlBefore = page.url();
  await page.evaluate(() => {
    window.open('https://opentelemetry.io/');
    window.open('file:///etc/passwd');
    location.href = 'https://example.com/';
  });
  await expect
    .poll(() =>
      app.evaluate(() => (globalThis as { openedExternally?: string[] }).openedExternally),
    )
    .toEqual(['https://opentelemetry.io/']);
  expect(app.windows()).toHaveLength(1);
  expect(page.url()).toBe(urlBefore);
});
