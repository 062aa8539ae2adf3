#!/usr/bin/env node
// The command line as one CommonJS file, dist/bundle/juesuan.cjs, with the data files its
// libraries read beside it. Loading one file (with V8's code cache, see src/cli/launch.ts)
// instead of some 400 modules is most of what a cold `juesuan render` saves at start-up.
import { build } from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'dist/bundle');

await build({
  entryPoints: [join(ROOT, 'src/cli/main.ts')],
  outfile: join(OUT, 'juesuan.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // Every module's import.meta.url becomes the bundle's own: pdfkit finds its colour profile in
  // ./data beside it (copied below); juesuan finds its folder by walking up (src/package-root.ts).
  define: { 'import.meta.url': '__bundle_url' },
  banner: { js: "const __bundle_url = require('node:url').pathToFileURL(__filename).href;" },
  // Stand-ins that keep a library's contract but not its start-up cost (scripts/bundle-shims/).
  alias: {
    'tiny-inflate': join(ROOT, 'scripts/bundle-shims/tiny-inflate.cjs'),
    '@noble/ciphers/aes': join(ROOT, 'scripts/bundle-shims/noble-aes.cjs'),
  },
  legalComments: 'none',
  logLevel: 'warning',
});

mkdirSync(join(OUT, 'data'), { recursive: true });
const pdfkitDir = dirname(createRequire(import.meta.url).resolve('pdfkit'));
cpSync(join(pdfkitDir, 'data/sRGB_IEC61966_2_1.icc'), join(OUT, 'data/sRGB_IEC61966_2_1.icc'));
