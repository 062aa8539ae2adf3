/**
 * The to-do marks of a drafted year (`juesuan new --from`): written into the department's text by
 * the draft, printed as they stand (so a draft rendered with --force shows them), and each one an
 * error of the checker (rule `todo`) until the officer has done what it says and deleted it.
 * Shared by the command that writes them and the rule that finds them, so the two cannot drift.
 */

export type TodoKind = 'fill' | 'update' | 'verify';

/** What the officer reads in the checker's message for each kind of mark. */
export const TODO_KIND_TEXT: Record<TodoKind, string> = {
  fill: '尚未填写',
  update: '仍是上一年度的原文，须改写为本年度的情况',
  verify: '其中的数字是上一年度的，须按本年度核实',
};

const WORD: Record<TodoKind, string> = { fill: '待填写', update: '待更新', verify: '待核实' };
const KIND_OF: Record<string, TodoKind> = { 待填写: 'fill', 待更新: 'update', 待核实: 'verify' };

/** 【待填写：2024年度原因】, 【待更新：2023年度原文】, 【待核实：2023年度数字】 */
export function todoMark(kind: TodoKind, hint: string): string {
  return `【${WORD[kind]}：${hint}】`;
}

const MARK = /【(待填写|待更新|待核实)[^】]*】/g;

/** The marks in a text, in order. */
export function todoMarks(text: string): { kind: TodoKind; mark: string }[] {
  if (!text.includes('【待')) return [];
  return [...text.matchAll(MARK)].map((m) => ({ kind: KIND_OF[m[1]!]!, mark: m[0] }));
}
