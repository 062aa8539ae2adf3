import { parseArgs } from 'node:util';
import { statSync } from 'node:fs';
import { UsageError } from '../failure/usage-error.js';

/**
 * `juesuan studio [dir] [--port N] [--host H]`: the officer's page in the browser, served from
 * this machine only (src/studio). Runs until interrupted.
 */
export async function studio(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { port: { type: 'string' }, host: { type: 'string' } }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UsageError('studio 只接受一个数据文件夹');
  const dir = positionals[0] ?? 'data';
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    // said below
  }
  if (!isDir) throw new UsageError(`数据文件夹不存在：${dir}`);
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port 应为 0–65535 的整数，而不是 ${values.port}`);
  const { startStudio } = await import('../studio/server.js');
  let running;
  try {
    running = await startStudio({ dir, port, host: values.host });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UsageError(`端口 ${port} 已被占用，请换一个（--port）或不指定`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new UsageError(`无法在 ${values.host} 上监听`);
    throw e;
  }
  process.stdout.write(`决算工作台已启动（数据文件夹：${running.workspace.root}）\n请在浏览器中打开：\n  ${running.url}\n按 Ctrl+C 结束。\n`);
  if (values.host && values.host !== '127.0.0.1' && values.host !== 'localhost') {
    process.stderr.write(`juesuan: 注意：工作台在 ${values.host} 上监听，同一网络中知道链接的人也能打开\n`);
  }
  await new Promise<void>((resolve) => {
    const stop = () => running.close().then(resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
