import * as pdfjs from 'pdfjs-dist';

pdfjs.GlobalWorkerOptions.workerSrc = '/pdf.worker.mjs';
/** One worker for every page: starting one per page costs more than painting the page. */
let worker: pdfjs.PDFWorker | undefined;

/**
 * The report, page by page: a placeholder of the page's size for each, painted (pdf.js, from the
 * one-page PDF the server paints) when it comes into view, and painted again after an edit only
 * while it is in view.
 */
export class PageView {
  private rev = 0;
  private readonly shown = new Map<number, number>();
  private readonly visible = new Set<number>();
  private readonly observer: IntersectionObserver;
  private slots: HTMLElement[] = [];
  onPainted: (index: number) => void = () => {};

  constructor(private readonly root: HTMLElement) {
    this.observer = new IntersectionObserver(
      (entries) => {
        for (const e of entries) {
          const i = Number((e.target as HTMLElement).dataset.index);
          if (e.isIntersecting) {
            this.visible.add(i);
            void this.paint(i);
          } else this.visible.delete(i);
        }
      },
      { root, rootMargin: '0px' },
    );
  }

  /** A new preview: its pages replace the old ones; only those in view are painted now. */
  update(rev: number, sizes: [number, number][]): Promise<void> {
    this.rev = rev;
    if (sizes.length !== this.slots.length || sizes.some(([w, h], i) => this.slots[i]!.dataset.size !== `${w}x${h}`)) this.layout(sizes);
    return Promise.all([...this.visible].map((i) => this.paint(i))).then(() => undefined);
  }

  private layout(sizes: [number, number][]): void {
    this.observer.disconnect();
    this.visible.clear();
    this.shown.clear();
    this.root.replaceChildren();
    const width = Math.min(this.root.clientWidth - 80, 720);
    this.slots = sizes.map(([w, h], i) => {
      const slot = document.createElement('div');
      slot.className = 'page';
      slot.dataset.index = String(i);
      slot.dataset.size = `${w}x${h}`;
      const scale = width / Math.max(w, 595);
      slot.style.width = `${Math.round(w * scale)}px`;
      slot.style.height = `${Math.round(h * scale)}px`;
      const num = document.createElement('span');
      num.className = 'num';
      num.textContent = `第${i + 1}页`;
      slot.append(num);
      this.root.append(slot);
      this.observer.observe(slot);
      return slot;
    });
  }

  /** The page in view with the place `y` (points from its top) near the top of the pane. */
  scrollTo(index: number, y = 0): void {
    const slot = this.slots[index];
    if (!slot) return;
    for (const s of this.slots) s.classList.remove('target');
    slot.classList.add('target');
    const [w] = slot.dataset.size!.split('x').map(Number);
    const scale = slot.clientWidth / w!;
    this.root.scrollTop = slot.offsetTop - this.root.offsetTop + Math.max(0, y * scale - 40);
  }

  private async paint(index: number): Promise<void> {
    const rev = this.rev;
    if (this.shown.get(index) === rev || rev === 0) return;
    this.shown.set(index, rev);
    const r = await fetch(`/api/page?rev=${rev}&n=${index}`, { credentials: 'same-origin' });
    if (!r.ok || rev !== this.rev) {
      if (this.shown.get(index) === rev) this.shown.delete(index);
      return;
    }
    const data = new Uint8Array(await r.arrayBuffer());
    worker ??= new pdfjs.PDFWorker();
    const doc = await pdfjs.getDocument({ data, worker, isEvalSupported: false }).promise;
    try {
      const page = await doc.getPage(1);
      const slot = this.slots[index];
      if (!slot || rev !== this.rev) return;
      const cssWidth = slot.clientWidth;
      const viewport = page.getViewport({ scale: (cssWidth / page.getViewport({ scale: 1 }).width) * (window.devicePixelRatio || 1) });
      const canvas = document.createElement('canvas');
      canvas.width = Math.round(viewport.width);
      canvas.height = Math.round(viewport.height);
      await page.render({ canvas, canvasContext: canvas.getContext('2d')!, viewport }).promise;
      const content = await page.getTextContent();
      // The page's words for reading aloud, searching and the tests: text, never markup.
      const text = document.createElement('div');
      text.className = 'page-text';
      text.textContent = content.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : '') : '')).join('');
      if (rev !== this.rev) return;
      slot.querySelector('canvas')?.remove();
      slot.querySelector('.page-text')?.remove();
      slot.append(canvas, text);
      slot.dataset.rev = String(rev);
      this.onPainted(index);
    } finally {
      void doc.destroy();
    }
  }
}
