/**
 * `juesuan check x.yaml | head` closes the pipe before the findings are all written. Node then
 * raises EPIPE on stdout as an unhandled error with a stack trace. The reader has what it asked
 * for, so the rest of the output goes nowhere and the command finishes as it would have (its
 * writes, its exit code): stopping mid-way could leave a half-done write behind.
 */
export function ignoreClosedPipes(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
      stream.write = (() => true) as typeof stream.write;
    });
  }
}
