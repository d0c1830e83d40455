import { readFileSync } from 'node:fs';
import path from 'node:path';

export const fixtureDir = path.resolve(__dirname, '..', '..', 'fixtures', 'trace-files');

export function fixture(name: string): string {
  return readFileSync(path.join(fixtureDir, name), 'utf8');
}
