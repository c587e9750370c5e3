import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type PDFKit from 'pdfkit';

/** Loaded with the first document, not at start: pdfkit is about 30 MB of a process's memory. */
let pdfkit: typeof PDFKit | undefined;
function PDFDocumentClass(): typeof PDFKit {
  pdfkit ??= require('pdfkit') as typeof PDFKit;
  return pdfkit;
}
import type { DocumentContent } from './document.content';

/**
 * The fonts are the repository's own (assets/fonts, DejaVu Sans with its licence), embedded in
 * every PDF so that ä, ö and å print the same on every machine. Found by walking up from here,
 * so the sources (tests) and the build (dist/src/…) both find them.
 */
function fontsDirectory(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'assets', 'fonts');
    if (existsSync(join(candidate, 'DejaVuSans.ttf'))) return candidate;
    if (dirname(dir) === dir) throw new Error('assets/fonts/DejaVuSans.ttf not found above ' + __dirname);
  }
}

/** Read once per process; pdfkit subsets them into each document. */
let fonts: { regular: Buffer; bold: Buffer } | undefined;
function fontFiles(): { regular: Buffer; bold: Buffer } {
  if (!fonts) {
    const dir = fontsDirectory();
    fonts = { regular: readFileSync(join(dir, 'DejaVuSans.ttf')), bold: readFileSync(join(dir, 'DejaVuSans-Bold.ttf')) };
  }
  return fonts;
}

export const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

/** The document as an A4 PDF; `createdAt` is its creation date, so the same content gives the same bytes. */
export function renderPdf(content: DocumentContent, createdAt: Date): Promise<Buffer> {
  const { regular, bold } = fontFiles();
  const PDFDocument = PDFDocumentClass();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 64, left: 64, right: 64 },
    lang: content.language,
    info: { Title: `${content.title} ${content.meta[0][1]}`, Author: 'Avustus', Producer: 'Avustus', CreationDate: createdAt },
    bufferPages: true,
  });
  doc.registerFont('body', regular);
  doc.registerFont('bold', bold);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('bold').fontSize(16).text(content.title.toUpperCase());
  doc.moveDown(0.8);
  for (const [label, value] of content.meta) {
    doc.font('bold').fontSize(10).text(`${label}: `, { continued: true }).font('body').text(value);
  }
  for (const s of content.sections) {
    doc.moveDown(0.9);
    doc.font('bold').fontSize(12).text(s.heading);
    doc.moveDown(0.3);
    for (const p of s.paragraphs) doc.font('body').fontSize(10).text(p, { align: 'left' }).moveDown(0.3);
  }
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('body')
      .fontSize(8)
      .text(`${content.footer} · ${i + 1}/${range.count}`, doc.page.margins.left, doc.page.height - 40, {
        width: doc.page.width - doc.page.margins.left - doc.page.margins.right,
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

const escape = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** The same document as a standalone HTML page (no scripts, no outside resources). */
export function renderHtml(content: DocumentContent): string {
  const meta = content.meta.map(([k, v]) => `<dt>${escape(k)}</dt><dd>${escape(v)}</dd>`).join('');
  const sections = content.sections
    .map((s) => `<section><h2>${escape(s.heading)}</h2>${s.paragraphs.map((p) => `<p>${escape(p)}</p>`).join('')}</section>`)
    .join('\n');
  return `<!doctype html>
<html lang="${content.language}">
<head>
<meta charset="utf-8">
<title>${escape(`${content.title} ${content.meta[0][1]}`)}</title>
<style>body{font-family:"DejaVu Sans",Arial,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.5}dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:bold}h1{text-transform:uppercase;font-size:1.4rem}h2{font-size:1.1rem;margin-top:1.5rem}footer{margin-top:2rem;font-size:.8rem;color:#555}</style>
</head>
<body>
<main>
<h1>${escape(content.title)}</h1>
<dl>${meta}</dl>
${sections}
</main>
<footer>${escape(content.footer)}</footer>
</body>
</html>
`;
}
