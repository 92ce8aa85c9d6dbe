// Signing one of a policy PDF's sign-off fields (or certifying the PDF), as an incremental update.

import { createHash } from 'node:crypto';
import { SignPdf } from '@signpdf/signpdf';
import { PDFArray, PDFDict, type PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString } from 'pdf-lib';
import type { Diagnostic } from '../diagnostics/index.ts';
import { appendUpdate, type UpdatedObject } from './appendUpdate.ts';
import { drawAppearance, formatSigningTime } from './appearance.ts';
import { cmsSizeEstimate, PadesSigner } from './buildCms.ts';
import type { SigningIdentity } from './loadP12.ts';
import { signatureDictionary } from './placeholder.ts';
import { findSignatureFields, isPolicyPressPdf, lastTrailerSize, looksLikePdf, parsePdf, roleOfField, type SignatureField, UnreadablePdfError } from './readPdf.ts';
import { selectField, shortName } from './selectField.ts';

export interface SignOptions {
  identity: SigningIdentity;
  /** The sign-off field: its name or a short form ("chair", "headteacher"). */
  field: string;
  reason?: string | undefined;
  location?: string | undefined;
  /** The signing time, written to /M. */
  time: Date;
  /** Sign with a certificate outside its validity period (with a warning). */
  allowExpired?: boolean | undefined;
  label: string;
}

export interface CertifyOptions {
  identity: SigningIdentity;
  time: Date;
  reason?: string | undefined;
  label: string;
}

/** The name of the invisible field a certification (issuer's seal) adds. */
export const SEAL_FIELD = 'policy_press_seal';

type Outcome = { value: Uint8Array | undefined; diagnostics: Diagnostic[] };

export interface SignedPdf {
  bytes: Uint8Array;
  /** The field signed, and the post it is for. */
  field: string;
  role: string;
}

const problem = (code: string, message: string, hint: string, file: string): Diagnostic => ({ code, severity: 'error', message, hint, file });

async function openOurPdf(bytes: Uint8Array, label: string): Promise<{ pdf?: PDFDocument; diagnostics: Diagnostic[] }> {
  const notPdf = problem('NOT_A_PDF', `${label} is not a PDF`, 'give the PDF that `policy-press pdf` or `npm run build` wrote (dist/<slug>/policy.pdf), or a signed copy of it', label);
  if (!looksLikePdf(bytes)) return { diagnostics: [notPdf] };
  let pdf: PDFDocument;
  try {
    pdf = await parsePdf(bytes);
  } catch (error) {
    if (error instanceof UnreadablePdfError) return { diagnostics: [{ ...notPdf, message: `${label} is not a readable PDF (${error.message})` }] };
    throw error;
  }
  if (!isPolicyPressPdf(pdf)) {
    return { diagnostics: [problem('NOT_OUR_PDF', `${label} was not made by policy-press`, 'sign the policy PDF that policy-press built: its sign-off page has the signature fields', label)] };
  }
  return { pdf, diagnostics: [] };
}

function checkValidity(identity: SigningIdentity, time: Date, allowExpired: boolean | undefined, label: string): Diagnostic[] {
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const outside =
    time > identity.notAfter ? `expired on ${day(identity.notAfter)}` : time < identity.notBefore ? `is not valid until ${day(identity.notBefore)}` : undefined;
  if (!outside) return [];
  const message = `the certificate of ${identity.signerName} ${outside}`;
  if (allowExpired) return [{ code: 'CERT_EXPIRED', severity: 'warning', message: `${message}; signing anyway (--allow-expired)`, file: label }];
  return [problem('CERT_EXPIRED', message, 'renew the certificate; or, if a signature with it is still wanted, pass --allow-expired', label)];
}

/** The DocMDP level of a certified document (1: no changes allowed), if it is certified. */
function certificationLevel(pdf: PDFDocument): number | undefined {
  const sig = pdf.catalog.lookupMaybe(PDFName.of('Perms'), PDFDict)?.lookupMaybe(PDFName.of('DocMDP'), PDFDict);
  const refs = sig?.lookupMaybe(PDFName.of('Reference'), PDFArray);
  for (let i = 0; refs && i < refs.size(); i++) {
    const p = refs.lookupMaybe(i, PDFDict)?.lookupMaybe(PDFName.of('TransformParams'), PDFDict)?.lookupMaybe(PDFName.of('P'), PDFNumber);
    if (p) return p.asNumber();
  }
  return sig ? 2 : undefined;
}

function trailerOf(pdf: PDFDocument, salt: Uint8Array) {
  const { Root, Info, ID } = pdf.context.trailerInfo;
  if (!(Root instanceof PDFRef)) throw new Error('the PDF trailer has no /Root reference');
  const first = ID instanceof PDFArray ? ID.lookup(0) : undefined;
  const original = first instanceof PDFHexString ? first.asString() : first instanceof PDFString ? Buffer.from(first.asBytes()).toString('hex') : undefined;
  // The second part of /ID changes with each update (ISO 32000-1, 14.4).
  const updated = createHash('sha256').update(salt).digest('hex').slice(0, 32).toUpperCase();
  return { root: Root, ...(Info instanceof PDFRef ? { info: Info } : {}), id: [original ?? updated, updated] as [string, string] };
}

/**
 * Writes the update that turns `field` into a placeholder signature, then has
 * @signpdf/signpdf fill in the byte range and the CMS. Every object changed is
 * written anew after the original bytes; nothing before them moves.
 */
async function writeSignature(
  bytes: Uint8Array,
  pdf: PDFDocument,
  identity: SigningIdentity,
  time: Date,
  dictionaryOptions: { name?: string; reason?: string | undefined; location?: string | undefined; docMdp?: 2 },
  prepare: (sigRef: PDFRef) => Promise<PDFRef[]>,
): Promise<Uint8Array> {
  // New objects get numbers above every number the file has used, free ones included.
  pdf.context.largestObjectNumber = Math.max(pdf.context.largestObjectNumber, (lastTrailerSize(bytes) ?? 1) - 1);
  const largestBefore = pdf.context.largestObjectNumber;
  const sigRef = pdf.context.nextRef();
  const changed = await prepare(sigRef);

  const form = pdf.catalog.get(PDFName.of('AcroForm'));
  const formDict = pdf.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict);
  if (!formDict) throw new Error('the PDF has no AcroForm');
  // SignaturesExist | AppendOnly: viewers must save by appending from now on.
  formDict.set(PDFName.of('SigFlags'), PDFNumber.of(3));
  changed.push(form instanceof PDFRef ? form : pdf.context.getObjectRef(pdf.catalog)!);

  const sigBytes = signatureDictionary({ ...dictionaryOptions, time, contentsLength: cmsSizeEstimate(identity) });
  const objects = new Map<number, UpdatedObject>();
  for (const ref of changed) objects.set(ref.objectNumber, { ref, object: pdf.context.lookup(ref)! });
  for (const [ref, object] of pdf.context.enumerateIndirectObjects()) {
    if (ref.objectNumber > largestBefore) objects.set(ref.objectNumber, { ref, object });
  }
  objects.set(sigRef.objectNumber, { ref: sigRef, object: sigBytes });

  const salt = Buffer.concat([bytes.subarray(Math.max(0, bytes.length - 256)), sigBytes]);
  const updated = appendUpdate(bytes, [...objects.values()], trailerOf(pdf, salt));
  return new Uint8Array(await new SignPdf().sign(Buffer.from(updated), new PadesSigner(identity)));
}

/** Signs one empty sign-off field, with a visible appearance: name, role, date. */
export async function signPdf(bytes: Uint8Array, options: SignOptions): Promise<{ value: SignedPdf | undefined; diagnostics: Diagnostic[] }> {
  const { label } = options;
  const opened = await openOurPdf(bytes, label);
  if (!opened.pdf) return { value: undefined, diagnostics: opened.diagnostics };
  const pdf = opened.pdf;
  const fields = findSignatureFields(pdf).filter((f) => f.name !== SEAL_FIELD);
  const listed = fields.map((f) => `${shortName(f)}${f.value ? ' (signed)' : ''}`).join(', ') || 'none';
  const choice = selectField(fields, options.field);
  if (!('field' in choice)) {
    const message =
      choice.problem === 'AMBIGUOUS'
        ? `--field ${options.field} could mean ${choice.candidates.map(shortName).join(' or ')}`
        : `${label} has no signature field "${options.field}"`;
    return { value: undefined, diagnostics: [problem(choice.problem === 'AMBIGUOUS' ? 'FIELD_AMBIGUOUS' : 'FIELD_NOT_FOUND', message, `its signature fields: ${listed}`, label)] };
  }
  const field: SignatureField = choice.field;
  if (field.value) {
    return { value: undefined, diagnostics: [problem('FIELD_ALREADY_SIGNED', `the ${roleOfField(field)} field (${field.name}) is already signed`, `sign another field: ${listed}`, label)] };
  }
  if (certificationLevel(pdf) === 1) {
    return { value: undefined, diagnostics: [problem('CERTIFIED_NO_CHANGES', `${label} is certified to allow no changes, so it cannot be signed`, 'sign the PDF as built, before its certification', label)] };
  }
  const validity = checkValidity(options.identity, options.time, options.allowExpired, label);
  if (validity.some((d) => d.severity === 'error')) return { value: undefined, diagnostics: validity };

  const role = roleOfField(field);
  const value = await writeSignature(
    bytes,
    pdf,
    options.identity,
    options.time,
    { name: options.identity.signerName, reason: options.reason ?? `Approved as ${role}`, location: options.location },
    async (sigRef) => {
      const [x1, y1, x2, y2] = field.rect;
      const appearance = await drawAppearance(pdf, x2 - x1, y2 - y1, { name: options.identity.signerName, role, date: formatSigningTime(options.time) });
      field.dict.set(PDFName.of('V'), sigRef);
      field.widget.set(PDFName.of('AP'), pdf.context.obj({ N: appearance }));
      return field.widgetRef === field.ref ? [field.ref] : [field.ref, field.widgetRef];
    },
  );
  return { value: { bytes: value, field: field.name, role }, diagnostics: validity };
}

/**
 * A certification signature (an issuer's seal): an invisible field on the first
 * page, and /Perms /DocMDP allowing form filling and further signatures (P 2).
 */
export async function certifyPdf(bytes: Uint8Array, options: CertifyOptions): Promise<Outcome> {
  const { label } = options;
  const opened = await openOurPdf(bytes, label);
  if (!opened.pdf) return { value: undefined, diagnostics: opened.diagnostics };
  const pdf = opened.pdf;
  if (findSignatureFields(pdf).some((f) => f.value)) {
    return { value: undefined, diagnostics: [problem('ALREADY_SIGNED', `${label} is already signed; a certification must be its first signature`, 'certify the PDF as built, before anyone signs it', label)] };
  }
  const validity = checkValidity(options.identity, options.time, false, label);
  if (validity.length) return { value: undefined, diagnostics: validity };

  const value = await writeSignature(bytes, pdf, options.identity, options.time, { name: options.identity.signerName, reason: options.reason, docMdp: 2 }, async (sigRef) => {
    const page = pdf.getPage(0);
    const { context } = pdf;
    // Hidden: nothing to see or to tag for accessibility; viewers list it in their signature panel.
    const widget = context.obj({ Type: 'Annot', Subtype: 'Widget', FT: 'Sig', Rect: [0, 0, 0, 0], F: 2, P: page.ref, V: sigRef });
    widget.set(PDFName.of('T'), PDFString.of(SEAL_FIELD));
    widget.set(PDFName.of('TU'), PDFHexString.fromText('Certification of this policy by its issuer'));
    const widgetRef = context.register(widget);
    const changed: PDFRef[] = [];

    const annots = page.node.get(PDFName.of('Annots'));
    if (annots instanceof PDFRef) {
      context.lookup(annots, PDFArray).push(widgetRef);
      changed.push(annots);
    } else {
      if (annots instanceof PDFArray) annots.push(widgetRef);
      else page.node.set(PDFName.of('Annots'), context.obj([widgetRef]));
      changed.push(page.ref);
    }
    const formDict = pdf.catalog.lookup(PDFName.of('AcroForm'), PDFDict);
    const fields = formDict.get(PDFName.of('Fields'));
    if (fields instanceof PDFRef) {
      context.lookup(fields, PDFArray).push(widgetRef);
      changed.push(fields);
    } else {
      formDict.lookup(PDFName.of('Fields'), PDFArray).push(widgetRef);
    }
    pdf.catalog.set(PDFName.of('Perms'), context.obj({ DocMDP: sigRef }));
    changed.push(context.getObjectRef(pdf.catalog)!);
    return changed;
  });
  return { value, diagnostics: [] };
}
