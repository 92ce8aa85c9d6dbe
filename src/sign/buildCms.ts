// The CMS SignedData of a PAdES baseline B-B signature (ETSI EN 319 142-1), built with pkijs.

import { createHash } from 'node:crypto';
import { Signer } from '@signpdf/utils';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { SigningIdentity } from './loadP12.ts';

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
} as const;

/**
 * ESS signing-certificate-v2 (RFC 5035): binds the signature to the signer's
 * certificate. The hash algorithm is left out because SHA-256 is its DEFAULT,
 * and DER omits defaults; issuerSerial is given, as EN 319 122-1 recommends.
 */
export function signingCertificateV2(certificate: pkijs.Certificate): asn1js.Sequence {
  const der = certificate.toSchema().toBER(false);
  const certHash = createHash('sha256').update(new Uint8Array(der)).digest();
  const generalNames = new asn1js.Sequence({
    value: [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [certificate.issuer.toSchema()] })],
  });
  const serial = asn1js.fromBER(certificate.serialNumber.toBER(false)).result;
  const essCertIdV2 = new asn1js.Sequence({
    value: [new asn1js.OctetString({ valueHex: certHash }), new asn1js.Sequence({ value: [generalNames, serial] })],
  });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });
}

/**
 * A detached CMS signature over `content`: signed attributes content-type,
 * message-digest and signing-certificate-v2, and deliberately no signing-time
 * (PAdES puts the time in the signature dictionary's /M instead).
 */
export async function buildCms(content: Uint8Array, identity: SigningIdentity): Promise<Uint8Array> {
  const digest = createHash('sha256').update(content).digest();
  const { certificate } = identity;
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
            new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: digest })] }),
            new pkijs.Attribute({ type: OID.signingCertificateV2, values: [signingCertificateV2(certificate)] }),
          ],
        }),
      }),
    ],
    certificates: [certificate, ...identity.chain],
  });
  // With signed attributes present, pkijs signs their DER encoding, not the content.
  await signedData.sign(identity.privateKey, 0, 'SHA-256');
  const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return new Uint8Array(contentInfo.toSchema().toBER(false));
}

/** The signer @signpdf/signpdf calls with the bytes the byte range covers. */
export class PadesSigner extends Signer {
  identity: SigningIdentity;

  constructor(identity: SigningIdentity) {
    super();
    this.identity = identity;
  }

  // @signpdf offers a signing time; PAdES B-B keeps it out of the CMS, so it is ignored here.
  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    return Buffer.from(await buildCms(new Uint8Array(pdfBuffer), this.identity));
  }
}

/** Bytes to reserve for the CMS in /Contents: the certificates, a signature of the key's size, and the attributes. */
export function cmsSizeEstimate(identity: SigningIdentity): number {
  const certificates = [identity.certificate, ...identity.chain].reduce((n, c) => n + c.toSchema().toBER(false).byteLength, 0);
  return certificates * 2 + 4096;
}
