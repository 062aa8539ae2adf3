import { loadBundle } from './bundle.js';

type Main = (argv: string[]) => Promise<number>;

/** The commands whose compiled code is cached apart (anything else shares one cache). */
const COMMANDS = new Set(['render', 'check', 'extract', 'import', 'batch', 'studio']);

/** The command line: from the bundle with its code cache (see bundle.ts), else the modules. */
export async function launch(argv: string[]): Promise<number> {
  const bundle = loadBundle<{ main: Main }>('juesuan', COMMANDS.has(argv[0] ?? '') ? argv[0]! : 'other');
  if (!bundle) return ((await import('../cli/main.js')) as { main: Main }).main(argv);
  const code = await bundle.exports.main(argv);
  bundle.saveCodeCache();
  return code;
}
