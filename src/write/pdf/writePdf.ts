// Document tree → the policy's PDF: layout (pure), then drawing, then the content-derived /ID.

import type { PolicyDocument } from '../../tree/types.ts';
import { type Attachment, drawPdf } from './draw/drawPdf.ts';
import { layoutDocument } from './layout/layoutDocument.ts';
import { createFontMetrics, type Metrics } from './metrics.ts';
import { documentDate, stampId } from './reproducible.ts';

let metrics: Metrics | undefined;

export interface PdfOptions {
  /** Only SOURCE_DATE_EPOCH is read. */
  env?: { SOURCE_DATE_EPOCH?: string | undefined };
  /** Files to carry inside the PDF, e.g. sourceAttachments() from src/diff/embeddedSource.ts. */
  attachments?: readonly Attachment[];
}

export async function writePdf(doc: PolicyDocument, options: PdfOptions = {}): Promise<Uint8Array> {
  metrics ??= createFontMetrics();
  const layout = layoutDocument(doc, metrics);
  const bytes = await drawPdf(layout, {
    title: `${doc.meta.title}: ${doc.meta.schoolName}`,
    author: doc.meta.schoolName,
    subject: `${doc.meta.schoolName}'s ${doc.meta.title}, reviewed ${doc.meta.lastReviewed.text}`,
    date: documentDate(doc.meta, options.env),
    lang: 'en-GB',
  }, options.attachments);
  return stampId(bytes);
}
