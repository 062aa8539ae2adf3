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

/**
 * Why a file operation failed, in an officer's words (the system's message for anything unusual):
 * the batch's wording, which says more than fsErrorText about a file gone in the middle of a run.
 */
export function fsProblem(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err?.code) {
    case 'EACCES':
    case 'EPERM':
      return '没有权限';
    case 'ENOENT':
      return '文件不存在（运行中被移走或删除？）';
    case 'EISDIR':
      return '是文件夹，不是文件';
    case 'ENOTDIR':
      return '路径中有一段是文件，不是文件夹';
    case 'EROFS':
      return '所在的磁盘是只读的';
    case 'ENOSPC':
      return '磁盘已满';
    case 'EIO':
      return '读写出错（磁盘或网络盘故障？）';
    default:
      return err?.message ?? String(e);
  }
}

/** A Node file-system error (it carries the system call that failed). */
export function isFsError(e: unknown): e is NodeJS.ErrnoException {
  const err = e as NodeJS.ErrnoException;
  return typeof err?.code === 'string' && typeof err.syscall === 'string';
}
