// Layout → PDF bytes with pdf-lib: fonts, page content, links, fields, bookmarks, tags and metadata (Info and XMP).

import { AFRelationship, PDFArray, PDFDocument, PDFHexString, PDFName, type PDFRef } from 'pdf-lib';
import { cachedFontkit } from '../fonts.ts';
import type { DocumentLayout } from '../layout/types.ts';
import { ID_PLACEHOLDER } from '../reproducible.ts';
import { rolesOfMarks, writeStructureTree } from '../tagging.ts';
import { writeAcroForm, writeAnnotations } from './annotations.ts';
import { useNativeDeflate } from './deflate.ts';
import { embedFonts } from './embedFonts.ts';
import { writeOutline } from './outline.ts';
import { pageContent } from './pageContent.ts';
import { writeXmp } from './xmpMetadata.ts';

export interface DocumentInfo {
  title: string;
  author: string;
  subject: string;
  /** Creation and modification date: from the policy, never the clock (see reproducible.ts). */
  date: Date;
  /** BCP 47, e.g. "en-GB". */
  lang: string;
}

/** A file carried inside the PDF (the policy's source, so any copy can be compared: see src/diff/embeddedSource.ts). */
export interface Attachment {
  name: string;
  bytes: Uint8Array;
  mimeType: string;
  description: string;
}

/** Returns the file with a placeholder /ID; stampId() gives it its real one. */
export async function drawPdf(layout: DocumentLayout, info: DocumentInfo, attachments: readonly Attachment[] = []): Promise<Uint8Array> {
  // updateMetadata: false, or pdf-lib stamps today's date and its own producer.
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(cachedFontkit);
  const { context, catalog } = doc;
  useNativeDeflate(context);
  const fonts = await embedFonts(doc, layout);

  const roles = rolesOfMarks(layout.structure);
  const marks = new Map<number, { page: number; mcid: number }>();
  const pageRefs: PDFRef[] = [];
  layout.pages.forEach((page, pageIndex) => {
    const pdfPage = doc.addPage([layout.width, layout.height]);
    pageRefs.push(pdfPage.ref);
    for (const { font, key } of fonts.values()) pdfPage.node.setFontDictionary(key, font.ref);
    const stream = context.flateStream(pageContent({ page, pageIndex, fonts, roles, marks }));
    pdfPage.node.set(PDFName.of('Contents'), context.register(stream));
  });

  const { annotations, fields } = writeAnnotations(context, layout.pages, pageRefs, layout.anchors);
  if (fields.length) catalog.set(PDFName.of('AcroForm'), writeAcroForm(context, fields));
  catalog.set(PDFName.of('Outlines'), writeOutline(context, layout.outline, layout.anchors, pageRefs));
  catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
  catalog.set(PDFName.of('StructTreeRoot'), writeStructureTree(context, layout.structure, { pageRefs, marks, annotations }));
  catalog.set(PDFName.of('MarkInfo'), context.obj({ Marked: true }));

  doc.setTitle(info.title, { showInWindowTitleBar: true });
  doc.setAuthor(info.author);
  doc.setSubject(info.subject);
  doc.setLanguage(info.lang);
  doc.setCreator('policy-press');
  doc.setProducer('policy-press with pdf-lib');
  doc.setCreationDate(info.date);
  doc.setModificationDate(info.date);
  catalog.set(PDFName.of('Metadata'), writeXmp(context, info));

  for (const a of attachments) {
    // Dates given, or the attachment's are left out; either way never the clock.
    await doc.attach(a.bytes, a.name, { mimeType: a.mimeType, description: a.description, creationDate: info.date, modificationDate: info.date, afRelationship: AFRelationship.Source });
  }

  const id = PDFHexString.of(ID_PLACEHOLDER);
  context.trailerInfo.ID = PDFArray.withContext(context);
  (context.trailerInfo.ID as PDFArray).push(id);
  (context.trailerInfo.ID as PDFArray).push(id);
  // Cross-reference table, not streams: the signing step appends an incremental update that most tools read best this way.
  // objectsPerTick: pdf-lib otherwise yields to the event loop every 50 objects, which only adds waiting in a batch build.
  return doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false, objectsPerTick: Number.POSITIVE_INFINITY });
}
