import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { FontConfigError } from './errors.js';
import { FONT_ROLES, isFontRole, type FontRole } from './roles.js';

/** Reads fonts.yaml: role → absolute font path. Every known role must be given, no other. */
export function readFontConfig(configPath: string, root: string): Record<FontRole, string> {
  const absConfig = resolve(root, configPath);
  let text: string;
  try {
    text = readFileSync(absConfig, 'utf8');
  } catch {
    throw new FontConfigError(`Font config not found: ${absConfig}`);
  }
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (err) {
    throw new FontConfigError(`Font config ${absConfig} is not valid YAML: ${(err as Error).message}`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new FontConfigError(`Font config ${absConfig} must map roles to font files (role: path)`);
  }
  const out: Partial<Record<FontRole, string>> = {};
  for (const [role, file] of Object.entries(data as Record<string, unknown>)) {
    if (!isFontRole(role)) {
      throw new FontConfigError(
        `Font config ${absConfig}: unknown role "${role}" (known roles: ${FONT_ROLES.join(', ')})`,
      );
    }
    if (typeof file !== 'string' || file.trim() === '') {
      throw new FontConfigError(`Font config ${absConfig}: role "${role}" must name a font file`);
    }
    out[role] = resolve(root, file.trim());
  }
  const missing = FONT_ROLES.filter((r) => !out[r]);
  if (missing.length > 0) {
    throw new FontConfigError(`Font config ${absConfig}: no font file for role(s) ${missing.join(', ')}`);
  }
  return out as Record<FontRole, string>;
}
