import { execFileSync, spawnSync } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { signablePdf } from '../../test/support/signablePdf.ts';
import { describeWithSigningTools, makeTestPki, pdfsig, TEST_PASSPHRASE, type TestPki } from '../../test/support/testPki.ts';
import { compareWithOriginal } from './compareWithOriginal.ts';
import { loadP12, type SigningIdentity } from './loadP12.ts';
import { readCertificates } from './readCertificates.ts';
import { revisionEnds } from './readPdf.ts';
import { certifyPdf, signPdf } from './signPdf.ts';
import { verifyPdf } from './verifyPdf.ts';

// Read at each use: the test certificates become valid only when beforeAll makes them.
const now = () => new Date();

async function identity(file: string, passphrase = TEST_PASSPHRASE): Promise<SigningIdentity> {
  const loaded = await loadP12(readFileSync(file), passphrase, file);
  expect(loaded.diagnostics).toEqual([]);
  return loaded.value!;
}

async function sign(pdf: Uint8Array, who: SigningIdentity, field: string, extra: { allowExpired?: boolean } = {}) {
  return signPdf(pdf, { identity: who, field, time: now(), label: 'in.pdf', ...extra });
}

function tmp(name: string, bytes: Uint8Array): string {
  const file = join(mkdtempSync(join(tmpdir(), 'policy-press-sign-')), name);
  writeFileSync(file, bytes);
  return file;
}

describeWithSigningTools('signing and verifying', () => {
  let pki: TestPki;
  let chair: SigningIdentity;
  let head: SigningIdentity;
  let original: Uint8Array;
  let once: Uint8Array;
  let twice: Uint8Array;

  beforeAll(async () => {
    pki = makeTestPki();
    chair = await identity(pki.chairP12);
    head = await identity(pki.headP12);
    original = await signablePdf();
    once = (await sign(original, chair, 'chair')).value!.bytes;
    twice = (await sign(once, head, 'headteacher')).value!.bytes;
  });

  it('appends: the PDF as built is, byte for byte, the first revision, and each signature adds one', () => {
    expect(Buffer.from(once.subarray(0, original.length)).equals(Buffer.from(original))).toBe(true);
    expect(Buffer.from(twice.subarray(0, once.length)).equals(Buffer.from(once))).toBe(true);
    expect(revisionEnds(twice)).toHaveLength(3);
    for (const pdf of [once, twice]) expect(spawnSync('qpdf', ['--check', tmp('x.pdf', pdf)]).status).toBe(0);
  });

  it('leaves the first signature valid after the second, by our verify and by pdfsig', async () => {
    const report = await verifyPdf(twice, { trusted: readCertificates(readFileSync(pki.caPem)) });
    expect(report.ok).toBe(true);
    expect(report.signatures.map((s) => [s.field, s.role, s.signerName, s.revision, s.coversWholeFile, s.intact, s.trusted, s.padesBaselineB])).toEqual([
      ['chair_of_governors_signature', 'Chair of Governors', 'Jane Smith', 2, false, true, true, true],
      ['headteacher_signature', 'Headteacher', 'Sam Patel', 3, true, true, true, true],
    ]);
    const seen = pdfsig(tmp('twice.pdf', twice), pki.nssDir);
    expect(seen.map((s) => [s.field, s.validation, s.certificate])).toEqual([
      ['chair_of_governors_signature', 'Signature is Valid.', 'Certificate is Trusted.'],
      ['headteacher_signature', 'Signature is Valid.', 'Certificate is Trusted.'],
    ]);
    expect(seen[1]!.whole).toBe(true);
  });

  it('writes PAdES B-B: signed attributes content-type, message-digest, signing-certificate-v2 and no signing-time; openssl verifies the CMS', () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-press-dump-'));
    const file = join(dir, 'signed.pdf');
    writeFileSync(file, once);
    spawnSync('pdfsig', ['-nssdir', `sql:${pki.nssDir}`, '-dump', file], { cwd: dir, stdio: 'ignore' });
    const dumped = readdirSync(dir).find((f) => f.endsWith('.sig0'));
    expect(dumped).toBeDefined();
    const cms = join(dir, dumped!);
    const printed = execFileSync('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', cms], { encoding: 'utf8' });
    expect(printed).toContain('contentType (1.2.840.113549.1.9.3)');
    expect(printed).toContain('messageDigest (1.2.840.113549.1.9.4)');
    expect(printed).toContain('1.2.840.113549.1.9.16.2.47');
    expect(printed).not.toContain('signingTime');
    expect(printed).toContain('eContent: <ABSENT>');
    expect(Buffer.from(once).toString('latin1')).toContain('/SubFilter /ETSI.CAdES.detached');

    // The signed bytes: everything but /Contents, per the byte range pdfsig reports.
    const [range] = pdfsig(file, pki.nssDir);
    const [[a, b], [c, d]] = [...range!.ranges.matchAll(/\[(\d+) - (\d+)\]/g)].map((m) => [Number(m[1]), Number(m[2])]) as [[number, number], [number, number]];
    const content = join(dir, 'content.bin');
    writeFileSync(content, Buffer.concat([once.subarray(a, b), once.subarray(c, d)]));
    const verified = spawnSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', cms, '-content', content, '-CAfile', pki.caPem, '-purpose', 'any', '-out', '/dev/null'], { encoding: 'utf8' });
    expect(verified.stderr).toContain('Verification successful');
    expect(verified.status).toBe(0);
  });

  it('detects a flipped byte anywhere in a signed range, and so does pdfsig', async () => {
    const ends = revisionEnds(twice);
    const text = Buffer.from(twice).toString('latin1');
    const contents = [...text.matchAll(/\/Contents <[0-9a-f]+>/g)].map((m) => [m.index! + 10, m.index! + m[0].length]);
    const inGap = (i: number) => contents.some(([s, e]) => i >= s! && i < e!);
    // Spread over the file, plus the places that matter most: the first revision's header,
    // cross-reference table and trailer, each byte range, each signature's field, and the last byte.
    const positions = new Set<number>([0, 9, ends[0]! - 3, ends[1]! - 3, twice.length - 1]);
    for (const m of text.matchAll(/\/ByteRange \[\d+ (\d)/g)) positions.add(m.index! + m[0].length - 1);
    for (const m of text.matchAll(/xref\n|\/T \(|\/FT \/Sig/g)) positions.add(m.index! + 2);
    for (let k = 1; k < 24; k++) positions.add(Math.floor((twice.length * k) / 24));
    let checked = 0;
    for (const at of positions) {
      if (inGap(at)) continue;
      const tampered = new Uint8Array(twice);
      tampered[at] = tampered[at]! ^ 0x01;
      const ours = await verifyPdf(tampered).then((r) => r.ok, () => false);
      expect(ours, `our verify at byte ${at}`).toBe(false);
      const theirs = pdfsig(tmp('t.pdf', tampered), pki.nssDir);
      const allValid = theirs.length === 2 && theirs.every((s) => s.validation === 'Signature is Valid.');
      expect(allValid, `pdfsig at byte ${at}: ${JSON.stringify(theirs)}`).toBe(false);
      checked++;
    }
    expect(checked).toBeGreaterThan(25);
  });

  it('says whether the first revision is the policy: exactly, same wording, or different wording', async () => {
    expect((await compareWithOriginal(twice, original)).sameness).toBe('identical');
    expect((await compareWithOriginal(twice, await signablePdf({ fontSize: 20 }))).sameness).toBe('same-wording');
    expect((await compareWithOriginal(twice, await signablePdf({ text: 'Data security policy\n\nStaff lock screens.\n' }))).sameness).toBe('different-wording');
    expect((await compareWithOriginal(twice, await signablePdf({ noSource: true, fontSize: 9 }))).sameness).toBe('not-comparable');
  });

  it('does not trust a signer who does not chain to the given authority', async () => {
    const report = await verifyPdf(twice, { trusted: readCertificates(readFileSync(pki.otherCaPem)) });
    expect(report.ok).toBe(false);
    expect(report.signatures.every((s) => s.intact && s.trusted === false)).toBe(true);
    expect(report.signatures[0]!.problems.map((p) => p.code)).toEqual(['UNTRUSTED']);
  });

  it('signs with an ECDSA key from a legacy (3DES) PKCS#12', async () => {
    const signed = (await sign(original, await identity(pki.ecP12), 'head')).value!.bytes;
    const report = await verifyPdf(signed, { trusted: readCertificates(readFileSync(pki.caPem)) });
    expect(report.signatures.map((s) => [s.signerName, s.intact, s.trusted])).toEqual([['Eve Curve', true, true]]);
    expect(pdfsig(tmp('ec.pdf', signed), pki.nssDir)[1]!.validation).toBe('Signature is Valid.');
  });

  it('certifies (DocMDP, form filling and signing allowed), and a governor can sign after', async () => {
    const sealed = (await certifyPdf(original, { identity: head, time: now(), label: 'in.pdf' })).value!;
    const signed = (await sign(sealed, chair, 'chair')).value!.bytes;
    const report = await verifyPdf(signed);
    expect(report.ok).toBe(true);
    expect(report.signatures.map((s) => [s.field, s.certification?.permissions, s.intact])).toEqual([
      ['policy_press_seal', 2, true],
      ['chair_of_governors_signature', undefined, true],
    ]);
    expect(report.unsigned.map((u) => u.field)).toEqual(['headteacher_signature']);
    expect(pdfsig(tmp('sealed.pdf', signed), pki.nssDir).filter((s) => s.validation === 'Signature is Valid.')).toHaveLength(2);
    const again = await certifyPdf(signed, { identity: head, time: now(), label: 'in.pdf' });
    expect(again.diagnostics.map((d) => d.code)).toEqual(['ALREADY_SIGNED']);
  });

  it('refuses bad input with a code, and writes nothing', async () => {
    const codes = async (p: Promise<{ value: unknown; diagnostics: { code: string }[] }>) => {
      const r = await p;
      expect(r.value).toBeUndefined();
      return r.diagnostics.map((d) => d.code);
    };
    expect(await codes(loadP12(readFileSync(pki.chairP12), 'wrong passphrase', 'chair.p12'))).toEqual(['P12_WRONG_PASSPHRASE']);
    const p12 = readFileSync(pki.chairP12);
    expect(await codes(loadP12(p12.subarray(0, p12.length / 2), TEST_PASSPHRASE, 'truncated.p12'))).toEqual(['P12_UNREADABLE']);
    // Damage inside the encrypted data fails the integrity check, as a wrong passphrase does; the message says either.
    expect(await codes(loadP12(new Uint8Array(p12).map((b, i) => (i > 200 && i < 240 ? 0 : b)), TEST_PASSPHRASE, 'damaged.p12'))).toEqual(['P12_WRONG_PASSPHRASE']);
    expect(await codes(loadP12(readFileSync(pki.caPem), TEST_PASSPHRASE, 'ca.pem'))).toEqual(['P12_UNREADABLE']);
    expect(await codes(sign(once, chair, 'chair'))).toEqual(['FIELD_ALREADY_SIGNED']);
    expect(await codes(sign(original, chair, 'treasurer'))).toEqual(['FIELD_NOT_FOUND']);
    expect(await codes(sign(new TextEncoder().encode('hello'), chair, 'chair'))).toEqual(['NOT_A_PDF']);
    expect(await codes(sign(await signablePdf({ creator: 'Microsoft Word' }), chair, 'chair'))).toEqual(['NOT_OUR_PDF']);
    const expired = await identity(pki.expiredP12);
    expect(await codes(sign(original, expired, 'chair'))).toEqual(['CERT_EXPIRED']);
    const anyway = await sign(original, expired, 'chair', { allowExpired: true });
    expect(anyway.diagnostics.map((d) => [d.code, d.severity])).toEqual([['CERT_EXPIRED', 'warning']]);
    expect((await verifyPdf(anyway.value!.bytes)).signatures[0]!.notes.map((n) => n.code)).toContain('CERT_NOT_VALID_AT_SIGNING');
  });

  it('holds no passphrase or private key in what it writes', async () => {
    const bytes = Buffer.from(twice);
    expect(bytes.toString('latin1')).not.toContain(TEST_PASSPHRASE);
    for (const key of ['chair.key', 'head.key']) {
      const jwk = createPrivateKey(readFileSync(join(pki.dir, key))).export({ format: 'jwk' });
      for (const part of [jwk.d!, jwk.p!, jwk.q!]) expect(bytes.includes(Buffer.from(part, 'base64url').subarray(0, 24))).toBe(false);
    }
  });
});
