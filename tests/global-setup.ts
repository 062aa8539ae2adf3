import { execFileSync } from 'node:child_process';

/** The CLI tests run the built bin (the bundle, as a user runs it): build once before any test. */
export default function setup(): void {
  if (process.env.JUESUAN_SKIP_BUILD) return;
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
}
