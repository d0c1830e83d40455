// The theme selector's end-to-end steps, shared by the web (Chromium) and Electron specs.
import { expect, type Page } from '@playwright/test';

export const LIGHT_BACKGROUND = 'rgb(255, 255, 255)';
export const DARK_BACKGROUND = 'rgb(22, 25, 31)';

export function themeSelect(page: Page) {
  return page.getByLabel('Theme');
}

export async function expectBackground(page: Page, color: string): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor))
    .toBe(color);
}

/** Choosing Dark or Light wins over the system's setting; System follows it again. */
export async function themeChoiceOverridesTheSystem(page: Page): Promise<void> {
  await expect(themeSelect(page)).toHaveValue('system');
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
