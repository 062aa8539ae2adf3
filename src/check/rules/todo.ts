import { TODO_KIND_TEXT, todoMarks } from '../../model/todo.js';
import type { Diagnostic } from '../../model/diagnostics.js';
import { keyPosition } from '../../load/profile-check.js';
import type { CheckContext, Path } from '../context.js';
import type { RuleFamily } from '../rule.js';
import { dataPlace, partOfPath } from '../data-place.js';

/**
 * A drafted year (`juesuan new --from`) is unfinished until every to-do is done: each mark in the
 * department's text (【待填写：…】, 【待更新：…】, 【待核实：…】) and each entry of `todo:` is an
 * error, so the draft renders for review only with --force and is never published by mistake.
 */

/** Every string of the department's words with its path; `todo:` itself is the list, not a mark. */
function* strings(value: unknown, path: Path): Generator<[string, Path]> {
  if (typeof value === 'string') yield [value, path];
  else if (Array.isArray(value)) for (let i = 0; i < value.length; i++) yield* strings(value[i], [...path, i]);
  else if (value && typeof value === 'object' && !('value' in value && 'decimals' in value)) {
    for (const [k, v] of Object.entries(value)) yield* strings(v, [...path, k]);
  }
}

function marked(ctx: CheckContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [key, value] of Object.entries(ctx.model)) {
    if (key === 'todo' || key === 'pins') continue;
    for (const [text, path] of strings(value, [key])) {
      for (const { kind, mark } of todoMarks(text)) {
        out.push(ctx.diagnostic({ severity: 'error', rule: 'todo', message: `${dataPlace(ctx.loaded, path, ctx.printed, mark)}：草稿待办“${mark}”——${TODO_KIND_TEXT[kind]}；办完后删去此标记`, at: path, actual: mark }));
      }
    }
  }
  return out;
}

function listed(ctx: CheckContext): Diagnostic[] {
  const todo = ctx.model.todo ?? {};
  return Object.entries(todo).map(([field, note]) => {
    const entry = ctx.where(['todo', field]);
    const path = field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    // At the field the officer must change (a mapping at its key); at the entry when the field is not in the file.
    const here = pathExists(ctx.model, path) ? keyPosition(ctx.loaded.locator, ctx.loaded.sourceText, path) : entry;
    const line = entry.line !== undefined ? `，第 ${entry.line} 行` : '';
    return { severity: 'error' as const, rule: 'todo', message: `${partOfPath(ctx.loaded, path)}：草稿待办——${note}（办完后删去 todo 中的这一项${line}）`, file: ctx.file, ...here };
  });
}

function pathExists(model: unknown, path: readonly (string | number)[]): boolean {
  let node = model as Record<string | number, unknown> | undefined;
  for (const p of path) {
    if (node === null || typeof node !== 'object' || !(p in node)) return false;
    node = node[p] as Record<string | number, unknown> | undefined;
  }
  return true;
}

export const todoRules: RuleFamily = {
  family: 'todo',
  rules: [
    {
      id: 'todo',
      // the printed words give the page where the mark prints
      readsPrinted: true,
      description: '新年度草稿的待办：文字中的【待填写】【待更新】【待核实】标记和 todo 中的各项，办完删去前不能发布',
      run: (ctx: CheckContext) => [...marked(ctx), ...listed(ctx)],
    },
  ],
};
