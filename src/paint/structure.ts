import type { StructNode } from '../layout/types.js';
import type { Doc, StructElementLike } from './pdfkit-internals.js';

/**
 * Tagged PDF: the layout's structure nodes become pdfkit structure elements (created when their
 * first content is painted, so children follow reading order), content is wrapped in marked
 * content sequences attached to them; everything else (page numbers, table borders, repeated
 * header rows) is marked as an artifact.
 */
export class StructurePainter {
  private readonly elements = new Map<number, StructElementLike>();
  private open: number | 'artifact' | null = null;
  private content: unknown = null;

  constructor(
    private readonly doc: Doc,
    private readonly nodes: StructNode[],
    lang: string,
  ) {
    const root = doc.struct('Document', lang ? { lang } : {});
    doc.addStructure(root);
    this.elements.set(0, root);
  }

  isOpen(struct: number | undefined): boolean {
    return this.open === (struct ?? 'artifact');
  }

  /** Makes sure the marked-content sequence for `struct` (or an artifact) is the open one. */
  enter(struct: number | undefined): void {
    const key = struct ?? 'artifact';
    if (this.open === key) return;
    this.close();
    if (key === 'artifact') {
      this.doc.markContent('Artifact', { type: 'Layout' });
    } else {
      const node = this.nodes[key];
      if (!node) throw new Error(`structure node ${key} does not exist`);
      this.content = this.doc.markStructureContent(node.type);
    }
    this.open = key;
  }

  /** Ends the open sequence (before a page ends). */
  close(): void {
    if (this.open === null) return;
    this.doc.endMarkedContent();
    if (this.open !== 'artifact') this.element(this.open).add(this.content);
    this.open = null;
    this.content = null;
  }

  private element(i: number): StructElementLike {
    let el = this.elements.get(i);
    if (el) return el;
    const node = this.nodes[i]!;
    el = this.doc.struct(node.type, node.alt ? { alt: node.alt } : {});
    this.element(node.parent ?? 0).add(el);
    this.elements.set(i, el);
    return el;
  }
}
