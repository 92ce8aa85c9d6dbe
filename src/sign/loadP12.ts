// PKCS#12 → the signer's key (held in memory only, as a non-extractable CryptoKey), certificate and chain.

import { createPrivateKey, X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import * as pkijs from 'pkijs';
import type { Diagnostic } from '../diagnostics/index.ts';

export interface SigningIdentity {
  /** Usable only for signing; never extractable, so it cannot be written anywhere by mistake. */
  privateKey: CryptoKey;
  certificate: pkijs.Certificate;
  /** The rest of the certificates in the file (intermediate and root authorities). */
  chain: pkijs.Certificate[];
  /** Common name of the certificate's subject, or the whole subject when it has none. */
  signerName: string;
  subject: string;
  notBefore: Date;
  notAfter: Date;
}

const problem = (code: string, message: string, hint: string): Diagnostic => ({ code, severity: 'error', message, hint });

/**
 * node-forge reads every PKCS#12 encryption in use (OpenSSL 3's AES and PBKDF2,
 * and the legacy 3DES/RC2 that Windows and older tools write); pkijs and
 * WebCrypto then do the rest, so RSA and EC keys are handled alike.
 */
export async function loadP12(
  bytes: Uint8Array,
  passphrase: string,
  label: string,
  /** Where the passphrase came from, for the hint when it is wrong. */
  source = 'POLICY_PRESS_P12_PASSPHRASE, or unset it to be asked',
): Promise<{ value: SigningIdentity | undefined; diagnostics: Diagnostic[] }> {
  const fail = (d: Diagnostic) => ({ value: undefined, diagnostics: [{ ...d, file: label }] });
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(bytes).toString('binary')));
    p12 = forge.pkcs12.pkcs12FromAsn1(asn1, false, passphrase);
  } catch (error) {
    // The message is forge's own and never contains the passphrase.
    const message = (error as Error).message ?? '';
    if (/MAC could not be verified|Invalid password/i.test(message)) {
      return fail(problem('P12_WRONG_PASSPHRASE', `the passphrase does not open ${label} (or the file is damaged)`, `check the passphrase (${source}); if it is right, export the key file again`));
    }
    return fail(problem('P12_UNREADABLE', `${label} is not a PKCS#12 key file (.p12 or .pfx) that can be read`, 'export your certificate with its private key as .p12/.pfx from your certificate manager'));
  }

  const keyBags = [
    ...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!] ?? []),
    ...(p12.getBags({ bagType: forge.pki.oids.keyBag! })[forge.pki.oids.keyBag!] ?? []),
  ];
  const certBags = p12.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? [];
  if (keyBags.length === 0) return fail(problem('P12_NO_KEY', `${label} holds no private key`, 'export the certificate together with its private key'));
  if (certBags.length === 0) return fail(problem('P12_NO_CERTIFICATE', `${label} holds no certificate`, 'export the certificate together with its private key'));

  // forge decodes only RSA keys and certificates itself; for others it keeps the decrypted ASN.1.
  const keyDer = (bag: forge.pkcs12.Bag) =>
    bag.key ? toBytes(forge.asn1.toDer(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key)))) : toBytes(forge.asn1.toDer(bag.asn1 as forge.asn1.Asn1));
  const certDer = (bag: forge.pkcs12.Bag) => (bag.cert ? toBytes(forge.asn1.toDer(forge.pki.certificateToAsn1(bag.cert))) : toBytes(forge.asn1.toDer(bag.asn1 as forge.asn1.Asn1)));

  const pkcs8 = keyDer(keyBags[0]!);
  const certificates = certBags.map((bag) => new X509Certificate(certDer(bag)));
  const keyObject = createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
  const own = certificates.find((c) => c.checkPrivateKey(keyObject));
  if (!own) return fail(problem('P12_KEY_MISMATCH', `the private key in ${label} belongs to none of its certificates`, 'export the certificate together with its own private key'));

  const algorithm = keyAlgorithm(keyObject.asymmetricKeyType, keyObject.asymmetricKeyDetails?.namedCurve);
  if (!algorithm) {
    return fail(problem('P12_KEY_TYPE', `${label} holds a ${keyObject.asymmetricKeyType} key, which PDF signatures here do not support`, 'use an RSA or an ECDSA (P-256, P-384, P-521) certificate'));
  }
  const privateKey = await crypto.subtle.importKey('pkcs8', pkcs8, algorithm, false, ['sign']);
  pkcs8.fill(0);

  const certificate = pkijs.Certificate.fromBER(own.raw);
  const chain = certificates.filter((c) => c !== own).map((c) => pkijs.Certificate.fromBER(c.raw));
  return {
    value: {
      privateKey,
      certificate,
      chain,
      signerName: commonName(own.subject) ?? own.subject.replace(/\n/g, ', '),
      subject: own.subject.replace(/\n/g, ', '),
      notBefore: new Date(own.validFrom),
      notAfter: new Date(own.validTo),
    },
    diagnostics: [],
  };
}

function keyAlgorithm(type: string | undefined, curve: string | undefined): RsaHashedImportParams | EcKeyImportParams | undefined {
  if (type === 'rsa') return { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  const named = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' }[curve ?? ''];
  if (type === 'ec' && named) return { name: 'ECDSA', namedCurve: named };
  return undefined;
}

/** The CN of an X509Certificate subject ("C=GB\nCN=Jane Smith"). */
export function commonName(subject: string): string | undefined {
  const line = subject.split('\n').find((l) => l.startsWith('CN='));
  return line?.slice(3);
}

function toBytes(buffer: forge.util.ByteStringBuffer): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.from(buffer.getBytes(), 'binary'));
}
