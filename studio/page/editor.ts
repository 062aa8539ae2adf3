import { EditorState, type Extension } from '@codemirror/state';
import { EditorView, keymap, lineNumbers, highlightActiveLine, drawSelection } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { syntaxHighlighting, defaultHighlightStyle, indentUnit } from '@codemirror/language';
import { autocompletion, completionKeymap, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { yaml } from '@codemirror/lang-yaml';
import type { StudioFinding } from './api.js';

interface SchemaNode {
  type?: string | string[];
  description?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  anyOf?: SchemaNode[];
}

/**
 * The YAML view: CodeMirror 6 with completion of the keys the schema (docs/schema/) allows where
 * the cursor is, and the checker's findings underlined at their line.
 */
export class YamlEditor {
  readonly view: EditorView;
  private quiet = false;

  constructor(parent: HTMLElement, onChange: (text: string) => void, private readonly schema: () => SchemaNode | undefined) {
    const extensions: Extension[] = [
      lineNumbers(),
      history(),
      drawSelection(),
      highlightActiveLine(),
      indentUnit.of('  '),
      yaml(),
      syntaxHighlighting(defaultHighlightStyle),
      autocompletion({ override: [(ctx) => this.complete(ctx)] }),
      lintGutter(),
      EditorView.lineWrapping,
      keymap.of([...defaultKeymap, ...historyKeymap, ...completionKeymap]),
      EditorView.updateListener.of((u) => {
        if (u.docChanged && !this.quiet) onChange(u.state.doc.toString());
      }),
    ];
    this.view = new EditorView({ state: EditorState.create({ doc: '', extensions }), parent });
  }

  get text(): string {
    return this.view.state.doc.toString();
  }

  /** Replaces the text (a form edit, an opened file) without counting it as a typed change. */
  setText(text: string): void {
    if (text === this.text) return;
    this.quiet = true;
    try {
      this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: text } });
    } finally {
      this.quiet = false;
    }
  }

  showFindings(findings: StudioFinding[]): void {
    const doc = this.view.state.doc;
    const diagnostics: Diagnostic[] = [];
    for (const f of findings) {
      if (f.line === undefined || f.line > doc.lines) continue;
      const line = doc.line(f.line);
      const from = Math.min(line.from + Math.max((f.column ?? 1) - 1, 0), line.to);
      diagnostics.push({ from, to: Math.max(line.to, from), severity: f.severity, message: f.message, source: f.rule });
    }
    this.view.dispatch(setDiagnostics(this.view.state, diagnostics));
  }

  goToLine(line: number): void {
    const doc = this.view.state.doc;
    const at = doc.line(Math.min(Math.max(line, 1), doc.lines)).from;
    this.view.dispatch({ selection: { anchor: at }, effects: EditorView.scrollIntoView(at, { y: 'center' }) });
    this.view.focus();
  }

  /** The keys the schema allows at the cursor, found from the keys of the lines above. */
  private complete(ctx: CompletionContext): CompletionResult | null {
    const schema = this.schema();
    if (!schema) return null;
    const line = ctx.state.doc.lineAt(ctx.pos);
    const before = line.text.slice(0, ctx.pos - line.from);
    const m = /^(\s*)(- )?([A-Za-z_]*)$/.exec(before);
    if (!m || (!ctx.explicit && m[3] === '' && !m[2])) return null;
    const path: ('[]' | string)[] = [];
    let want = m[1]!.length + (m[2] ? 2 : 0);
    if (m[2]) path.unshift('[]');
    for (let n = line.number - 1; n >= 1 && want > 0; n--) {
      const text = ctx.state.doc.line(n).text;
      if (/^\s*(#.*)?$/.test(text)) continue;
      const k = /^(\s*)(- )?(?:([A-Za-z_][\w]*)\s*:)?/.exec(text)!;
      const dash = k[1]!.length;
      const keyAt = dash + (k[2] ? 2 : 0);
      if (k[3] && keyAt < want) {
        path.unshift(k[3]);
        want = keyAt;
      }
      if (k[2] && dash < want) {
        path.unshift('[]');
        want = dash;
      }
    }
    let node: SchemaNode | undefined = schema;
    for (const step of path) node = node && (step === '[]' ? merged(node).items : merged(node).properties?.[step]);
    const props = node && merged(node).properties;
    if (!props) return null;
    return {
      from: line.from + before.length - m[3]!.length,
      options: Object.entries(props).map(([key, s]) => ({ label: key, type: 'property', detail: s.description ?? '', apply: `${key}: ` })),
      validFor: /^[A-Za-z_]*$/,
    };
  }
}

/** anyOf alternatives (an item given as text or as a map) read as one. */
function merged(node: SchemaNode): SchemaNode {
  if (!node.anyOf) return node;
  const out: SchemaNode = { ...node };
  for (const alt of node.anyOf) {
    const a = merged(alt);
    if (a.properties) out.properties = { ...out.properties, ...a.properties };
    if (a.items) out.items = out.items ?? a.items;
  }
  return out;
}
