import { describe, expect, it } from 'vitest';
import { stressDocument } from '../../../test/support/stressDocument.ts';
import { layoutDocument } from './layout/layoutDocument.ts';
import { createFontMetrics } from './metrics.ts';
import { writePdf } from './writePdf.ts';

describe('writePdf', () => {
  it('never draws a blank glyph: a character the font lacks is a bug report (check finds it first)', async () => {
    const doc = stressDocument();
    doc.meta.reviewedBy = 'Snow ☃ Man';
    await expect(writePdf(doc)).rejects.toThrow(/U\+2603/);
  });

  it('lays out a line break typed in a name as a space, in the running header too', () => {
    const doc = stressDocument();
    doc.meta.schoolName = 'Ysgol\nGynradd';
    const texts = layoutDocument(doc, createFontMetrics()).pages.flatMap((p) => p.boxes.flatMap((b) => (b.kind === 'text' ? [b.text] : [])));
    expect(texts).toContain('Ysgol Gynradd');
    expect(texts.some((t) => /[\n\t]/.test(t))).toBe(false);
  });
});
