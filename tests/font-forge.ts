import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Fonts made for tests from the fonts the tool ships with, and a copy of the tool to render with them. */

export const ROOT = resolve(__dirname, '..');
const NOTO = join(ROOT, 'node_modules/@expo-google-fonts');
export const FONT = {
  serifRegular: join(NOTO, 'noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf'),
  serifBold: join(NOTO, 'noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf'),
  sansRegular: join(NOTO, 'noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
  sansBold: join(NOTO, 'noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'),
} as const;

interface TableEntry {
  tag: string;
  offset: number;
  length: number;
}

/** The table directory of an sfnt font. */
export function tableDirectory(font: Uint8Array): TableEntry[] {
  const v = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const out: TableEntry[] = [];
  for (let i = 0; i < v.getUint16(4); i++) {
    const at = 12 + i * 16;
    out.push({ tag: String.fromCharCode(...font.subarray(at, at + 4)), offset: v.getUint32(at + 8), length: v.getUint32(at + 12) });
  }
  return out;
}

/**
 * A copy of `font` whose PostScript name (name ID 6, every platform) is `name`: the name table is
 * rebuilt and appended at the end, its directory entry (offset, length, checksum) pointed at it.
 * Nothing else changes: the outlines, cmap and metrics stay those of `font`.
 */
export function withPostScriptName(font: Uint8Array, name: string): Buffer {
  const src = Buffer.from(font);
  const dir = tableDirectory(src);
  const nameTable = dir.find((t) => t.tag === 'name')!;
  const v = new DataView(src.buffer, src.byteOffset, src.byteLength);
  const at = nameTable.offset;
  if (v.getUint16(at) !== 0) throw new Error('only name table version 0 is handled');
  const count = v.getUint16(at + 2);
  const storage = at + v.getUint16(at + 4);
  const records: { head: Buffer; text: Buffer }[] = [];
  for (let i = 0; i < count; i++) {
    const r = at + 6 + i * 12;
    const platform = v.getUint16(r);
    const nameId = v.getUint16(r + 6);
    let text = src.subarray(storage + v.getUint16(r + 10), storage + v.getUint16(r + 10) + v.getUint16(r + 8));
    if (nameId === 6) text = platform === 1 ? Buffer.from(name, 'latin1') : Buffer.from(name, 'utf16le').swap16();
    records.push({ head: src.subarray(r, r + 8), text: Buffer.from(text) });
  }
  const header = Buffer.alloc(6 + count * 12);
  header.writeUInt16BE(0, 0);
  header.writeUInt16BE(count, 2);
  header.writeUInt16BE(header.length, 4);
  let offset = 0;
  records.forEach((rec, i) => {
    rec.head.copy(header, 6 + i * 12);
    header.writeUInt16BE(rec.text.length, 6 + i * 12 + 8);
    header.writeUInt16BE(offset, 6 + i * 12 + 10);
    offset += rec.text.length;
  });
  const table = Buffer.concat([header, ...records.map((r) => r.text)]);
  const base = (src.length + 3) & ~3;
  const out = Buffer.concat([src, Buffer.alloc(base - src.length), table, Buffer.alloc(((table.length + 3) & ~3) - table.length)]);
  const record = 12 + dir.indexOf(nameTable) * 16;
  out.writeUInt32BE(sfntChecksum(table), record + 4);
  out.writeUInt32BE(base, record + 8);
  out.writeUInt32BE(table.length, record + 12);
  return out;
}

function sfntChecksum(bytes: Uint8Array): number {
  const padded = Buffer.concat([Buffer.from(bytes), Buffer.alloc((4 - (bytes.length % 4)) % 4)]);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
  return sum;
}

const scratchDirs: string[] = [];

/** A temporary folder, removed by removeScratch (fonts are tens of megabytes, tool copies six). */
export function scratch(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratchDirs.push(dir);
  return dir;
}

export function removeScratch(): void {
  for (const dir of scratchDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export type Roles = Record<'title' | 'heading' | 'body' | 'bold' | 'table', string>;

/** The fonts the tool ships with, role by role (fonts/fonts.yaml). */
export const SHIPPED: Roles = {
  title: FONT.serifBold,
  heading: FONT.sansBold,
  body: FONT.serifRegular,
  bold: FONT.serifBold,
  table: FONT.serifRegular,
};

export function fontsYaml(roles: Roles): string {
  return Object.entries(roles).map(([role, file]) => `${role}: ${JSON.stringify(file)}\n`).join('');
}

/**
 * A copy of the built tool (bin, dist, templates, package.json; node_modules linked) whose
 * fonts/fonts.yaml maps the roles to `roles`: the tool reads its font config from its own folder.
 */
export function toolWithFonts(roles: Roles | string): string {
  const dir = scratch('juesuan-tool-');
  for (const part of ['bin', 'dist', 'templates', 'profiles', 'package.json']) cpSync(join(ROOT, part), join(dir, part), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  mkdirSync(join(dir, 'fonts'));
  writeFileSync(join(dir, 'fonts/fonts.yaml'), typeof roles === 'string' ? roles : fontsYaml(roles));
  return dir;
}

/** Runs a tool copy's command line (no caches: the copy is a fresh install). */
export function spawnTool(tool: string, args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(tool, 'bin/juesuan.js'), ...args], {
    cwd: tool, encoding: 'utf8', env: { ...process.env, JUESUAN_CACHE_DIR: 'off' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
