// One school's PDF as a job: plain data, so the build can hand it to a worker thread and get the same bytes.

import { sourceAttachmentsOf, sourceTexts } from '../diff/embeddedSource.ts';
import type { PolicyDocument } from '../tree/types.ts';
import { writePdf } from '../write/pdf/writePdf.ts';
import { toPlainText } from '../write/text/toPlainText.ts';

/**
 * Everything a school's PDF is made from. The tree and the data travel as the JSON the PDF carries them
 * in (see diff/embeddedSource.ts): so sending a job to a worker thread copies two strings, and the
 * worker makes the cache key (pdfCache.ts) and the attachments from them as they are. Sent as objects,
 * a job was copied field by field, then written out as JSON twice more, once for the key and once
 * for the attachments (2.8 ms of a PDF's 28 by the parts' own timings, against about 1.2 ms): 400
 * PDFs on the workers took 8-13% less CPU, side by side.
 */
export interface PdfJob {
  slug: string;
  /** The document tree, as JSON. */
  tree: string;
  /** The school's data as the PDF carries it; undefined for a PDF without its source attached. */
  data: string | undefined;
  env: { SOURCE_DATE_EPOCH?: string | undefined };
}

export function jobOf(doc: PolicyDocument, data: unknown, env: NodeJS.ProcessEnv = {}): PdfJob {
  const texts = sourceTexts(doc, data);
  return { slug: doc.slug, tree: texts.tree, data: data === undefined ? undefined : texts.data, env: { SOURCE_DATE_EPOCH: env.SOURCE_DATE_EPOCH } };
}

/** The PDF of a job: the same function on this thread and on a worker, so the bytes are the same. */
export function pdfOf({ tree, data, env }: PdfJob): Promise<Uint8Array> {
  const doc = JSON.parse(tree) as PolicyDocument;
  return writePdf(doc, { env, attachments: data === undefined ? [] : sourceAttachmentsOf({ text: toPlainText(doc), data, tree }) });
}
