// A small PDF shaped like policy-press's own: empty /Sig fields on a sign-off page, and the embedded policy text.

import { PDFDocument, PDFHexString, PDFName, PDFString, StandardFonts } from 'pdf-lib';
import { sourceAttachments } from '../../src/diff/embeddedSource.ts';
import type { PolicyDocument } from '../../src/tree/types.ts';

export interface SignablePdfOptions {
  /** The policy's words, embedded as policy.txt. */
  text?: string;
  schoolName?: string;
  /** Field name → tooltip. */
  fields?: Record<string, string>;
  /** Draw the words at a different size: same wording, different layout. */
  fontSize?: number;
  creator?: string;
  /** Leave out the embedded source. */
  noSource?: boolean;
}

export async function signablePdf(options: SignablePdfOptions = {}): Promise<Uint8Array> {
  const text = options.text ?? 'Data security policy\n\nAll staff lock their screens.\n';
  const schoolName = options.schoolName ?? 'Test School';
  const fields = options.fields ?? { chair_of_governors_signature: 'Signature of the Chair of Governors', headteacher_signature: 'Signature of the Headteacher' };
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  page.drawText(text.split('\n')[0]!, { x: 50, y: 780, size: options.fontSize ?? 14, font });
  const { context } = doc;
  const refs = Object.entries(fields).map(([name, tooltip], i) => {
    const widget = context.obj({ Type: 'Annot', Subtype: 'Widget', FT: 'Sig', Rect: [50, 600 - i * 100, 300, 658 - i * 100], F: 4, P: page.ref });
    widget.set(PDFName.of('T'), PDFString.of(name));
    widget.set(PDFName.of('TU'), PDFHexString.fromText(tooltip));
    return context.register(widget);
  });
  page.node.set(PDFName.of('Annots'), context.obj(refs));
  doc.catalog.set(PDFName.of('AcroForm'), context.register(context.obj({ Fields: refs })));
  if (!options.noSource) {
    const tree = { meta: { schoolName, title: 'E-Security Policy' }, children: [] } as unknown as PolicyDocument;
    for (const a of sourceAttachments(tree, { school: { name: schoolName } }, text)) {
      await doc.attach(a.bytes, a.name, { mimeType: a.mimeType, description: a.description, creationDate: new Date(0), modificationDate: new Date(0) });
    }
  }
  doc.setCreator(options.creator ?? 'policy-press');
  doc.setProducer('policy-press tests');
  doc.setCreationDate(new Date(0));
  doc.setModificationDate(new Date(0));
  return doc.save({ useObjectStreams: false });
}
