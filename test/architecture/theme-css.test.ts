// The user's theme choice works only if every colour follows color-scheme (light-dark() pairs,
// switched by data-theme in renderer/styles.css): a prefers-color-scheme media query would follow
// the OS and ignore the choice in the web host.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const renderer = path.resolve(__dirname, '..', '..', 'renderer');
const stylesheets = readdirSync(renderer, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && entry.name.endsWith('.css'))
  .map((entry) => path.join(entry.parentPath, entry.name));

describe('renderer stylesheets', () => {
  it('use no prefers-color-scheme media query, so the theme override reaches every colour', () => {
    const offending = stylesheets.filter((file) =>
      /@media[^{]*prefers-color-scheme/.test(readFileSync(file, 'utf8')),
    );
    expect(offending.map((file) => path.relative(renderer, file))).toEqual([]);
  });

  it('switch color-scheme on the data-theme the theme selector sets', () => {
    const styles = readFileSync(path.join(renderer, 'styles.css'), 'utf8');
    expect(styles).toMatch(/:root\[data-theme='light'\]\s*\{\s*color-scheme: light;/);
    expect(styles).toMatch(/:root\[data-theme='dark'\]\s*\{\s*color-scheme: dark;/);
  });
});
