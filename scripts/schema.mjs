// Writes the JSON Schema of the department, catalog and profile files from the zod schemas (npm run schema).
import { writeFileSync, mkdirSync } from 'node:fs';
import { z } from 'zod';
import { departmentSchema, catalogSchema } from '../dist/load/schema.js';
import { profileSchema } from '../dist/load/profile.js';

mkdirSync('docs/schema', { recursive: true });
for (const [name, schema, title] of [
  ['department', departmentSchema, '部门决算数据文件 (juesuan format 1)'],
  ['catalog', catalogSchema, '年度科目目录 (juesuan)'],
  ['profile', profileSchema, '表式 profiles/<name>/profile.yaml (juesuan)'],
]) {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });
  json.title = title;
  writeFileSync(`docs/schema/${name}.schema.json`, `${JSON.stringify(json, null, 2)}\n`);
  console.log(`docs/schema/${name}.schema.json`);
}
