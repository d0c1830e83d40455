// renderer/index.html with the Content-Security-Policy filled in. The policy has one source,
// main/content-security-policy.ts (the web host also sends it as a header).
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export async function renderIndexHtml(root) {
  const policyModule = await build({
    entryPoints: [path.join(root, 'main', 'content-security-policy.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    logLevel: 'warning',
  });
  const { META_CONTENT_SECURITY_POLICY } = await import(
    `data:text/javascript,${encodeURIComponent(policyModule.outputFiles[0].text)}`
  );
  const html = await readFile(path.join(root, 'renderer', 'index.html'), 'utf8');
  return html.replace('%CONTENT_SECURITY_POLICY%', META_CONTENT_SECURITY_POLICY);
}
