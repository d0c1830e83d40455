// The theme selector's end-to-end steps, shared by the web (Chromium) and Electron specs.
import { expect, type Page } from '@playwright/test';
import { shown, windowToolbar } from './toolbar-steps';

export const LIGHT_BACKGROUND = 'rgb(255, 255, 255)';
export const DARK_BACKGROUND = 'rgb(22, 25, 31)';

/** The theme selector, on the toolbar or in its "More" menu (the menu is opened when needed). */
export function themeSelect(page: Page) {
  const select = windowToolbar(page).getByLabel('Theme');
  return {
    select,
    selectOption: async (value: string) =>
      (await shown(windowToolbar(page), select)).selectOption(value),
  };
}

export async function expectBackground(page: Page, color: string): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor))
    .toBe(color);
}

/** Choosing Dark or Light wins over the system's setting; System follows it again. */
export async function themeChoiceOverridesTheSystem(page: Page): Promise<void> {
  await expect(themeSelect(page).select).toHaveValue('system');
  await expectBackground(page, LIGHT_BACKGROUND);

  await themeSelect(page).selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expectBackground(page, DARK_BACKGROUND);

  await themeSelect(page).selectOption('light');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expectBackground(page, LIGHT_BACKGROUND);

  await themeSelect(page).selectOption('system');
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /.*/);
}
