// npm run lint:electron: Doyensec's Electronegativity over the Electron-facing sources
// (electronegativity.json says which), failing on any finding at or above the configured
// severity that the config does not explain, on any file it could not parse, and on any
// explanation that no longer matches a finding.
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderIndexHtml } from './renderer-index-html.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const config = JSON.parse(await readFile(path.join(root, 'electronegativity.json'), 'utf8'));
const stage = path.join(root, '.tmp', 'electronegativity-input');
const require = createRequire(import.meta.url);

// Electronegativity fetches translations from the network on every run; this machine (and CI) has
// none. Hand it a `got` that fails at once, so it uses its bundled English text without waiting.
const engEntry = require.resolve('@doyensec/electronegativity');
const gotPath = createRequire(engEntry).resolve('got');
const offline = () => Promise.reject(new Error('lint:electron runs offline'));
require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offline };
const runElectronegativity = require('@doyensec/electronegativity');
const { severity: severities } = require(
  path.join(path.dirname(engEntry), 'finder', 'attributes.js'),
);

// Scan a copy of the configured paths, with index.html as it ships (its policy filled in).
await rm(stage, { recursive: true, force: true });
await mkdir(stage, { recursive: true });
for (const entry of config.scan)
  await cp(path.join(root, entry), path.join(stage, entry), { recursive: true });
if (config.scan.includes('renderer')) {
  await writeFile(path.join(stage, 'renderer', 'index.html'), await renderIndexHtml(root));
}

const result = await runElectronegativity({
  input: stage,
  isRelative: true,
  customScan: [],
  excludeFromScan: config.excludedChecks.map((excluded) => excluded.check),
  severitySet: 'informational',
  confidenceSet: 'tentative',
  electronVersionOverride: require('electron/package.json').version,
});

const failAt = severities[config.failAtSeverity].value;
const isExplained = (issue) =>
  config.explainedFindings.some(
    (explained) =>
      explained.check === issue.id && explained.file === issue.file.replaceAll('\\', '/'),
  );
const describe = (issue) =>
  `${issue.severity.name} ${issue.confidence.name} ${issue.id} ${issue.file}:${issue.location.line}:${issue.location.column}${issue.manualReview ? ' (review)' : ''}`;

const blocking = result.issues.filter((issue) => issue.severity.value >= failAt);
const unexplained = blocking.filter((issue) => !isExplained(issue));
const stale = config.explainedFindings.filter(
  (explained) =>
    !blocking.some((issue) => issue.id === explained.check && issue.file === explained.file),
);
const parseErrors = result.errors.filter((error) => !error.tolerable);

for (const issue of result.issues) {
  const mark = issue.severity.value < failAt ? 'note' : isExplained(issue) ? 'explained' : 'FAIL';
  console.log(`${mark.padEnd(9)} ${describe(issue)}`);
}
for (const error of parseErrors)
  console.log(`FAIL      could not parse ${error.file}: ${error.message}`);
for (const explained of stale) {
  console.log(
    `FAIL      ${explained.check} ${explained.file} is explained in electronegativity.json but no longer found: remove the explanation`,
  );
}
console.log(
  `electronegativity: ${result.issues.length} findings over ${config.scan.join(', ')}; ` +
    `${blocking.length - unexplained.length} explained, ${unexplained.length} unexplained at ${config.failAtSeverity} or above`,
);
if (unexplained.length > 0 || parseErrors.length > 0 || stale.length > 0) process.exit(1);
