// Toolbars never wrap: a control that does not fit moves into the toolbar's "More" menu. Steps that
// use such a control first make it shown, opening that menu when it is there.
import { expect, type Locator, type Page } from '@playwright/test';

/** The window's toolbar (the page's banner). */
export function windowToolbar(page: Page): Locator {
  return page.getByRole('banner');
}

/** The toolbar above the waterfall. */
export function traceTools(page: Page): Locator {
  return page.getByRole('toolbar', { name: 'Trace tools' });
}

/** `control` (inside `toolbar`), on the toolbar's row or in its opened "More" menu. */
export async function shown(toolbar: Locator, control: Locator): Promise<Locator> {
  if (!(await control.isVisible())) {
    const more = toolbar.getByRole('button', { name: 'More ▾' });
    if ((await more.getAttribute('aria-expanded')) !== 'true') await more.click();
  }
  await expect(control).toBeVisible();
  return control;
}

/** Closes the toolbar's "More" menu if it is open. */
export async function closeMore(toolbar: Locator): Promise<void> {
  const more = toolbar.getByRole('button', { name: 'More ▾' });
  if ((await more.count()) > 0 && (await more.getAttribute('aria-expanded')) === 'true')
    await more.click();
}
