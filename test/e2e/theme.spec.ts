import { expect, test } from './web-host-fixture';
import {
  DARK_BACKGROUND,
  expectBackground,
  LIGHT_BACKGROUND,
  themeChoiceOverridesTheSystem,
  themeSelect,
} from './theme-steps';

test.describe('theme in the web host', () => {
  test('a chosen theme wins over the system setting, and System follows it again', async ({
    page,
    webHost,
  }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(webHost.pageUrl);
    await themeChoiceOverridesTheSystem(page);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectBackground(page, DARK_BACKGROUND);
  });

  test('Light stays light on a dark system', async ({ page, webHost }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(webHost.pageUrl);
    await expectBackground(page, DARK_BACKGROUND);
    await themeSelect(page).selectOption('light');
    await expectBackground(page, LIGHT_BACKGROUND);
  });

  test('the choice is saved and comes back after a reload', async ({ page, webHost }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(webHost.pageUrl);
    // The page turns dark at once, before the core has saved the choice: reload only once it has.
    const saved = page.waitForResponse(
      (response) => response.url().endsWith('/api/updateSettings') && response.ok(),
    );
    await themeSelect(page).selectOption('dark');
    await expectBackground(page, DARK_BACKGROUND);
    await saved;
    await page.reload();
    await expect(themeSelect(page).select).toHaveValue('dark');
    await expectBackground(page, DARK_BACKGROUND);
  });
});
