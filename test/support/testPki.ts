// Test certificates, made fresh by each test run (never committed): a CA, governors' keys in PKCS#12, an expired one, and an NSS database trusting the CA.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { describe, it } from 'vitest';

export const TEST_PASSPHRASE = 'correct horse battery staple';

export interface TestPki {
  dir: string;
  caPem: string;
  /** Another CA, which signed nobody here. */
  otherCaPem: string;
  chairP12: string;
  headP12: string;
  /** A certificate that expired in 2020. */
  expiredP12: string;
  /** An ECDSA P-256 key, in the legacy 3DES PKCS#12 encryption. */
  ecP12: string;
  /** An NSS certificate database that trusts the CA, for pdfsig -nssdir. */
  nssDir: string;
}

export const SIGNING_TOOLS = ['openssl', 'pdfsig', 'certutil', 'qpdf'] as const;

function missing(tools: readonly string[]): string[] {
  return tools.filter((t) => spawnSync(t, t === 'openssl' ? ['version'] : ['-v'], { stdio: 'ignore' }).error !== undefined);
}

/**
 * `describe` for tests that need openssl, poppler's pdfsig, NSS's certutil or
 * qpdf: skipped on a developer's machine without them, a failure in CI.
 */
export function describeWithSigningTools(name: string, body: () => void, tools: readonly string[] = SIGNING_TOOLS): void {
  const absent = missing(tools);
  if (!absent.length) {
    describe(name, body);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('has openssl, poppler-utils, libnss3-tools and qpdf installed', () => {
        throw new Error(`${absent.join(', ')} not found: apt-get install openssl poppler-utils libnss3-tools qpdf`);
      });
    });
    return;
  }
  describe.skip(`${name} (skipped: ${absent.join(', ')} not installed)`, body);
}

const openssl = (args: string[], cwd: string) => execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });

/** Uses openssl as a CA would; node-forge only for the expired certificate, whose dates openssl 3.0 cannot set. */
export function makeTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'policy-press-pki-'));
  const pass = `pass:${TEST_PASSPHRASE}`;
  const caExt = join(dir, 'ca.ext');
  writeFileSync(caExt, 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n');
  const leafExt = join(dir, 'leaf.ext');
  writeFileSync(leafExt, 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n');

  for (const ca of ['ca', 'other-ca']) {
    openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${ca}.key`, '-out', `${ca}.pem`, '-days', '30', '-subj', `/O=policy-press tests/CN=Test ${ca} governors`, '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir);
  }
  const leaf = (name: string, cn: string, key: string[]) => {
    openssl(['req', '-new', ...key, '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/O=Test School/CN=${cn}`], dir);
    openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-set_serial', String(Math.floor(Math.random() * 1e9)), '-days', '20', '-extfile', leafExt, '-out', `${name}.pem`], dir);
  };
  leaf('chair', 'Jane Smith', ['-newkey', 'rsa:2048']);
  leaf('head', 'Sam Patel', ['-newkey', 'rsa:3072']);
  openssl(['pkcs12', '-export', '-inkey', 'chair.key', '-in', 'chair.pem', '-certfile', 'ca.pem', '-out', 'chair.p12', '-passout', pass], dir);
  openssl(['pkcs12', '-export', '-inkey', 'head.key', '-in', 'head.pem', '-out', 'head.p12', '-passout', pass], dir);
  openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'ec.key'], dir);
  openssl(['req', '-new', '-key', 'ec.key', '-out', 'ec.csr', '-subj', '/O=Test School/CN=Eve Curve'], dir);
  openssl(['x509', '-req', '-in', 'ec.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-set_serial', '77', '-days', '20', '-extfile', leafExt, '-out', 'ec.pem'], dir);
  openssl(['pkcs12', '-export', '-legacy', '-inkey', 'ec.key', '-in', 'ec.pem', '-out', 'ec.p12', '-passout', pass], dir);

  // Expired: valid only in 2019.
  const caKey = forge.pki.privateKeyFromPem(readFileSync(join(dir, 'ca.key'), 'utf8'));
  const caCert = forge.pki.certificateFromPem(readFileSync(join(dir, 'ca.pem'), 'utf8'));
  const keys = forge.pki.rsa.generateKeyPair({ bits: 1024, e: 0x10001 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '0a0b0c';
  cert.validity.notBefore = new Date('2019-01-01T00:00:00Z');
  cert.validity.notAfter = new Date('2020-01-01T00:00:00Z');
  cert.setSubject([{ name: 'commonName', value: 'Old Governor' }]);
  cert.setIssuer(caCert.subject.attributes);
  cert.sign(caKey, forge.md.sha256.create());
  const p12 = forge.pkcs12.toPkcs12Asn1(keys.privateKey, [cert], TEST_PASSPHRASE, { algorithm: '3des' });
  writeFileSync(join(dir, 'expired.p12'), Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary'));

  const nssDir = join(dir, 'nss');
  mkdirSync(nssDir);
  execFileSync('certutil', ['-N', '--empty-password', '-d', `sql:${nssDir}`], { stdio: 'ignore' });
  execFileSync('certutil', ['-A', '-n', 'policy-press test CA', '-t', 'CT,C,C', '-i', join(dir, 'ca.pem'), '-d', `sql:${nssDir}`], { stdio: 'ignore' });

  const at = (f: string) => join(dir, f);
  return {
    dir,
    caPem: at('ca.pem'),
    otherCaPem: at('other-ca.pem'),
    chairP12: at('chair.p12'),
    headP12: at('head.p12'),
    expiredP12: at('expired.p12'),
    ecP12: at('ec.p12'),
    nssDir,
  };
}

/** pdfsig's verdicts, one per signature. It exits 0 even on a digest mismatch, so its output is what counts. */
export function pdfsig(file: string, nssDir: string): { field: string; validation: string; certificate: string; ranges: string; whole: boolean }[] {
  const result = spawnSync('pdfsig', ['-nssdir', `sql:${nssDir}`, file], { encoding: 'utf8' });
  const out = `${result.stdout}${result.stderr}`;
  return out
    .split(/^Signature #\d+:$/m)
    .slice(1)
    .map((block) => ({
      field: /Signature Field Name: (.*)/.exec(block)?.[1]?.trim() ?? '',
      validation: /Signature Validation: (.*)/.exec(block)?.[1]?.trim() ?? (block.includes('not signed') ? 'not signed' : ''),
      certificate: /Certificate Validation: (.*)/.exec(block)?.[1]?.trim() ?? '',
      ranges: /Signed Ranges: (.*)/.exec(block)?.[1]?.trim() ?? '',
      whole: block.includes('Total document signed'),
    }));
}
