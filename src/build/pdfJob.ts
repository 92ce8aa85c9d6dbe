// One school's PDF as a job: plain data, so the build can hand it to a worker thread and get the same bytes.

import { sourceAttachments } from '../diff/embeddedSource.ts';
import type { PolicyDocument } from '../tree/types.ts';
import { writePdf } from '../write/pdf/writePdf.ts';
import { toPlainText } from '../write/text/toPlainText.ts';

/** Everything a school's PDF is made from, as plain data a worker thread can be sent. */
export interface PdfJob {
  doc: PolicyDocument;
  /** The school's data, attached to the PDF. */
  data: unknown;
  env: { SOURCE_DATE_EPOCH?: string | undefined };
}

/** The PDF of a job: the same function on this thread and on a worker, so the bytes are the same. */
export function pdfOf({ doc, data, env }: PdfJob): Promise<Uint8Array> {
  return writePdf(doc, { env, attachments: data === undefined ? [] : sourceAttachments(doc, data, toPlainText(doc)) });
}

