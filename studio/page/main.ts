import { ApiError, download, get, post, upload, type DepartmentList, type EditedPreview, type Field, type StudioFinding, type Imported, type OpenedFile, type Preview, type Saved, type YamlPath } from './api.js';
import { PageView } from './pages.js';
import { YamlEditor } from './editor.js';

/**
 * The officer's page: departments on the left, the open one's forms and YAML in the middle, the
 * report and its findings on the right. Everything from the data goes into the page as text
 * (textContent, input values), never as markup.
 */

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const el = <K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
};

const state = {
  path: '',
  version: '',
  saved: '',
  rev: 0,
  findings: [] as StudioFinding[],
  selected: -1,
  /** Edits are applied in order; an answer to an older request is dropped. */
  seq: 0,
};

let schema: object | undefined;
const editor = new YamlEditor($('yaml'), (text) => schedulePreview(text), () => schema as never);
const pages = new PageView($('pages'));
let previewTimer: number | undefined;

function toast(message: string, error = false): void {
  const t = $('toast');
  t.textContent = message;
  t.className = error ? 'toast error' : 'toast';
  t.hidden = false;
  window.clearTimeout(Number(t.dataset.timer));
  t.dataset.timer = String(window.setTimeout(() => (t.hidden = true), error ? 9000 : 4000));
}

function problem(e: unknown): void {
  toast(e instanceof ApiError ? e.message : `出错了：${(e as Error).message}`, true);
}

function markDirty(): void {
  const dirty = editor.text !== state.saved;
  $('state').textContent = dirty ? '有未保存的修改' : '已保存';
  ($('save') as HTMLButtonElement).disabled = !dirty;
}

// ------------------------------------------------------------------ departments
async function loadDepartments(): Promise<void> {
  const { departments } = await get<DepartmentList>('/api/departments');
  const list = $('dept-list');
  list.replaceChildren(
    ...departments.map((d) => {
      const li = el('li');
      li.dataset.path = d.path;
      if (d.path === state.path) li.classList.add('open');
      li.append(el('span', 'name', d.name), el('span', 'file', d.path));
      if (d.errors) li.append(el('span', 'badge error', d.unreadable ? '无法读取' : `${d.errors} 个错误`));
      if (d.warnings) li.append(el('span', 'badge warning', `${d.warnings} 个警告`));
      if (!d.errors && !d.warnings) li.append(el('span', 'badge clean', '已通过检查'));
      li.addEventListener('click', () => void openDepartment(d.path, d.name));
      return li;
    }),
  );
}

async function openDepartment(path: string, name: string): Promise<void> {
  if (state.path && editor.text !== state.saved && !confirm('当前部门有未保存的修改，确定放弃并打开另一个部门吗？')) return;
  try {
    const file = await get<OpenedFile>(`/api/open?path=${encodeURIComponent(path)}`);
    state.path = path;
    state.version = file.version;
    state.saved = file.text;
    editor.setText(file.text);
    $('dept-name').textContent = name;
    for (const li of $('dept-list').children) li.classList.toggle('open', (li as HTMLElement).dataset.path === path);
    ($('download') as HTMLButtonElement).disabled = false;
    markDirty();
    await show(await post<Preview>('/api/preview', { path, text: file.text }), ++state.seq);
  } catch (e) {
    problem(e);
  }
}

// ------------------------------------------------------------------ preview
function schedulePreview(text: string): void {
  markDirty();
  window.clearTimeout(previewTimer);
  previewTimer = window.setTimeout(() => {
    const seq = ++state.seq;
    post<Preview>('/api/preview', { path: state.path, text })
      .then((p) => show(p, seq))
      .catch(problem);
  }, 250);
}

async function show(p: Preview, seq: number): Promise<void> {
  if (seq !== state.seq) return;
  const t0 = performance.now();
  state.findings = p.findings;
  state.selected = -1;
  renderFindings();
  renderForms(p.groups);
  editor.showFindings(p.findings);
  if (p.rev) {
    state.rev = p.rev;
    await pages.update(p.rev, p.sizes);
  }
  document.body.dataset.rev = String(state.rev);
  $('timing').textContent = `检查与排版 ${p.ms} 毫秒，显示 ${Math.round(performance.now() - t0)} 毫秒`;
}

// ------------------------------------------------------------------ findings
function renderFindings(): void {
  const box = $('findings');
  const errors = state.findings.filter((f) => f.severity === 'error').length;
  const head = el('h2', undefined, `检查结果：${errors} 个错误，${state.findings.length - errors} 个警告`);
  if (state.findings.length === 0) {
    box.replaceChildren(head, el('div', 'none', '未发现问题。'));
    return;
  }
  const byPart = new Map<string, number[]>();
  state.findings.forEach((f, i) => byPart.set(f.part, [...(byPart.get(f.part) ?? []), i]));
  const blocks: HTMLElement[] = [head];
  for (const [part, indices] of byPart) {
    const ul = el('ul');
    for (const i of indices) {
      const f = state.findings[i]!;
      const li = el('li', `finding ${f.severity}`);
      li.dataset.index = String(i);
      li.dataset.rule = f.rule;
      li.title = `规则 ${f.rule}${f.line ? `，第 ${f.line} 行` : ''}`;
      li.append(el('span', 'sev', f.severity === 'error' ? '错误' : '警告'), el('span', 'msg', f.message), el('span', 'where', f.page !== undefined ? `第${f.page + 1}页` : f.line ? `第${f.line}行` : ''));
      li.addEventListener('click', () => select(i));
      ul.append(li);
    }
    blocks.push(el('h3', undefined, `${part}（${indices.length}）`), ul);
  }
  box.replaceChildren(...blocks);
}

/** A finding chosen: its page on the right, its field (or its line in the YAML) on the left. */
function select(i: number): void {
  state.selected = i;
  for (const li of $('findings').querySelectorAll<HTMLElement>('.finding')) li.classList.toggle('selected', Number(li.dataset.index) === i);
  const f = state.findings[i]!;
  if (f.page !== undefined) pages.scrollTo(f.page, f.y);
  const field = f.path && fieldFor(f.path);
  if (field) {
    showTab('forms');
    const box = field.closest('.field') as HTMLElement;
    box.scrollIntoView({ block: 'center' });
    field.focus();
    box.classList.add('flash');
    window.setTimeout(() => box.classList.remove('flash'), 1500);
  } else if (f.line) {
    showTab('yaml');
    editor.goToLine(f.line);
  }
}

function fieldFor(path: YamlPath): HTMLInputElement | HTMLTextAreaElement | undefined {
  const keys = [path.join('.'), [...path, 'reason'].join('.')];
  for (const key of keys) {
    const found = [...$('forms').querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('[data-path]')].find((x) => x.dataset.path === key);
    if (found) return found;
  }
  return undefined;
}

// ------------------------------------------------------------------ forms
/** The fields as last built: when an edit leaves them the same, only values and problems change. */
let formShape = '';

function renderForms(groups: Preview['groups']): void {
  const box = $('forms');
  const shape = JSON.stringify(groups.map((g) => [g.title, g.fields.map((f) => [f.path, f.kind, f.long, f.wanted ?? ''])]));
  if (shape === formShape && groups.length > 0) {
    updateForms(groups);
    return;
  }
  formShape = shape;
  const active = document.activeElement as HTMLElement | null;
  const activePath = active && box.contains(active) ? active.dataset.path : undefined;
  const selection = active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement ? [active.selectionStart, active.selectionEnd] : undefined;
  if (groups.length === 0) {
    box.replaceChildren(el('p', 'hint', 'YAML 文本有语法错误，表单暂不可用；请在 YAML 视图中按红线提示改正。'));
    return;
  }
  const problems = problemsByPath();
  box.replaceChildren(
    ...groups.map((g) => {
      const set = el('fieldset', g.fields.some((f) => f.wanted) ? 'group-wanted' : undefined);
      set.append(el('legend', undefined, g.title), ...g.fields.map((f) => fieldBox(f, problems.get(f.path.join('.')) ?? [])));
      return set;
    }),
  );
  if (activePath) {
    const again = [...box.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('[data-path]')].find((x) => x.dataset.path === activePath);
    if (again) {
      again.focus();
      if (selection) again.setSelectionRange(selection[0], selection[1]);
    }
  }
}

/** Same fields: new values (except the one being typed in) and the problems the checker now finds. */
function updateForms(groups: Preview['groups']): void {
  const problems = problemsByPath();
  const inputs = new Map([...$('forms').querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('[data-path]')].map((x) => [x.dataset.path!, x]));
  for (const f of groups.flatMap((g) => g.fields)) {
    const key = f.path.join('.');
    const input = inputs.get(key);
    if (!input) continue;
    if (input !== document.activeElement && input.value !== f.value) input.value = f.value;
    input.dataset.value = f.value;
    const box = input.closest('.field')!;
    for (const old of box.querySelectorAll('.problem')) old.remove();
    if (!f.wanted) for (const p of problems.get(key) ?? []) box.append(el('span', 'problem', p.message));
  }
}

function problemsByPath(): Map<string, StudioFinding[]> {
  const problems = new Map<string, StudioFinding[]>();
  for (const f of state.findings) if (f.path) problems.set(f.path.join('.'), [...(problems.get(f.path.join('.')) ?? []), f]);
  return problems;
}

function fieldBox(f: Field, problems: StudioFinding[]): HTMLElement {
  const label = el('label', `field${f.wanted ? ' is-wanted' : ''}`);
  label.append(el('span', undefined, f.label));
  if (f.wanted) label.append(el('span', 'wanted', f.wanted));
  const input = f.long ? el('textarea') : el('input');
  if (input instanceof HTMLInputElement) input.type = 'text';
  else input.rows = Math.min(8, Math.max(2, Math.ceil(f.value.length / 38)));
  input.value = f.value;
  input.dataset.path = f.path.join('.');
  input.dataset.value = f.value;
  if (f.kind === 'number') input.inputMode = 'decimal';
  let timer: number | undefined;
  const apply = () => {
    window.clearTimeout(timer);
    if (input.value === input.dataset.value) return;
    input.dataset.value = input.value;
    void applyField(f, input.value);
  };
  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(apply, 600);
  });
  input.addEventListener('change', apply);
  label.append(input);
  for (const p of problems) if (!f.wanted) label.append(el('span', 'problem', p.message));
  return label;
}

async function applyField(f: Field, value: string): Promise<void> {
  const seq = ++state.seq;
  window.clearTimeout(previewTimer);
  try {
    const r = await post<EditedPreview>('/api/edit', { path: state.path, text: editor.text, field: f.path, value, kind: f.kind });
    if (seq !== state.seq) return;
    editor.setText(r.text);
    markDirty();
    await show(r, seq);
  } catch (e) {
    problem(e);
  }
}

// ------------------------------------------------------------------ save, download, import
async function save(): Promise<void> {
  if (!state.path) return;
  const text = editor.text;
  try {
    const r = await post<Saved>('/api/save', { path: state.path, text, version: state.version });
    state.version = r.version;
    state.saved = text;
    markDirty();
    toast(r.previous ? `已保存。保存前的版本留在数据文件夹的 ${r.previous}` : '已保存（内容未变）');
    void loadDepartments();
  } catch (e) {
    problem(e);
  }
}

async function downloadPdf(): Promise<void> {
  if (editor.text !== state.saved) toast('注意：下载的是已保存的版本；未保存的修改不在其中。');
  try {
    const { blob, name } = await download(`/api/pdf?path=${encodeURIComponent(state.path)}`);
    const a = el('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    window.setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  } catch (e) {
    problem(e);
  }
}

function showTab(which: 'forms' | 'yaml'): void {
  $('forms').hidden = which !== 'forms';
  $('yaml').hidden = which !== 'yaml';
  $('tab-forms').setAttribute('aria-selected', String(which === 'forms'));
  $('tab-yaml').setAttribute('aria-selected', String(which === 'yaml'));
  if (which === 'yaml') editor.view.requestMeasure();
}

$('tab-forms').addEventListener('click', () => showTab('forms'));
$('tab-yaml').addEventListener('click', () => showTab('yaml'));
$('save').addEventListener('click', () => void save());
$('download').addEventListener('click', () => void downloadPdf());
window.addEventListener('keydown', (e) => {
  if ((e.ctrlKey || e.metaKey) && e.key === 's') {
    e.preventDefault();
    void save();
  }
});
window.addEventListener('beforeunload', (e) => {
  if (state.path && editor.text !== state.saved) e.preventDefault();
});
const drop = $('drop');
window.addEventListener('dragover', (e) => {
  e.preventDefault();
  drop.classList.add('over');
});
window.addEventListener('dragleave', () => drop.classList.remove('over'));
window.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('over');
  const file = e.dataTransfer?.files[0];
  if (!file) return;
  upload<Imported>('/api/import', file)
    .then((r) => loadDepartments().then(() => toast(`已导入为 ${r.path}`)))
    .catch(problem);
});

get<object>('/schema.json')
  .then((s) => (schema = s))
  .catch(() => undefined);
loadDepartments().catch(problem);
