import type { Inline } from './markup-model.js';

/** ASCII whitespace only: U+3000 (full-width space, used to indent names) is content. */
const WS = /[ \t\r\n]+/g;
const HAS_WS = /[ \t\r\n]/;

function isWide(ch: string | undefined): boolean {
  return ch !== undefined && ch.charCodeAt(0) > 0x2e7f;
}

/**
 * Collapses the markup's whitespace: a run with a newline beside a CJK character (or at a
 * boundary) disappears — Chinese has no inter-word spaces — otherwise it becomes one space;
 * whitespace at the start and end of the block and around <br/> is dropped.
 */
export function collapseWhitespace(raw: Inline[]): Inline[] {
  // Most table cells: one piece of text without whitespace, nothing to do.
  const only = raw.length === 1 ? raw[0]! : null;
  if (only && only.kind === 'text' && only.text !== '' && !HAS_WS.test(only.text)) return raw;
  // Merge adjacent text pieces of the same weight.
  const merged: Inline[] = [];
  for (const it of raw) {
    const last = merged[merged.length - 1];
    if (it.kind === 'text' && last && last.kind === 'text' && last.bold === it.bold) last.text += it.text;
    else merged.push(it.kind === 'text' ? { ...it } : it);
  }
  const charBefore = (i: number): string | undefined => {
    for (let k = i - 1; k >= 0; k--) {
      const it = merged[k]!;
      if (it.kind !== 'text') return it.kind === 'br' ? undefined : '□';
      const t = it.text.replace(/[ \t\r\n]+$/, '');
      if (t) return t[t.length - 1];
    }
    return undefined;
  };
  const charAfter = (i: number): string | undefined => {
    for (let k = i + 1; k < merged.length; k++) {
      const it = merged[k]!;
      if (it.kind !== 'text') return it.kind === 'br' ? undefined : '□';
      const t = it.text.replace(/^[ \t\r\n]+/, '');
      if (t) return t[0];
    }
    return undefined;
  };
  const out: Inline[] = [];
  for (let i = 0; i < merged.length; i++) {
    const it = merged[i]!;
    if (it.kind !== 'text') {
      out.push(it);
      continue;
    }
    const text = it.text;
    const collapsed = !HAS_WS.test(text) ? text : text.replace(WS, (m, offset: number) => {
      const before = offset > 0 ? text[offset - 1] : charBefore(i);
      const end = offset + m.length;
      const after = end < text.length ? text[end] : charAfter(i);
      if (before === undefined || after === undefined) return '';
      if (m.includes('\n') && (isWide(before) || isWide(after))) return '';
      return ' ';
    });
    if (collapsed !== '') out.push({ kind: 'text', text: collapsed, bold: it.bold });
  }
  // A space kept at both sides of a boundary between two pieces would double.
  for (let i = 1; i < out.length; i++) {
    const a = out[i - 1]!;
    const b = out[i]!;
    if (a.kind === 'text' && b.kind === 'text' && a.text.endsWith(' ') && b.text.startsWith(' ')) {
      b.text = b.text.slice(1);
    }
  }
  return out.filter((it) => it.kind !== 'text' || it.text !== '');
}
