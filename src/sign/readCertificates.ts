// Authority certificates as users have them: a PEM file of one or more, or a single DER certificate.

import * as pkijs from 'pkijs';

/** Throws when the bytes hold no readable certificate. */
export function readCertificates(bytes: Uint8Array): pkijs.Certificate[] {
  const text = Buffer.from(bytes).toString('latin1');
  const pems = [...text.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)].map((m) => Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64'));
  return (pems.length ? pems : [Buffer.from(bytes)]).map((der) => pkijs.Certificate.fromBER(new Uint8Array(der)));
}
