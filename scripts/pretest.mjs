// The tests read the rendered PDF with poppler-utils and qpdf: say how to get them, plainly.
import { spawnSync } from 'node:child_process';
const missing = ['pdftotext', 'pdffonts', 'pdfinfo', 'pdfdetach', 'qpdf'].filter((c) => spawnSync(c, ['-v']).error);
if (missing.length) {
  console.error(`npm test needs ${missing.join(', ')}: sudo apt-get install -y poppler-utils qpdf`);
  process.exit(1);
}
