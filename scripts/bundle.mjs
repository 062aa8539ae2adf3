#!/usr/bin/env node
// The command line as one CommonJS file, dist/bundle/juesuan.cjs, and a batch worker's code as
// dist/bundle/worker.cjs, with the data files their libraries read beside them. Loading one file
// (with V8's code cache, see src/start/bundle.ts) instead of some 400 modules is most of what a
// cold `juesuan render` saves at start-up.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'dist/bundle');

// The command line, and a batch worker's code (src/start/worker.ts loads it in each thread).
const ENTRIES = { juesuan: 'src/cli/main.ts', worker: 'src/batch/worker.ts' };

await build({
  entryPoints: Object.entries(ENTRIES).map(([out, src]) => ({ in: join(ROOT, src), out })),
  outdir: OUT,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // Every module's import.meta.url becomes the bundle's own: pdfkit finds its colour profile in
  // ./data beside it (copied below); juesuan finds its folder by walking up (src/package-root.ts).
  define: { 'import.meta.url': '__bundle_url' },
  banner: { js: "const __bundle_url = require('node:url').pathToFileURL(__filename).href;" },
  plugins: [
    standIns({
      'tiny-inflate': 'tiny-inflate.cjs',
      '@noble/ciphers/aes': 'noble-aes.cjs',
      fontkit: 'fontkit.cjs',
    }),
  ],
  // The PDF readers stay in node_modules, loaded by the commands that read PDFs alone (pdf-lib by
  // `extract`, pdf.js by `import`, src/import/pdfjs.ts): in the bundle they would be read at every
  // start of every command.
  // exceljs likewise, loaded by `export --xlsx` and an xlsx `import` alone.
  external: ['@cantoo/pdf-lib', 'pdfjs-dist', 'exceljs'],
  legalComments: 'none',
  // Less to read and parse at every start; names stay, so a profile still reads.
  minifyWhitespace: true,
  minifySyntax: true,
  charset: 'ascii',
  logLevel: 'warning',
});

// The launcher reads the bundle as Latin-1, much faster than UTF-8 for 2.6 MB, so it must be
// ASCII. esbuild escapes strings and identifiers but leaves regular expressions as written (our
// 万元|％ patterns): there, as anywhere in JavaScript, \uXXXX stands for the character. The
// hashes written beside them name the build in a batch's manifest (src/batch/manifest.ts).
const hashes = {};
for (const name of Object.keys(ENTRIES)) {
  const file = join(OUT, `${name}.cjs`);
  const ascii = toAscii(readFileSync(file, 'utf8'));
  writeFileSync(file, ascii);
  hashes[`${name}.cjs`] = createHash('sha256').update(ascii).digest('hex');
}
writeFileSync(join(OUT, 'hashes.json'), JSON.stringify(hashes, null, 1) + '\n');

/**
 * Stand-ins that keep a library's contract but not its start-up cost (scripts/bundle-shims/): an
 * import of the library means its stand-in, except inside the stand-in, which may load the real
 * one on first use.
 */
function standIns(byName) {
  const shims = Object.fromEntries(Object.entries(byName).map(([name, file]) => [name, join(ROOT, 'scripts/bundle-shims', file)]));
  const filter = new RegExp(`^(${Object.keys(shims).map((n) => n.replace(/[/.]/g, '\\$&')).join('|')})$`);
  return {
    name: 'stand-ins',
    setup(b) {
      b.onResolve({ filter }, (args) => (args.importer === shims[args.path] ? undefined : { path: shims[args.path] }));
    },
  };
}

// The studio's page (juesuan studio): one browser script with CodeMirror and pdf.js, pdf.js's
// worker, the page and its style, and the data file schema for completion. Served by the tool
// itself: the page works offline and loads nothing from elsewhere.
const PAGE = join(ROOT, 'dist/studio-page');
mkdirSync(PAGE, { recursive: true });
await build({
  entryPoints: [join(ROOT, 'studio/page/main.ts')],
  outfile: join(PAGE, 'studio.js'),
  bundle: true,
  platform: 'browser',
  format: 'esm',
  target: 'chrome110',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
});
const pdfjsDir = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
cpSync(join(pdfjsDir, 'build/pdf.worker.min.mjs'), join(PAGE, 'pdf.worker.mjs'));
for (const f of ['index.html', 'studio.css']) cpSync(join(ROOT, 'studio/page', f), join(PAGE, f));
cpSync(join(ROOT, 'docs/schema/department.schema.json'), join(PAGE, 'department.schema.json'));

mkdirSync(join(OUT, 'data'), { recursive: true });
const pdfkitDir = dirname(createRequire(import.meta.url).resolve('pdfkit'));
cpSync(join(pdfkitDir, 'data/sRGB_IEC61966_2_1.icc'), join(OUT, 'data/sRGB_IEC61966_2_1.icc'));

function toAscii(code) {
  let out = '';
  let last = 0;
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i);
    if (c < 0x80) continue;
    // After a backslash the escape would change meaning (\中 is 中, \\u4E2D is not).
    let slashes = 0;
    for (let k = i - 1; k >= 0 && code[k] === '\\'; k--) slashes++;
    if (slashes % 2 === 1) throw new Error(`bundle: escaped non-ASCII character at offset ${i}: ${JSON.stringify(code.slice(i - 20, i + 20))}`);
    out += code.slice(last, i) + `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`;
    last = i + 1;
  }
  return out + code.slice(last);
}
