import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';

/** The Chromium of the machine (Debian's `chromium`), or null when there is none. */
export function chromiumPath(): string | null {
  for (const p of [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']) {
    if (p && existsSync(p) && spawnSync(p, ['--version'], { encoding: 'utf8' }).status === 0) return p;
  }
  return null;
}

interface Message {
  id?: number;
  method?: string;
  params?: any;
  result?: any;
  error?: { message: string };
  sessionId?: string;
}

/**
 * A headless Chromium driven over the DevTools protocol on a pipe (--remote-debugging-pipe: JSON
 * messages ended by NUL on fds 3 and 4), so no WebSocket client or browser library is needed.
 * One page; every event of it is kept in `events`.
 */
export class Browser {
  readonly events: Message[] = [];
  private nextId = 1;
  private waiting = new Map<number, { resolve: (r: any) => void; reject: (e: Error) => void }>();
  private listeners: ((m: Message) => void)[] = [];
  private session = '';
  private constructor(
    private child: ReturnType<typeof spawn>,
    private profile: string,
  ) {
    const out = child.stdio[4] as Readable;
    let buf = Buffer.alloc(0);
    out.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      for (let i = buf.indexOf(0); i >= 0; i = buf.indexOf(0)) {
        const msg = JSON.parse(buf.subarray(0, i).toString('utf8')) as Message;
        buf = buf.subarray(i + 1);
        this.dispatch(msg);
      }
    });
  }

  static async open(width = 1280, height = 900): Promise<Browser> {
    const exe = chromiumPath();
    if (!exe) throw new Error('no chromium on this machine');
    const profile = mkdtempSync(join(tmpdir(), 'juesuan-chromium-'));
    const child = spawn(
      exe,
      ['--headless', '--no-sandbox', '--disable-gpu', '--remote-debugging-pipe', `--user-data-dir=${profile}`, '--no-first-run', '--no-default-browser-check', '--disable-extensions', '--disable-background-networking', '--disable-sync', '--disable-component-update', '--hide-scrollbars', '--mute-audio', 'about:blank'],
      { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
    );
    const b = new Browser(child, profile);
    const { targetId } = await b.send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await b.send('Target.attachToTarget', { targetId, flatten: true });
    b.session = sessionId;
    for (const domain of ['Page', 'Runtime', 'Log', 'Network']) await b.page(`${domain}.enable`);
    await b.page('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: false });
    return b;
  }

  private dispatch(msg: Message): void {
    if (msg.id !== undefined && this.waiting.has(msg.id)) {
      const w = this.waiting.get(msg.id)!;
      this.waiting.delete(msg.id);
      if (msg.error) w.reject(new Error(msg.error.message));
      else w.resolve(msg.result);
      return;
    }
    if (msg.method) {
      this.events.push(msg);
      for (const l of this.listeners) l(msg);
    }
  }

  /** A command to the browser (no session) or, with `page`, to the page. */
  send(method: string, params: object = {}, sessionId?: string): Promise<any> {
    const id = this.nextId++;
    const input = this.child.stdio[3] as Writable;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      input.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  }

  page(method: string, params: object = {}): Promise<any> {
    return this.send(method, params, this.session);
  }

  /** Loads a URL and waits for its load event. */
  async goto(url: string): Promise<void> {
    const loaded = new Promise<void>((resolve) => {
      const l = (m: Message) => {
        if (m.method === 'Page.loadEventFired') {
          this.listeners = this.listeners.filter((x) => x !== l);
          resolve();
        }
      };
      this.listeners.push(l);
    });
    await this.page('Page.navigate', { url });
    await loaded;
  }

  /** Evaluates an expression in the page (DevTools evaluation: the page's CSP does not apply) and returns its value. */
  async eval<T = unknown>(expression: string): Promise<T> {
    const r = await this.page('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
    if (r.exceptionDetails) throw new Error(`in the page: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
    return r.result.value as T;
  }

  /** The whole page as PNG bytes. */
  async screenshot(): Promise<Buffer> {
    const r = await this.page('Page.captureScreenshot', { format: 'png', captureBeyondViewport: true });
    return Buffer.from(r.data, 'base64');
  }

  async close(): Promise<void> {
    const gone = new Promise((resolve) => this.child.once('exit', resolve));
    try {
      await Promise.race([this.send('Browser.close'), new Promise((r) => setTimeout(r, 3000))]);
    } catch {
      /* closing anyway */
    }
    await Promise.race([gone, new Promise((r) => setTimeout(r, 3000))]);
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
    rmSync(this.profile, { recursive: true, force: true });
  }
}
