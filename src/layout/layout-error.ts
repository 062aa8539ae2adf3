/**
 * Text that cannot be placed without running over other text or off its page: the document
 * cannot be laid out as asked. The message (Chinese) names the text and where it was to go.
 */
export class LayoutError extends Error {
  /** The texts at fault as the data may spell them (without a template's label), to find them in the source. */
  readonly texts: readonly string[];
  constructor(message: string, texts: readonly string[] = []) {
    super(message);
    this.name = 'LayoutError';
    this.texts = texts.flatMap((t) => {
      const unlabelled = t.replace(/^[^：:]{1,8}[：:]/, '');
      return unlabelled !== t && unlabelled ? [t, unlabelled] : [t];
    });
  }
}

/** A text as a message quotes it: whole when short, else its start and end. */
export function quoted(text: string): string {
  const chars = Array.from(text);
  return `“${chars.length <= 40 ? text : `${chars.slice(0, 24).join('')}……${chars.slice(-10).join('')}`}”`;
}
