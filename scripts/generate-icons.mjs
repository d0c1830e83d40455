// Renders build/icon.svg, the one icon source, into what electron-builder needs per platform
// (build/generated-icons/, not committed): icon.icns (macOS), icon.ico (Windows, with a 256 px
// image for the installer and the exe) and linux/<size>x<size>.png (the Linux icon theme sizes).
import { Resvg } from '@resvg/resvg-js';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import png2icons from 'png2icons';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = path.join(root, 'build', 'icon.svg');
const out = path.join(root, 'build', 'generated-icons');
const linuxSizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

const svg = await readFile(source);
const render = (size) => new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();

await rm(out, { recursive: true, force: true });
await mkdir(path.join(out, 'linux'), { recursive: true });
for (const size of linuxSizes) {
  await writeFile(path.join(out, 'linux', `${size}x${size}.png`), render(size));
}
const master = render(1024);
await writeFile(path.join(out, 'icon.png'), master);

const icns = png2icons.createICNS(master, png2icons.BICUBIC, 0);
const ico = png2icons.createICO(master, png2icons.BICUBIC, 0, true, true);
if (!icns || !ico) throw new Error(`could not convert ${source} to ICNS/ICO`);
await writeFile(path.join(out, 'icon.icns'), icns);
await writeFile(path.join(out, 'icon.ico'), ico);
console.log(`generated icons in ${path.relative(root, out)}/`);
