// Checking every signature in a PDF: what it covers, whether those bytes are unchanged, who signed, and (given authorities) whether to trust them.

import { constants, createHash, verify as verifySignature, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFString } from 'pdf-lib';
import * as pkijs from 'pkijs';
import { OID } from './buildCms.ts';
import { changedPages } from './changedPages.ts';
import { firstRevisionCandidates } from './compareWithOriginal.ts';
import { commonName } from './loadP12.ts';
import { findSignatureFields, parsePdf, revisionEnds, roleOfField, type SignatureField } from './readPdf.ts';
import { SEAL_FIELD } from './signPdf.ts';

/** A finding about one signature; `code` is stable, `message` is for people. */
export interface Finding {
  code: string;
  message: string;
}

export interface SignatureReport {
  /** The signature field, e.g. "chair_of_governors_signature". */
  field: string;
  /** The post the field is for, e.g. "Chair of Governors". */
  role: string;
  signerName?: string;
  /** The signer certificate's subject and issuer, as "CN=…, O=…". */
  subject?: string;
  issuer?: string;
  /** Claimed signing time (/M), ISO 8601. */
  time?: string;
  reason?: string;
  location?: string;
  subFilter?: string;
  /** The revision the signature covers, 1 being the file as first written. */
  revision?: number;
  coversWholeFile: boolean;
  /** The signed bytes are unchanged and the signature over them is the signer's. */
  intact: boolean;
  /** PAdES baseline B-B: ETSI.CAdES.detached, signing-certificate-v2, no CMS signing-time. */
  padesBaselineB: boolean;
  /** A certification signature (DocMDP), with its permission level. */
  certification?: { permissions: number };
  /** Set only when authorities were given: the signer chains to one of them. */
  trusted?: boolean;
  problems: Finding[];
  notes: Finding[];
}

export interface VerifyReport {
  revisions: number;
  signatures: SignatureReport[];
  /** Signature fields nobody has signed yet. */
  unsigned: { field: string; role: string }[];
  /** Byte ranges found in the file that belong to no readable signature. */
  unreadable: number;
  /** Whether the newest revision is covered by some signature (else changes were made after the last one). */
  lastRevisionSigned: boolean;
  /** Pages (from 1) a later revision draws differently from the PDF as built: more than a signature or a field's value (see changedPages.ts). */
  changedPages: number[];
  /** All signatures intact (and trusted, when authorities were given), and at least one. */
  ok: boolean;
}

const HASHES: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  [OID.sha256]: 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

const text = (o: unknown) => (o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : undefined);

/** "D:20241005140300+01'00'" → a Date. */
export function parsePdfDate(value: string | undefined): Date | undefined {
  const m = value?.match(/^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+-])?(\d{2})?'?(\d{2})?'?/);
  if (!m) return undefined;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', sign, oh = '00', om = '00'] = m;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const offset = sign === '+' || sign === '-' ? (sign === '+' ? 1 : -1) * (Number(oh) * 60 + Number(om)) * 60_000 : 0;
  return new Date(utc - offset);
}

function subjectOf(cert: pkijs.Certificate): { name: string; subject: string; issuer: string } {
  const x509 = new X509Certificate(new Uint8Array(cert.toSchema().toBER(false)));
  const flat = (dn: string) => dn.split('\n').join(', ');
  return { name: commonName(x509.subject) ?? flat(x509.subject), subject: flat(x509.subject), issuer: flat(x509.issuer) };
}

function attribute(signer: pkijs.SignerInfo, type: string): pkijs.Attribute | undefined {
  return signer.signedAttrs?.attributes.find((a) => a.type === type);
}

/** The signer's certificate, found by the signer info's issuer and serial number (or key identifier). */
function signerCertificate(signed: pkijs.SignedData, signer: pkijs.SignerInfo): pkijs.Certificate | undefined {
  const certs = (signed.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  const sid = signer.sid;
  if (sid instanceof pkijs.IssuerAndSerialNumber) return certs.find((c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber));
  return certs[0];
}

function verifyCmsSignature(signer: pkijs.SignerInfo, cert: pkijs.Certificate, hash: string): boolean {
  if (!signer.signedAttrs) return false;
  // pkijs keeps the signed attributes as received, re-tagged as a SET: exactly the bytes that were signed.
  const data = new Uint8Array(signer.signedAttrs.encodedValue);
  const key = new X509Certificate(new Uint8Array(cert.toSchema().toBER(false))).publicKey;
  const signature = new Uint8Array(signer.signature.valueBlock.valueHexView);
  const pss = signer.signatureAlgorithm.algorithmId === '1.2.840.113549.1.1.10';
  try {
    return verifySignature(hash, data, pss ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO } : key, signature);
  } catch {
    return false;
  }
}

async function checkSignature(bytes: Uint8Array, field: SignatureField, ends: number[], trusted: pkijs.Certificate[] | undefined): Promise<SignatureReport> {
  const sig = field.value!;
  const problems: Finding[] = [];
  const notes: Finding[] = [];
  const report: SignatureReport = { field: field.name, role: roleOfField(field), coversWholeFile: false, intact: false, padesBaselineB: false, problems, notes };
  const subFilter = sig.lookupMaybe(PDFName.of('SubFilter'), PDFName)?.decodeText();
  if (subFilter) report.subFilter = subFilter;
  const time = parsePdfDate(text(sig.lookup(PDFName.of('M'))));
  if (time) report.time = time.toISOString();
  const reason = text(sig.lookup(PDFName.of('Reason')));
  if (reason) report.reason = reason;
  const location = text(sig.lookup(PDFName.of('Location')));
  if (location) report.location = location;
  const level = certificationLevelOf(sig);
  if (level !== undefined) report.certification = { permissions: level };

  // The byte range must be [0, a, b, c]: everything but exactly this signature's /Contents.
  const range = sig.lookupMaybe(PDFName.of('ByteRange'), PDFArray)?.asArray().map((n) => (n instanceof PDFNumber ? n.asNumber() : Number.NaN)) ?? [];
  const [start, gapStart, gapEnd, tailLength] = range;
  const wellFormed =
    range.length === 4 &&
    range.every((n) => Number.isInteger(n) && n >= 0) &&
    start === 0 &&
    gapStart! < gapEnd! &&
    gapEnd! + tailLength! <= bytes.length &&
    bytes[gapStart!] === 0x3c &&
    bytes[gapEnd! - 1] === 0x3e &&
    /^[0-9a-fA-F\s]*$/.test(Buffer.from(bytes.subarray(gapStart! + 1, gapEnd! - 1)).toString('latin1'));
  if (!wellFormed) {
    problems.push({ code: 'BYTE_RANGE_INVALID', message: 'its byte range does not cover the file around its own signature value' });
    return report;
  }
  const coveredEnd = gapEnd! + tailLength!;
  const revision = ends.findIndex((end, i) => coveredEnd === end || coveredEnd === eofAt(bytes, ends, i));
  if (revision >= 0) report.revision = revision + 1;
  report.coversWholeFile = /^\s*$/.test(Buffer.from(bytes.subarray(coveredEnd)).toString('latin1'));

  const contents = sig.lookup(PDFName.of('Contents'));
  const der = contents instanceof PDFHexString || contents instanceof PDFString ? contents.asBytes() : new Uint8Array();
  // The gap must be this signature's own value, not some other string the range was pointed at.
  const gap = Buffer.from(Buffer.from(bytes.subarray(gapStart! + 1, gapEnd! - 1)).toString('latin1').replace(/\s+/g, ''), 'hex');
  if (!gap.equals(Buffer.from(der))) {
    problems.push({ code: 'BYTE_RANGE_INVALID', message: 'its byte range leaves out something other than its own signature value' });
    return report;
  }
  let signed: pkijs.SignedData;
  try {
    const parsed = asn1js.fromBER(der);
    if (parsed.offset === -1) throw new Error(parsed.result.error);
    const info = new pkijs.ContentInfo({ schema: parsed.result });
    if (info.contentType !== OID.signedData) throw new Error('not SignedData');
    signed = new pkijs.SignedData({ schema: info.content });
  } catch {
    problems.push({ code: 'CMS_UNREADABLE', message: 'its signature value is not a readable CMS signature' });
    return report;
  }
  const signer = signed.signerInfos[0];
  const cert = signer && signerCertificate(signed, signer);
  if (!signer || !cert) {
    problems.push({ code: 'NO_SIGNER_CERTIFICATE', message: "the signature does not carry its signer's certificate" });
    return report;
  }
  const who = subjectOf(cert);
  report.signerName = who.name;
  report.subject = who.subject;
  report.issuer = who.issuer;

  const hash = HASHES[signer.digestAlgorithm.algorithmId];
  if (!hash) {
    problems.push({ code: 'DIGEST_UNSUPPORTED', message: `its digest algorithm (${signer.digestAlgorithm.algorithmId}) is not supported` });
    return report;
  }
  const content = Buffer.concat([bytes.subarray(0, gapStart), bytes.subarray(gapEnd, coveredEnd)]);
  const digest = createHash(hash).update(content).digest();
  const claimed = attribute(signer, OID.messageDigest)?.values[0];
  const digestMatches = claimed instanceof asn1js.OctetString && Buffer.from(claimed.valueBlock.valueHexView).equals(digest);
  if (!digestMatches) problems.push({ code: 'DIGEST_MISMATCH', message: 'the signed part of the document has been changed since it was signed' });
  const signatureValid = verifyCmsSignature(signer, cert, hash);
  if (!signatureValid) problems.push({ code: 'SIGNATURE_INVALID', message: "the signature value does not match the signer's certificate" });

  const essV2 = attribute(signer, OID.signingCertificateV2);
  const essV1 = attribute(signer, OID.signingCertificate);
  let essMatches = true;
  if (essV2) {
    try {
      // SigningCertificateV2 → certs → first ESSCertIDv2 → certHash (after an optional hash algorithm).
      const essCert = (essV2.values[0] as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence;
      const first = (essCert.valueBlock.value[0] as asn1js.Sequence).valueBlock.value;
      const algorithm = first[0] instanceof asn1js.Sequence ? new pkijs.AlgorithmIdentifier({ schema: first[0] }).algorithmId : OID.sha256;
      const certHash = first.find((v) => v instanceof asn1js.OctetString) as asn1js.OctetString | undefined;
      const expected = createHash(HASHES[algorithm] ?? 'sha256').update(new Uint8Array(cert.toSchema().toBER(false))).digest();
      essMatches = Boolean(certHash && Buffer.from(certHash.valueBlock.valueHexView).equals(expected));
    } catch {
      essMatches = false;
    }
    if (!essMatches) problems.push({ code: 'SIGNING_CERTIFICATE_MISMATCH', message: 'the signature names a different certificate from the one it carries' });
  }
  report.intact = digestMatches && signatureValid && essMatches;

  const hasSigningTime = Boolean(attribute(signer, OID.signingTime));
  report.padesBaselineB = subFilter === 'ETSI.CAdES.detached' && Boolean(essV2 ?? essV1) && !hasSigningTime && Boolean(attribute(signer, OID.contentType));
  if (!report.padesBaselineB) notes.push({ code: 'NOT_PADES_B_B', message: 'not a PAdES baseline B-B signature (ETSI EN 319 142-1)' });

  if (trusted) {
    const chainCerts = (signed.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
    const engine = new pkijs.CertificateChainValidationEngine({ trustedCerts: trusted, certs: [cert, ...chainCerts.filter((c) => c !== cert)], checkDate: time ?? new Date() });
    const chain = await engine.verify();
    report.trusted = chain.result;
    if (!chain.result) problems.push({ code: 'UNTRUSTED', message: `the signer's certificate does not chain to the given authority (${chain.resultMessage})` });
  }
  const validity = new X509Certificate(new Uint8Array(cert.toSchema().toBER(false)));
  if (time && (time < new Date(validity.validFrom) || time > new Date(validity.validTo))) {
    notes.push({ code: 'CERT_NOT_VALID_AT_SIGNING', message: `the certificate was not valid at the claimed signing time (valid ${validity.validFrom} to ${validity.validTo})` });
  }
  return report;
}

/** The offset just after revision i's `%%EOF`, before its end-of-line. */
function eofAt(bytes: Uint8Array, ends: number[], i: number): number {
  let end = ends[i]!;
  while (end > 0 && (bytes[end - 1] === 0x0a || bytes[end - 1] === 0x0d)) end--;
  return end;
}

function certificationLevelOf(sig: PDFDict): number | undefined {
  const refs = sig.lookupMaybe(PDFName.of('Reference'), PDFArray);
  for (let i = 0; refs && i < refs.size(); i++) {
    const ref = refs.lookupMaybe(i, PDFDict);
    if (ref?.lookupMaybe(PDFName.of('TransformMethod'), PDFName)?.decodeText() !== 'DocMDP') continue;
    return ref.lookupMaybe(PDFName.of('TransformParams'), PDFDict)?.lookupMaybe(PDFName.of('P'), PDFNumber)?.asNumber() ?? 2;
  }
  return undefined;
}

/** Reads every signature field; the bytes are parsed, never rewritten. Throws UnreadablePdfError. */
export async function verifyPdf(bytes: Uint8Array, options: { trusted?: pkijs.Certificate[] } = {}): Promise<VerifyReport> {
  const pdf = await parsePdf(bytes);
  const ends = revisionEnds(bytes);
  const fields = findSignatureFields(pdf);
  const signatures: SignatureReport[] = [];
  for (const field of fields.filter((f) => f.value)) signatures.push(await checkSignature(bytes, field, ends, options.trusted));
  // In signing order: the revision each covers.
  signatures.sort((a, b) => (a.revision ?? Infinity) - (b.revision ?? Infinity));
  // Every /ByteRange in the file should belong to a signature read above; one that does not was hidden or broken.
  const rawRanges = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1').match(/\/ByteRange\s*\[/g)?.length ?? 0;
  const unreadable = Math.max(0, rawRanges - signatures.length);
  const lastRevisionSigned = signatures.some((s) => s.intact && s.coversWholeFile);
  const pages = ends.length > 1 ? changedPages(await parsePdf(firstRevisionCandidates(bytes).at(-1)!), pdf) : [];
  const ok = signatures.length > 0 && unreadable === 0 && pages.length === 0 && signatures.every((s) => s.intact && (options.trusted ? s.trusted === true : true));
  return {
    revisions: ends.length,
    signatures,
    unsigned: fields.filter((f) => !f.value && f.name !== SEAL_FIELD).map((f) => ({ field: f.name, role: roleOfField(f) })),
    unreadable,
    lastRevisionSigned,
    changedPages: pages,
    ok,
  };
}
