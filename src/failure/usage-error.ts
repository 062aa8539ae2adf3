/** The command line itself is wrong (an unknown option, a missing file name): exit 2 with the usage text. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
