/**
 * A PDF or xlsx dropped on the page becomes a new department file through `juesuan import`. The
 * import writes no department file yet (src/cli/import.ts prints what it read, --dump-json), so
 * the studio says so and writes nothing. When import can write one, this is where it is called:
 * with the uploaded bytes in a temporary file and the new file's path inside the data folder
 * (safety.resolveInside(root, name, { mustExist: false })).
 */
export class ImportUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportUnavailable';
  }
}

export async function importUpload(_root: string, name: string, _bytes: Buffer): Promise<{ path: string }> {
  if (!/\.(pdf|xlsx)$/i.test(name)) throw new ImportUnavailable(`只能导入已公开的决算 PDF 或 Excel（.xlsx）文件，“${name || '（无文件名）'}”不是。未写入任何文件。`);
  throw new ImportUnavailable(`暂不能导入“${name}”：从 PDF 或 Excel 生成部门数据文件的功能（juesuan import）尚未提供。未写入任何文件。`);
}
