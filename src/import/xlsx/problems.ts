import { basename } from 'node:path';
import type { Diagnostic, Severity } from '../../model/diagnostics.js';

/**
 * Findings about a workbook, each at its place as a spreadsheet user names it: `book.xlsx!Sheet!C12`
 * (the sheet alone when the problem is the sheet's, the book alone when it is the workbook's).
 */
export class Problems {
  readonly list: Diagnostic[] = [];
  constructor(readonly book: string) {}

  add(severity: Severity, rule: string, message: string, sheet?: string, address?: string): void {
    const place = [basename(this.book), sheet, address].filter((p) => p !== undefined).join('!');
    this.list.push({ severity, rule, message, file: place });
  }

  error(rule: string, message: string, sheet?: string, address?: string): void {
    this.add('error', rule, message, sheet, address);
  }

  get errors(): number {
    return this.list.filter((d) => d.severity === 'error').length;
  }
}
