// Benchmark: PDFs per second for the example schools, and the cost of each stage, as ratios to the text writer.
// Run: node scripts/bench-pdf.ts [ROUNDS]   (prints; asserts nothing: speed is measured here, not in tests)

import { loadProject } from '../src/project/loadProject.ts';
import { createNodeWorld } from '../src/project/World.ts';
import { sourceAttachments } from '../src/diff/embeddedSource.ts';
import { drawPdf } from '../src/write/pdf/draw/drawPdf.ts';
import { layoutDocument } from '../src/write/pdf/layout/layoutDocument.ts';
import { createFontMetrics } from '../src/write/pdf/metrics.ts';
import { writePdf } from '../src/write/pdf/writePdf.ts';
import { toPlainText } from '../src/write/text/toPlainText.ts';

const rounds = Number(process.argv[2] ?? 20);
const project = loadProject(createNodeWorld(new URL('..', import.meta.url).pathname));
const docs = [...project.documents.values()];
const metrics = createFontMetrics();

async function time(label: string, fn: () => unknown): Promise<number> {
  for (let i = 0; i < 2; i++) for (const _ of docs) await fn(); // warm caches and the JIT
  // CPU time, not wall time: other work on the machine then does not count.
  const start = process.cpuUsage();
  for (let r = 0; r < rounds; r++) await fn();
  const used = process.cpuUsage(start);
  const ms = (used.user + used.system) / 1000 / rounds / docs.length;
  console.log(`${label.padEnd(28)} ${ms.toFixed(2).padStart(8)} ms CPU per school`);
  return ms;
}

const text = await time('text (toPlainText)', async () => {
  for (const d of docs) toPlainText(d);
});
const layout = await time('PDF layout (pure)', async () => {
  for (const d of docs) layoutDocument(d, metrics);
});
const draw = await time('PDF layout + drawing', async () => {
  for (const d of docs) await drawPdf(layoutDocument(d, metrics), { title: 't', author: 'a', subject: 's', date: new Date(0), lang: 'en-GB' });
});
const full = await time('PDF as built (attachments)', async () => {
  for (const d of docs) {
    const school = project.schools.find((s) => s.slug === d.slug)!;
    await writePdf(d, { attachments: sourceAttachments(d, school.data, toPlainText(d)) });
  }
});
console.log(`\n${docs.length} schools × ${rounds} rounds; one core.`);
console.log(`PDF / text: ${(full / text).toFixed(0)}×; layout is ${((layout / full) * 100).toFixed(0)}% of a PDF, drawing and saving ${(((draw - layout) / full) * 100).toFixed(0)}%.`);
console.log(`At this rate 300 schools take ${((300 * full) / 1000).toFixed(1)} s.`);
