/**
 * What a report prints, as the rules that read printed words see it. It comes from two places:
 * the templates' output when the source is a department file, and the text layer of a PDF when
 * the source is a published report (`juesuan check <report.pdf>`). The rules never know which.
 */
export type PrintedKind =
  | 'cover'
  | 'title'
  | 'heading'
  | 'paragraph'
  | 'table-title'
  | 'table-header'
  | 'table-note'
  | 'chart-label'
  | 'other';

export interface PrintedText {
  /** One paragraph, title, header line, note or label, as printed (NFC). */
  text: string;
  kind: PrintedKind;
  /** 1-based page of the PDF where it is printed, when known. */
  page?: number;
  /** The narrative section id or the table key it belongs to, when known. */
  section?: string;
}
