/** Why a file could not be read or written, in the officer's words (never a bare errno). */
export function fsErrorText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err?.code) {
    case 'ENOENT':
      return '文件或文件夹不存在';
    case 'EACCES':
    case 'EPERM':
      return '没有权限';
    case 'EISDIR':
      return '这是一个文件夹，不是文件';
    case 'ENOTDIR':
      return '路径中有一段不是文件夹';
    case 'EROFS':
      return '所在磁盘是只读的';
    case 'ENOSPC':
      return '磁盘空间不足';
    case 'EDQUOT':
      return '超出磁盘配额';
    case 'ENAMETOOLONG':
      return '文件名过长';
    case 'EBUSY':
      return '文件正被占用';
    case 'EMFILE':
    case 'ENFILE':
      return '打开的文件过多';
    case 'EIO':
      return '读写设备出错';
    default:
      return err?.code ? `${err.code}：${err.message}` : String(err?.message ?? e);
  }
}
