/**
 * An amount as the form prints it ("15,180.88", "19.6", "0.00") → the number a spreadsheet keeps
 * and the display format that shows it the same way: two decimals with thousands separators, or
 * the decimals the form prints where a table keeps the written precision (Wuhan's 三公 table).
 */
const PRINTED_AMOUNT = /^-?\d{1,3}(,\d{3})*(\.\d+)?$|^-?\d+(\.\d+)?$/;

export function amountCell(text: string): { value: number; numFmt: string } | undefined {
  if (!PRINTED_AMOUNT.test(text)) return undefined;
  const plain = text.replace(/,/g, '');
  const decimals = plain.includes('.') ? plain.length - plain.indexOf('.') - 1 : 0;
  return { value: Number(plain), numFmt: decimals === 0 ? '#,##0' : `#,##0.${'0'.repeat(decimals)}` };
}

export const AMOUNT_FORMAT = '#,##0.00';
