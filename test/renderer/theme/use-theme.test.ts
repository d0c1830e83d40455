import { describe, expect, it } from 'vitest';
import { applyTheme } from '../../../renderer/theme/use-theme';

/** Only the dataset of <html>, which is all applyTheme touches. */
function standInRoot() {
  return { dataset: {} as DOMStringMap } as HTMLElement;
}

describe('applyTheme', () => {
  it('sets data-theme for Light and Dark', () => {
    const root = standInRoot();
    applyTheme(root, 'dark');
    expect(root.dataset.theme).toBe('dark');
    applyTheme(root, 'light');
    expect(root.dataset.theme).toBe('light');
  });

  it('removes data-theme for System, so the OS setting decides again', () => {
    const root = standInRoot();
    applyTheme(root, 'dark');
    applyTheme(root, 'system');
    expect('theme' in root.dataset).toBe(false);
  });
});
