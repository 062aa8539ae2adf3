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
    throw new FontConfigError(`找不到字体配置文件 ${absConfig}`);
  }
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (err) {
    throw new FontConfigError(`字体配置文件 ${absConfig} 不是有效的 YAML：${(err as Error).message}`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new FontConfigError(`字体配置文件 ${absConfig} 应逐行写出“角色: 字体文件路径”`);
  }
  const out: Partial<Record<FontRole, string>> = {};
  for (const [role, file] of Object.entries(data as Record<string, unknown>)) {
    if (!isFontRole(role)) {
      throw new FontConfigError(`字体配置文件 ${absConfig}：未知的角色“${role}”（可用的角色：${FONT_ROLES.join('、')}）`);
    }
    if (typeof file !== 'string' || file.trim() === '') {
      throw new FontConfigError(`字体配置文件 ${absConfig}：角色“${role}”没有写字体文件路径`);
    }
    out[role] = resolve(root, file.trim());
  }
  const missing = FONT_ROLES.filter((r) => !out[r]);
  if (missing.length > 0) {
    throw new FontConfigError(`字体配置文件 ${absConfig}：缺少角色 ${missing.join('、')} 的字体文件`);
  }
  return out as Record<FontRole, string>;
}
