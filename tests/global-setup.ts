import { execFileSync } from 'node:child_process';

/** The CLI tests run the built bin: compile once before any test. */
export default function setup(): void {
  if (process.env.JUESUAN_SKIP_BUILD) return;
  execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { stdio: 'inherit' });
}
