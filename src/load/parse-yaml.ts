import { readFast } from './yaml-fast.js';
import { readFull } from './yaml-full.js';
import type { ParsedSource } from './parsed.js';

/**
 * YAML text → plain data (numbers as NumLit) and a locator. The fast reader takes the plain files
 * people write; whatever it does not take, and every error, goes through the yaml package.
 */
export function parseYaml(text: string, file: string): ParsedSource {
  return readFast(text, file) ?? readFull(text, file);
}
