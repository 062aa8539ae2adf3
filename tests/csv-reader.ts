/**
 * RFC 4180, as a spreadsheet reads it: quoted fields may hold commas, doubled quotes and line
 * breaks; rows end in CRLF (what findings.csv promises), or in LF where the writer is LibreOffice
 * on Linux (`rowEnd: '\n'`). A line break of the other kind outside quotes is an error.
 */
export function readCsv(text: string, { rowEnd = '\r\n' }: { rowEnd?: '\r\n' | '\n' } = {}): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (text.startsWith(rowEnd, i)) {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += rowEnd.length - 1;
    } else if (c === '\n' || c === '\r') throw new Error(`bare line break outside quotes at ${i}`);
    else cell += c;
  }
  if (cell !== '' || row.length) throw new Error('last row not ended by its line break');
  return rows;
}
