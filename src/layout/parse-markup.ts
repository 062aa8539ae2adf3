import type {
  Align, Block, ChartBlock, CoverBlock, Inline, MarkupDocument, ParagraphAlign, Section, TableBlock,
  TableCell, TableRow, VAlign,
} from './markup-model.js';
import { markupTree, type MarkupElement, type MarkupNode, type MarkupText } from './markup-tree.js';
import { STYLE } from './style.js';
import { collapseWhitespace } from './whitespace.js';

/** A markup that does not follow docs/markup.md; names the element and its line. */
export class MarkupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MarkupError';
  }
}

const PARAGRAPH_ALIGNS = new Set(['justify', 'left', 'center', 'right']);
const ALIGNS = new Set(['left', 'center', 'right']);
const VALIGNS = new Set(['top', 'middle', 'bottom']);

class Parser {
  constructor(private readonly source: string) {}

  fail(el: MarkupElement | null, message: string): never {
    let where = '';
    if (el) {
      let line = 1;
      for (let i = 0; i < el.startIndex; i++) if (this.source.charCodeAt(i) === 10) line++;
      where = ` (line ${line})`;
    }
    throw new MarkupError(`Markup: ${el ? `<${el.name}>` : ''}${where}: ${message}`);
  }

  document(): MarkupDocument {
    const roots = markupTree(this.source).filter(isTag);
    if (roots.length !== 1 || roots[0]!.name !== 'document') {
      this.fail(null, 'the markup must have exactly one root element <document>');
    }
    const root = roots[0]!;
    this.noStrayText(root);
    const sections: Section[] = [];
    for (const el of root.children.filter(isTag)) {
      if (el.name !== 'section') this.fail(el, 'only <section> may stand directly in <document>');
      sections.push(this.section(el));
    }
    return { meta: { ...root.attribs }, sections };
  }

  private noStrayText(el: MarkupElement): void {
    for (const c of el.children) {
      if (isText(c) && c.data.trim() !== '') {
        this.fail(el, `text "${c.data.trim().slice(0, 20)}" must be inside a paragraph or heading`);
      }
    }
  }

  private section(el: MarkupElement): Section {
    const numbering = el.attribs.numbering ?? 'none';
    if (numbering !== 'none' && numbering !== 'arabic') this.fail(el, `numbering="${numbering}" (none|arabic)`);
    const orientation = el.attribs.orientation ?? 'portrait';
    if (orientation !== 'portrait' && orientation !== 'landscape') {
      this.fail(el, `orientation="${orientation}" (portrait|landscape)`);
    }
    return { numbering, orientation, blocks: this.blocks(el) };
  }

  private blocks(parent: MarkupElement): Block[] {
    this.noStrayText(parent);
    const out: Block[] = [];
    for (const el of parent.children.filter(isTag)) out.push(this.block(el));
    return out;
  }

  private block(el: MarkupElement): Block {
    switch (el.name) {
      case 'cover':
        return this.cover(el);
      case 'toc': {
        const depth = el.attribs.depth === undefined ? 3 : Number(el.attribs.depth);
        if (![1, 2, 3].includes(depth)) this.fail(el, `depth="${el.attribs.depth}" (1|2|3)`);
        const indent = el.attribs.indent ?? '1';
        if (indent !== '0' && indent !== '1') this.fail(el, `indent="${indent}" (0|1)`);
        return { kind: 'toc', title: el.attribs.title ?? '目 录', depth, indent: indent === '1' };
      }
      case 'h1':
      case 'h2':
      case 'h3': {
        const content = this.inlines(el, false);
        const toc = el.attribs.toc;
        const plain = inlineText(content);
        return {
          kind: 'heading',
          level: Number(el.name[1]) as 1 | 2 | 3,
          content,
          tocText: toc === 'no' ? null : toc !== undefined && toc !== '' ? toc : plain,
        };
      }
      case 'p': {
        const align = el.attribs.align ?? 'justify';
        if (!PARAGRAPH_ALIGNS.has(align)) this.fail(el, `align="${align}"`);
        return {
          kind: 'p',
          content: this.inlines(el, true),
          indent: el.attribs.indent !== '0',
          align: align as ParagraphAlign,
        };
      }
      case 'pagebreak':
        return { kind: 'pagebreak' };
      case 'keep':
        return { kind: 'keep', blocks: this.blocks(el) };
      case 'table':
        return this.table(el);
      case 'chart':
        return this.chart(el);
      default:
        return this.fail(el, 'unknown element (see docs/markup.md)');
    }
  }

  private cover(el: MarkupElement): CoverBlock {
    this.noStrayText(el);
    const titles: Inline[][] = [];
    const dates: Inline[][] = [];
    for (const c of el.children.filter(isTag)) {
      if (c.name === 'cover-title') titles.push(this.inlines(c, false));
      else if (c.name === 'cover-date') dates.push(this.inlines(c, false));
      else this.fail(c, 'only <cover-title> and <cover-date> may stand in <cover>');
    }
    return { kind: 'cover', titles, dates };
  }

  /** Inline content: text, <b>, <br/>, <checkbox/>; whitespace from the markup's indentation collapsed. */
  inlines(el: MarkupElement, allowBold: boolean): Inline[] {
    const raw: Inline[] = [];
    const walk = (node: MarkupNode, bold: boolean): void => {
      if (isText(node)) {
        raw.push({ kind: 'text', text: node.data, bold });
        return;
      }
      switch (node.name) {
        case 'b':
          for (const c of node.children) walk(c, allowBold);
          return;
        case 'br':
          raw.push({ kind: 'br' });
          return;
        case 'checkbox': {
          const v = node.attribs.checked;
          raw.push({ kind: 'checkbox', checked: v === '1' || v === 'true' || v === 'checked' });
          return;
        }
        default:
          this.fail(node, `not allowed inside <${el.name}> (inline content is text, <b>, <br/>, <checkbox/>)`);
      }
    };
    for (const c of el.children) walk(c, false);
    return collapseWhitespace(raw);
  }

  private table(el: MarkupElement): TableBlock {
    this.noStrayText(el);
    const a = el.attribs;
    let widths: number[] | null = null;
    if (a.widths !== undefined && a.widths.trim() !== '') {
      widths = a.widths.trim().split(/[\s,]+/).map(Number);
      if (widths.some((w) => !(w > 0))) this.fail(el, `widths="${a.widths}": positive numbers, one per column`);
    }
    let fontSize: number | null = null;
    if (a['font-size'] !== undefined) {
      fontSize = Number(a['font-size']);
      if (!(fontSize >= STYLE.table.minSize)) {
        this.fail(el, `font-size="${a['font-size']}": at least ${STYLE.table.minSize} pt`);
      }
    }
    let padY: number | null = null;
    if (a['pad-y'] !== undefined) {
      padY = Number(a['pad-y']);
      if (!(padY >= 0 && padY <= STYLE.table.padY)) this.fail(el, `pad-y="${a['pad-y']}": 0 to ${STYLE.table.padY} pt`);
    }
    const head: TableRow[] = [];
    const body: TableRow[] = [];
    const notes: Inline[][] = [];
    for (const c of el.children.filter(isTag)) {
      if (c.name === 'thead') head.push(...this.rows(c));
      else if (c.name === 'tbody') body.push(...this.rows(c));
      else if (c.name === 'tr') body.push(this.row(c));
      else if (c.name === 'note') notes.push(this.inlines(c, true));
      else this.fail(c, 'only <thead>, <tbody>, <tr> and <note> may stand in <table>');
    }
    const toc = a.toc;
    const titleStyle = a['title-style'] ?? 'form';
    if (titleStyle !== 'form' && titleStyle !== 'plain') this.fail(el, `title-style="${titleStyle}" (form|plain)`);
    return {
      kind: 'table',
      form: a.form ?? '',
      title: a.title ?? '',
      titleStyle,
      continued: a.continued ?? '',
      tocText: toc !== undefined && toc !== '' && toc !== 'no' ? toc : null,
      left: a.left ?? '',
      right: a.right ?? '',
      widths,
      fontSize,
      padY,
      head,
      body,
      notes,
    };
  }

  private rows(el: MarkupElement): TableRow[] {
    this.noStrayText(el);
    return el.children.filter(isTag).map((c) => {
      if (c.name !== 'tr') this.fail(c, `only <tr> may stand in <${el.name}>`);
      return this.row(c);
    });
  }

  private row(el: MarkupElement): TableRow {
    this.noStrayText(el);
    const cells: TableCell[] = el.children.filter(isTag).map((c) => {
      if (c.name !== 'td' && c.name !== 'th') this.fail(c, 'only <td> may stand in <tr>');
      const colspan = intAttr(this, c, 'colspan');
      const rowspan = intAttr(this, c, 'rowspan');
      const align = c.attribs.align;
      if (align !== undefined && !ALIGNS.has(align)) this.fail(c, `align="${align}"`);
      const valign = c.attribs.valign;
      if (valign !== undefined && !VALIGNS.has(valign)) this.fail(c, `valign="${valign}"`);
      const nowrap = c.attribs.nowrap;
      return {
        content: this.inlines(c, true),
        colspan,
        rowspan,
        align: align as Align | undefined,
        valign: valign as VAlign | undefined,
        nowrap: nowrap === '1' || nowrap === 'true' || nowrap === 'nowrap',
      };
    });
    return { cells };
  }

  private chart(el: MarkupElement): ChartBlock {
    this.noStrayText(el);
    const a = el.attribs;
    const caption = a.caption ?? '';
    const unit = a.unit ?? '';
    const num = (e: MarkupElement, name: string): number => {
      const v = Number(e.attribs[name]);
      if (e.attribs[name] === undefined || !Number.isFinite(v)) this.fail(e, `${name}="${e.attribs[name] ?? ''}" must be a number`);
      return v;
    };
    if (a.kind === 'bars') {
      const series: string[] = [];
      const groups: { label: string; bars: { value: number; text: string }[] }[] = [];
      for (const c of el.children.filter(isTag)) {
        if (c.name === 'series') series.push(c.attribs.name ?? '');
        else if (c.name === 'group') {
          this.noStrayText(c);
          const bars = c.children.filter(isTag).map((b) => {
            if (b.name !== 'bar') this.fail(b, 'only <bar> may stand in <group>');
            const value = num(b, 'value');
            return { value, text: b.attribs.text ?? String(value) };
          });
          groups.push({ label: c.attribs.label ?? '', bars });
        } else this.fail(c, 'only <series> and <group> may stand in a bars <chart>');
      }
      if (groups.length === 0) this.fail(el, 'a bars chart needs at least one <group>');
      const n = Math.max(series.length, ...groups.map((g) => g.bars.length));
      while (series.length < n) series.push('');
      return { kind: 'chart', type: 'bars', caption, unit, series, groups };
    }
    if (a.kind === 'pie') {
      const slices = el.children.filter(isTag).map((c) => {
        if (c.name !== 'slice') this.fail(c, 'only <slice> may stand in a pie <chart>');
        const value = num(c, 'value');
        if (value < 0) this.fail(c, 'a pie slice cannot be negative');
        return { label: c.attribs.label ?? '', value, text: c.attribs.text ?? '' };
      });
      if (slices.length === 0) this.fail(el, 'a pie chart needs at least one <slice>');
      return { kind: 'chart', type: 'pie', caption, unit, slices };
    }
    return this.fail(el, `kind="${a.kind ?? ''}" (bars|pie)`);
  }
}

function intAttr(p: Parser, el: MarkupElement, name: string): number {
  const v = el.attribs[name];
  if (v === undefined || v === '') return 1;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) p.fail(el, `${name}="${v}" must be a positive integer`);
  return n;
}

const isTag = (node: MarkupNode): node is MarkupElement => node.type === 'tag';
const isText = (node: MarkupNode): node is MarkupText => node.type === 'text';

export function inlineText(content: Inline[]): string {
  return content.map((i) => (i.kind === 'text' ? i.text : i.kind === 'br' ? '' : '□')).join('');
}

export function parseMarkup(markup: string): MarkupDocument {
  return new Parser(markup).document();
}
