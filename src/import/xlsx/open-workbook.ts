import { createRequire } from 'node:module';
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type * as ExcelJS from 'exceljs';
import { InputError } from '../../model/diagnostics.js';

/** Loaded on first use: only an xlsx import pays for it. */
const excel = (): typeof ExcelJS => createRequire(import.meta.url)('exceljs') as typeof ExcelJS;

/** A workbook of nine tables is some hundred KB; one far larger is not a form set. */
const MAX_BYTES = 64 * 1024 * 1024;

const ZIP = Buffer.from('PK\x03\x04', 'latin1');
/** OLE compound file: an encrypted .xlsx (Office wraps it so) or an old .xls. */
const CFB = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

export type WorkbookKind = 'xlsx' | 'cfb' | 'other';

/** What a file is by its first bytes, whatever its name says. */
export function workbookKind(head: Buffer): WorkbookKind {
  if (head.subarray(0, 4).equals(ZIP)) return 'xlsx';
  if (head.subarray(0, 8).equals(CFB)) return 'cfb';
  return 'other';
}

function unreadable(file: string, rule: string, message: string): never {
  throw new InputError([{ severity: 'error', rule, message, file: basename(file) }], 2);
}

/**
 * The workbook, or exit 2 with what is wrong with the file: not a workbook, password-protected,
 * the old .xls format, damaged. Formulas come back with the values last calculated.
 */
export async function openWorkbook(file: string): Promise<ExcelJS.Workbook> {
  let bytes: Buffer;
  try {
    if (statSync(file).size > MAX_BYTES) unreadable(file, 'xlsx-too-large', `文件超过 ${MAX_BYTES / 1024 / 1024} MB，不像是决算公开表的工作簿`);
    bytes = readFileSync(file);
  } catch (e) {
    if (e instanceof InputError) throw e;
    unreadable(file, 'xlsx-unreadable', `无法读取文件：${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const kind = workbookKind(bytes);
  if (kind === 'cfb') {
    if (bytes.includes(Buffer.from('EncryptedPackage', 'utf16le'))) {
      unreadable(file, 'xlsx-encrypted', '工作簿设有打开密码（已加密），无法读取；请在 Excel 中去掉密码（文件→信息→保护工作簿→用密码进行加密，清空）后另存，再导入');
    }
    unreadable(file, 'xlsx-old-format', '这是旧版 Excel 97-2003 工作簿（.xls），无法读取；请在 Excel 或 WPS 中另存为 .xlsx 后再导入');
  }
  if (kind !== 'xlsx') unreadable(file, 'xlsx-not-workbook', '不是 Excel 工作簿（.xlsx）');
  const wb = new (excel().Workbook)();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    unreadable(file, 'xlsx-damaged', '工作簿已损坏，无法读取（可在 Excel 或 WPS 中打开修复后另存为 .xlsx）');
  }
  return wb;
}
