import type { Doc } from './pdfkit-internals.js';

export interface Attachment {
  name: string;
  content: Buffer;
  mime: string;
  description: string;
  relationship?: 'Source' | 'Data' | 'Supplement';
}

/**
 * Embedded files (PDF/A-3 associated files): MIME subtype, description, AFRelationship, and the
 * report's date as their creation and modification dates (pdfkit would stat a path; we pass bytes).
 */
export function paintAttachments(doc: Doc, attachments: Attachment[], date: Date): void {
  for (const a of attachments) {
    doc.file(new Uint8Array(a.content.buffer, a.content.byteOffset, a.content.byteLength), {
      name: a.name,
      type: a.mime,
      description: a.description,
      relationship: a.relationship ?? 'Unspecified',
      creationDate: date,
      modifiedDate: date,
    });
  }
}
