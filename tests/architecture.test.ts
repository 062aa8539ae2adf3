import { describe, it, expect } from 'vitest';
import ts from 'typescript';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { ROOT } from './helpers.js';

/**
 * Dependencies point one way. The units of src/ (its folders, and the files directly in it) are
 * ranked, lowest first; a unit may import from its own rank or below, never above, and no two
 * units (nor two modules) import each other, directly or round a loop.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['model'],
  // Files, paths and the tool's own folders: no knowledge of the report.
  ['io', 'package-root.ts', 'cache-dir.ts', 'cache-file.ts'],
  ['load'],
  ['calculate'],
  ['check'],
  ['template'],
  // Beside layout and paint, which print with it; it knows nothing of them.
  ['fonts'],
  ['layout'],
  ['paint'],
  // a published PDF read back: beside the pipeline, not in it
  ['import'],
  // Every stage's errors, classified for whoever reports them.
  ['failure'],
  // The top: the pipeline in one call, the batch that runs it in workers, the commands, the
  // start-up that loads them.
  ['render.ts'],
  // The report's tables as a workbook: the pipeline up to the markup, then a spreadsheet.
  ['export'],
  ['batch'],
  // The officer's page: a local server over the pipeline and the data folder.
  ['studio'],
  ['cli'],
  ['start'],
];

const SRC = join(ROOT, 'src');

interface Import {
  specifier: string;
  /** `import type`, `export type … from`, `typeof import(…)`: gone at run time, still a dependency. */
  typeOnly: boolean;
}

interface Edge {
  /** Paths relative to src/, '/'-separated, `.ts`. */
  from: string;
  to: string;
  typeOnly: boolean;
}

/** Every module a TypeScript source names: static, re-exported, dynamic and type-level imports. */
function importsOf(fileName: string, text: string): Import[] {
  const found: Import[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const typeOnly = ts.isImportDeclaration(node) ? Boolean(node.importClause?.isTypeOnly) : node.isTypeOnly;
      found.push({ specifier: node.moduleSpecifier.text, typeOnly });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteralLike(arg)) found.push({ specifier: arg.text, typeOnly: false });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push({ specifier: node.argument.literal.text, typeOnly: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true));
  return found;
}

/** The folder of src/ a module is in, or its own name when it sits directly in src/. */
function unitOf(path: string): string {
  return path.split('/')[0]!;
}

const RANK = new Map(LAYERS.flatMap((units, rank) => units.map((u) => [u, rank] as const)));

/** Imports that point up the layers, and units that are in no layer, as messages. */
function layerViolations(edges: readonly Edge[], rank: ReadonlyMap<string, number> = RANK): string[] {
  const out = new Set<string>();
  for (const { from, to, typeOnly } of edges) {
    const [a, b] = [unitOf(from), unitOf(to)];
    for (const u of [a, b]) if (!rank.has(u)) out.add(`src/${u} is in no layer: add it to LAYERS in tests/architecture.test.ts`);
    if (a !== b && rank.has(a) && rank.has(b) && rank.get(a)! < rank.get(b)!) {
      out.add(`src/${from} imports${typeOnly ? ' (type)' : ''} src/${to}: ${a} is below ${b}`);
    }
  }
  return [...out];
}

/** The strongly connected components of more than one node (Tarjan): each is an import cycle. */
function cycles(edges: readonly (readonly [string, string])[]): string[][] {
  const next = new Map<string, Set<string>>();
  for (const [a, b] of edges) if (a !== b) next.set(a, (next.get(a) ?? new Set()).add(b));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const connect = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of next.keys()) if (!index.has(v)) connect(v);
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/** The imports between modules of src/ (others, such as node: and packages, are not ours). */
function srcEdges(): Edge[] {
  const toSrc = (abs: string) => relative(SRC, abs).split(sep).join('/');
  return sourceFiles(SRC).flatMap((file) =>
    importsOf(file, readFileSync(file, 'utf8'))
      .filter((i) => i.specifier.startsWith('.'))
      .map((i) => ({ from: toSrc(file), to: toSrc(join(dirname(file), i.specifier)).replace(/\.js$/, '.ts'), typeOnly: i.typeOnly }))
      .filter((e) => !e.to.startsWith('..')),
  );
}

describe('the import reader', () => {
  it('finds static, type-only, re-exported, side-effect, dynamic and type-level imports, and nothing in comments or strings', () => {
    const text = [
      "import { a } from './a.js';",
      "import type { B } from '../b/b.js';",
      "import { type C, c } from './c.js';",
      "export { d } from './d.js';",
      "export type { E } from './e.js';",
      "export * from './f.js';",
      "import './g.js';",
      "import { readFileSync } from 'node:fs';",
      "// import { no } from './comment.js';",
      "const s = \"import { no } from './string.js'\";",
      "const h = await import('./h.js');",
      "type I = typeof import('./i.js');",
      'async function later() { return import(`./j.js`); }',
    ].join('\n');
    expect(importsOf('x.ts', text)).toEqual([
      { specifier: './a.js', typeOnly: false },
      { specifier: '../b/b.js', typeOnly: true },
      { specifier: './c.js', typeOnly: false },
      { specifier: './d.js', typeOnly: false },
      { specifier: './e.js', typeOnly: true },
      { specifier: './f.js', typeOnly: false },
      { specifier: './g.js', typeOnly: false },
      { specifier: 'node:fs', typeOnly: false },
      { specifier: './h.js', typeOnly: false },
      { specifier: './i.js', typeOnly: true },
      { specifier: './j.js', typeOnly: false },
    ]);
  });
});

describe('the layer and cycle checks', () => {
  const edge = (from: string, to: string, typeOnly = false): Edge => ({ from, to, typeOnly });

  it('refuses an import up the layers, a type import too, and a unit in no layer', () => {
    expect(layerViolations([edge('model/tables.ts', 'load/schema.ts')])).toEqual(['src/model/tables.ts imports src/load/schema.ts: model is below load']);
    expect(layerViolations([edge('check/glyph-coverage.ts', 'fonts/audit.ts', true)])).toEqual([
      'src/check/glyph-coverage.ts imports (type) src/fonts/audit.ts: check is below fonts',
    ]);
    expect(layerViolations([edge('batch/worker.ts', 'failure/classify.ts'), edge('failure/classify.ts', 'cli/main.ts')])).toEqual([
      'src/failure/classify.ts imports src/cli/main.ts: failure is below cli',
    ]);
    expect(layerViolations([edge('batch/worker.ts', 'cli/main.ts')])).toEqual(['src/batch/worker.ts imports src/cli/main.ts: batch is below cli']);
    expect(layerViolations([edge('report/x.ts', 'model/amount.ts')])).toEqual(['src/report is in no layer: add it to LAYERS in tests/architecture.test.ts']);
  });

  it('allows imports down the layers, within a unit and between units of one rank', () => {
    expect(
      layerViolations([
        edge('load/index.ts', 'model/diagnostics.ts'),
        edge('paint/text.ts', 'fonts/index.ts'),
        edge('template/view.ts', 'calculate/index.ts', true),
        edge('cli/main.ts', 'cli/output.ts'),
        edge('cli/batch.ts', 'batch/pool.ts'),
        edge('io/output-guard.ts', 'package-root.ts'),
        edge('render.ts', 'load/index.ts'),
      ]),
    ).toEqual([]);
  });

  it('finds cycles of two and of more, and none in a one-way graph', () => {
    expect(cycles([['cli/main.ts', 'cli/batch.ts'], ['cli/batch.ts', 'cli/main.ts'], ['cli/main.ts', 'io/write-atomic.ts']])).toEqual([['cli/batch.ts', 'cli/main.ts']]);
    expect(cycles([['calculate', 'template'], ['template', 'check'], ['check', 'calculate'], ['load', 'model']])).toEqual([['calculate', 'check', 'template']]);
    expect(cycles([['cli', 'batch'], ['batch', 'io'], ['cli', 'io'], ['io', 'model'], ['io', 'io']])).toEqual([]);
  });
});

describe('src/', () => {
  const edges = srcEdges();

  const units = new Set(sourceFiles(SRC).map((f) => unitOf(relative(SRC, f).split(sep).join('/'))));

  it('is read whole: the imports of the pipeline are found, and every unit LAYERS names exists', () => {
    const has = (from: string, to: string) => edges.some((e) => e.from === from && e.to === to);
    expect(has('render.ts', 'load/index.ts')).toBe(true);
    // A dynamic import (main loads the renderer only for the commands that draw).
    expect(has('cli/main.ts', 'render.ts')).toBe(true);
    expect(LAYERS.flat().filter((u) => !units.has(u))).toEqual([]);
  });

  it('imports only down the layers', () => {
    const unplaced = [...units].filter((u) => !RANK.has(u)).map((u) => `src/${u} is in no layer: add it to LAYERS in tests/architecture.test.ts`);
    expect([...new Set([...unplaced, ...layerViolations(edges)])]).toEqual([]);
  });

  it('has no import cycle between its folders', () => {
    expect(cycles(edges.map((e) => [unitOf(e.from), unitOf(e.to)] as const))).toEqual([]);
  });

  it('has no import cycle between its modules', () => {
    expect(cycles(edges.map((e) => [e.from, e.to] as const))).toEqual([]);
  });
});

/**
 * The studio's page is its own compilation unit and its own bundle (studio/tsconfig.json,
 * scripts/bundle.mjs). It shares the server's API types through one module, src/studio/api-types.ts,
 * which both units include; nothing of src/ may reach the page at run time.
 */
const PAGE = join(ROOT, 'studio/page');
const API_TYPES = join(SRC, 'studio/api-types.ts');

/** The page's imports that would bring code of src/ into its bundle, as messages. */
function pageRuntimeFromSrc(files: readonly { file: string; text: string }[]): string[] {
  return files.flatMap(({ file, text }) =>
    importsOf(file, text)
      .filter((i) => i.specifier.startsWith('.') && !i.typeOnly)
      .map((i) => relative(ROOT, join(dirname(file), i.specifier)).split(sep).join('/'))
      .filter((to) => to.startsWith('src/'))
      .map((to) => `${relative(ROOT, file).split(sep).join('/')} imports ${to} at run time`),
  );
}

/** What a types-only module must not hold: imports, and any statement that is not a type. */
function notTypesOnly(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  return source.statements
    .filter((s) => !ts.isInterfaceDeclaration(s) && !ts.isTypeAliasDeclaration(s))
    .map((s) => s.getText(source).split('\n')[0]!);
}

describe('the studio page and src/', () => {
  const pageFiles = sourceFiles(PAGE).map((file) => ({ file, text: readFileSync(file, 'utf8') }));

  it('share the API types through src/studio/api-types.ts, which holds types only', () => {
    expect(notTypesOnly(API_TYPES, readFileSync(API_TYPES, 'utf8'))).toEqual([]);
    const apiTypes = (file: string, text: string) =>
      importsOf(file, text).some((i) => i.specifier.startsWith('.') && join(dirname(file), i.specifier).replace(/\.js$/, '.ts') === API_TYPES);
    expect(pageFiles.filter((f) => apiTypes(f.file, f.text)).map((f) => relative(ROOT, f.file))).toEqual(['studio/page/api.ts']);
    const tsconfig = JSON.parse(readFileSync(join(ROOT, 'studio/tsconfig.json'), 'utf8')) as { include: string[] };
    expect(tsconfig.include).toContain('../src/studio/api-types.ts');
    // the server's modules name the same types
    for (const server of ['findings.ts', 'forms.ts', 'workspace.ts', 'server.ts', 'yaml-edit.ts']) {
      const file = join(SRC, 'studio', server);
      expect({ server, shared: apiTypes(file, readFileSync(file, 'utf8')) }).toEqual({ server, shared: true });
    }
  });

  it('the page takes nothing from src/ at run time', () => {
    expect(pageRuntimeFromSrc(pageFiles)).toEqual([]);
  });

  it('refuses a value import from src/ into the page, and code in the types module', () => {
    const file = join(PAGE, 'x.ts');
    expect(
      pageRuntimeFromSrc([
        { file, text: "import { sortDiagnostics } from '../../src/check/index.js';\nimport type { Preview } from '../../src/studio/api-types.js';\nimport { get } from './api.js';" },
      ]),
    ).toEqual(['studio/page/x.ts imports src/check/index.js at run time']);
    expect(pageRuntimeFromSrc([{ file, text: "export { Workspace } from '../../src/studio/workspace.js';" }])).toEqual([
      'studio/page/x.ts imports src/studio/workspace.js at run time',
    ]);
    expect(notTypesOnly(API_TYPES, "import type { Diagnostic } from '../model/diagnostics.js';\nexport interface A { a: string }\nexport const B = 1;\nexport type C = A;")).toEqual([
      "import type { Diagnostic } from '../model/diagnostics.js';",
      'export const B = 1;',
    ]);
  });
});
