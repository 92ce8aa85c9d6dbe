// The signature dictionary with @signpdf's placeholders: /ByteRange to be filled in, and /Contents reserved for the CMS.

import { DEFAULT_BYTE_RANGE_PLACEHOLDER, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { PDFHexString } from 'pdf-lib';

export interface SignatureDictionaryOptions {
  /** Goes in /M: PAdES B-B keeps the claimed signing time out of the CMS. */
  time: Date;
  name?: string | undefined;
  reason?: string | undefined;
  location?: string | undefined;
  /** Bytes reserved for the CMS; /Contents holds twice as many hex digits. */
  contentsLength: number;
  /** A certification signature: the DocMDP permission level (2 allows form filling and signing). */
  docMdp?: 1 | 2 | 3;
}

/** D:YYYYMMDDHHmmSS+00'00', in UTC. */
export function pdfDate(date: Date): string {
  const iso = date.toISOString();
  return `D:${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}+00'00'`;
}

/**
 * Written as exact text rather than through pdf-lib: @signpdf/signpdf finds
 * `/ByteRange [0 /********** …]`, then the first `/Contents <` after it, and
 * both must keep their length when filled in.
 */
export function signatureDictionary(options: SignatureDictionaryOptions): Uint8Array {
  const placeholder = `/${DEFAULT_BYTE_RANGE_PLACEHOLDER}`;
  const lines = [
    '<<',
    '/Type /Sig',
    '/Filter /Adobe.PPKLite',
    `/SubFilter /${SUBFILTER_ETSI_CADES_DETACHED}`,
    `/ByteRange [0 ${placeholder} ${placeholder} ${placeholder}]`,
    `/Contents <${'0'.repeat(options.contentsLength * 2)}>`,
    `/M (${pdfDate(options.time)})`,
  ];
  // UTF-16 hex strings: any name or place, with nothing that needs escaping.
  if (options.name) lines.push(`/Name ${PDFHexString.fromText(options.name).toString()}`);
  if (options.reason) lines.push(`/Reason ${PDFHexString.fromText(options.reason).toString()}`);
  if (options.location) lines.push(`/Location ${PDFHexString.fromText(options.location).toString()}`);
  if (options.docMdp) {
    lines.push(`/Reference [<< /Type /SigRef /TransformMethod /DocMDP /TransformParams << /Type /TransformParams /P ${options.docMdp} /V /1.2 >> >>]`);
  }
  lines.push('>>');
  return Buffer.from(lines.join('\n'), 'latin1');
}
