// Signing end to end, as the README tells a school to: build the PDF, sign it twice, verify it, publish it, and catch tampering.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFArray, PDFDocument, PDFName, type PDFRef, PDFString } from 'pdf-lib';
import { beforeAll, expect, it } from 'vitest';
import { buildProject, writeTexts } from '../src/build/buildProject.ts';
import { publishSignedCopies, readPublishedApproval } from '../src/build/publishSignedCopies.ts';
import { BuildStepFailed } from '../src/build/BuildStepFailed.ts';
import { sealPdfs } from '../src/build/sealPdfs.ts';
import { writePdfs } from '../src/build/writePdfs.ts';
import type { Diagnostic } from '../src/diagnostics/index.ts';
import { loadProject } from '../src/project/loadProject.ts';
import { createNodeWorld } from '../src/project/World.ts';
import { appendUpdate } from '../src/sign/appendUpdate.ts';
import { toPlainText } from '../src/write/text/toPlainText.ts';
import { signablePdf } from './support/signablePdf.ts';
import { REPO, run, school, TEST_TODAY_EPOCH, tempProject } from './support/tempProject.ts';
import { describeWithSigningTools, makeTestPki, pdfsig, TEST_PASSPHRASE, type TestPki } from './support/testPki.ts';

const ENV = { SOURCE_DATE_EPOCH: TEST_TODAY_EPOCH, POLICY_PRESS_P12_PASSPHRASE: TEST_PASSPHRASE };

describeWithSigningTools('policy-press sign and verify', () => {
  let pki: TestPki;
  let root: string;
  const at = (p: string) => join(root, p);

  beforeAll(async () => {
    pki = makeTestPki();
    root = tempProject({ 'schools/test-primary.yaml': school() });
    expect((await run(root, ['pdf', 'test-primary', '-o', 'policy.pdf'])).code).toBe(0);
  });

  it('signs the built PDF twice (Chair, then Headteacher); both stay valid for us and for pdfsig, and it is exactly the current policy', async () => {
    // sign makes approved/test-primary/ itself.
    const first = await run(root, ['sign', 'policy.pdf', '--p12', pki.chairP12, '--field', 'chair', '-o', 'chair.pdf', '--location', 'Test Primary'], ENV);
    expect(first.stderr).toContain('signed the Chair of Governors field (chair_of_governors_signature) as Jane Smith');
    expect(first.code).toBe(0);
    const second = await run(root, ['sign', 'chair.pdf', '--p12', pki.headP12, '--field', 'headteacher', '-o', 'approved/test-primary/2025-01-10.pdf'], ENV);
    expect(second.code).toBe(0);
    const signed = readFileSync(at('approved/test-primary/2025-01-10.pdf'));
    const built = readFileSync(at('policy.pdf'));
    expect(signed.subarray(0, built.length).equals(built)).toBe(true);

    const verified = await run(root, ['verify', 'approved/test-primary/2025-01-10.pdf', '--ca', pki.caPem, '--json'], ENV);
    expect(verified.code).toBe(0);
    const report = JSON.parse(verified.stdout);
    expect(report.signatures.map((s: Record<string, unknown>) => [s.field, s.signerName, s.revision, s.coversWholeFile, s.intact, s.trusted])).toEqual([
      ['chair_of_governors_signature', 'Jane Smith', 2, false, true, true],
      ['headteacher_signature', 'Sam Patel', 3, true, true, true],
    ]);
    expect(report.original).toMatchObject({ sameness: 'identical', message: 'this signed copy is exactly the current policy' });

    const text = await run(root, ['verify', 'approved/test-primary/2025-01-10.pdf', '--ca', pki.caPem], ENV);
    expect(text.stdout).toContain('Policy: this signed copy is exactly the current policy');
    expect(text.stdout).toContain('All 2 signatures are intact and trusted.');
    expect(pdfsig(at('approved/test-primary/2025-01-10.pdf'), pki.nssDir).map((s) => [s.validation, s.certificate])).toEqual([
      ['Signature is Valid.', 'Certificate is Trusted.'],
      ['Signature is Valid.', 'Certificate is Trusted.'],
    ]);
    expect(spawnSync('qpdf', ['--check', at('approved/test-primary/2025-01-10.pdf')]).status).toBe(0);

    // Untrusted against another authority; tampered is caught by both verifiers.
    expect((await run(root, ['verify', 'approved/test-primary/2025-01-10.pdf', '--ca', pki.otherCaPem], ENV)).code).toBe(1);
    const tampered = Buffer.from(signed);
    const middle = Math.floor(built.length / 2);
    tampered[middle] = tampered[middle]! ^ 0x20;
    writeFileSync(at('tampered.pdf'), tampered);
    const caught = await run(root, ['verify', 'tampered.pdf'], ENV);
    expect(caught.code).toBe(1);
    expect(caught.stdout).toContain('DIGEST_MISMATCH');
    expect(pdfsig(at('tampered.pdf'), pki.nssDir).every((s) => s.validation === 'Digest Mismatch.')).toBe(true);

    // The build publishes it beside the page.
    const project = loadProject(createNodeWorld(root, ENV));
    const out = await buildProject(project, { root, env: ENV }, [writeTexts, writePdfs, publishSignedCopies]);
    expect(readFileSync(join(out, 'test-primary/policy-signed.pdf')).equals(signed)).toBe(true);
    expect(readPublishedApproval(out, 'test-primary')).toMatchObject({ status: 'signed', approvedOn: '2025-01-10', sha256: createHash('sha256').update(signed).digest('hex') });
  });

  it('catches pages changed between signatures, which every signature covers and the first revision does not show', async () => {
    // The Chair signs; then a revision draws over page 2 and lays a note on page 1; then the Headteacher signs it all.
    const chair = readFileSync(at('chair.pdf'));
    const pdf = await PDFDocument.load(chair, { updateMetadata: false });
    const [one, two] = pdf.getPages();
    const cover = pdf.context.register(pdf.context.flateStream('1 1 1 rg 0 0 595 842 re f'));
    const contents = two!.node.get(PDFName.of('Contents'))!;
    const page2 = two!.node.clone(pdf.context);
    page2.set(PDFName.of('Contents'), pdf.context.obj([...(contents instanceof PDFArray ? contents.asArray() : [contents]), cover]));
    const note = pdf.context.register(pdf.context.obj({ Type: 'Annot', Subtype: 'FreeText', Rect: [50, 50, 545, 792], Contents: PDFString.of('Lock-out: 60 minutes'), DA: PDFString.of('/Helv 12 Tf 0 g') }));
    const annots = one!.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    const page1 = one!.node.clone(pdf.context);
    page1.set(PDFName.of('Annots'), pdf.context.obj([...(annots?.asArray() ?? []), note]));
    const trailer = pdf.context.trailerInfo;
    const changed = appendUpdate(chair, [
      { ref: cover, object: pdf.context.lookup(cover)! },
      { ref: note, object: pdf.context.lookup(note)! },
      { ref: two!.ref, object: page2 },
      { ref: one!.ref, object: page1 },
    ], { root: trailer.Root as PDFRef, info: trailer.Info as PDFRef });
    writeFileSync(at('changed.pdf'), changed);
    expect((await run(root, ['sign', 'changed.pdf', '--p12', pki.headP12, '--field', 'headteacher', '-o', 'changed-signed.pdf'], ENV)).code).toBe(0);

    const json = await run(root, ['verify', 'changed-signed.pdf', '--json'], ENV);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report.signatures.map((s: { intact: boolean }) => s.intact)).toEqual([true, true]);
    expect(report.changedPages).toEqual([1, 2]);
    expect(report.ok).toBe(false);
    const text = await run(root, ['verify', 'changed-signed.pdf'], ENV);
    expect(text.stdout).toContain('✗ pages 1, 2 were changed after the PDF was built');
    expect(text.stdout).toContain('The signatures are intact, but the pages shown are not the ones built: do not rely on this copy.');
    // The signed copies made by signing alone (and the seal, below) show their pages as built.
    expect(JSON.parse((await run(root, ['verify', 'approved/test-primary/2025-01-10.pdf', '--json'], ENV)).stdout).changedPages).toEqual([]);

    // Nor does the build publish it.
    const project = tempProject({ 'schools/test-primary.yaml': school(), 'approved/test-primary/2025-01-11.pdf': readFileSync(at('changed-signed.pdf')) });
    const warnings: Diagnostic[] = [];
    const out = await buildProject(loadProject(createNodeWorld(project, ENV)), { root: project, env: ENV, cache: false, report: (d) => warnings.push(...d) }, [writeTexts, writePdfs, publishSignedCopies]);
    expect(warnings).toEqual([expect.objectContaining({ code: 'APPROVED_COPY_BROKEN', message: 'approved/test-primary/2025-01-11.pdf shows pages changed after it was built (1, 2), so it is not published' })]);
    expect(existsSync(join(out, 'test-primary/policy-signed.pdf'))).toBe(false);
  });

  it('says when a signed copy is no longer the current policy', async () => {
    const changed = tempProject({ 'schools/test-primary.yaml': school((y) => y.replace('lockout_minutes: 10', 'lockout_minutes: 5')) });
    const result = await run(changed, ['verify', join(root, 'approved/test-primary/2025-01-10.pdf'), '--original', join(root, 'policy.pdf')], ENV);
    expect(result.stdout).toContain('this signed copy is exactly the current policy');
    mkdirSync(join(changed, 'approved/test-primary'), { recursive: true });
    writeFileSync(join(changed, 'approved/test-primary/2025-01-10.pdf'), readFileSync(join(root, 'approved/test-primary/2025-01-10.pdf')));
    const now = await run(changed, ['verify', 'approved/test-primary/2025-01-10.pdf', '--json'], ENV);
    expect(now.code).toBe(0);
    // Different bytes; that the words differ is read from the text the PDFs embed.
    expect(JSON.parse(now.stdout).original).toMatchObject({ sameness: 'different-wording', message: 'the wording differs from the current policy' });
  });

  it('refuses bad input with a clear message, exit 1 and no output file', async () => {
    const refuse = async (args: string[], code: string, env: NodeJS.ProcessEnv = ENV, out = 'out.pdf') => {
      const result = await run(root, ['sign', ...args, '-o', out], env);
      expect(result.stderr, args.join(' ')).toContain(code);
      expect(result.stderr).toContain('Nothing was written.');
      expect(result.code).toBe(1);
      if (code !== 'OUTPUT_IS_INPUT') expect(existsSync(at(out))).toBe(false);
      expect(result.stderr).not.toContain(TEST_PASSPHRASE);
      return result;
    };
    const chair = ['--p12', pki.chairP12, '--field', 'chair'];
    await refuse(['policy.pdf', ...chair], 'P12_WRONG_PASSPHRASE', { ...ENV, POLICY_PRESS_P12_PASSPHRASE: 'not it' });
    await refuse(['policy.pdf', ...chair], 'NO_PASSPHRASE', { SOURCE_DATE_EPOCH: TEST_TODAY_EPOCH });
    writeFileSync(at('junk.p12'), 'not a key file');
    await refuse(['policy.pdf', '--p12', 'junk.p12', '--field', 'chair'], 'P12_UNREADABLE');
    await refuse(['policy.pdf', '--p12', pki.caPem, '--field', 'chair'], 'P12_UNREADABLE');
    await refuse(['policy.pdf', '--p12', pki.expiredP12, '--field', 'chair'], 'CERT_EXPIRED');
    await refuse(['policy.pdf', '--p12', pki.chairP12, '--field', 'bursar'], 'FIELD_NOT_FOUND');
    await refuse(['chair.pdf', ...chair], 'FIELD_ALREADY_SIGNED');
    writeFileSync(at('notes.pdf'), 'these are not a PDF');
    await refuse(['notes.pdf', ...chair], 'NOT_A_PDF');
    writeFileSync(at('foreign.pdf'), await signablePdf({ creator: 'LibreOffice' }));
    await refuse(['foreign.pdf', ...chair], 'NOT_OUR_PDF');
    await refuse(['policy.pdf', ...chair], 'OUTPUT_IS_INPUT', ENV, './policy.pdf');
    expect(readFileSync(at('policy.pdf')).subarray(0, 8).toString()).toBe('%PDF-1.7');

    const anyway = await run(root, ['sign', 'policy.pdf', '--p12', pki.expiredP12, '--field', 'chair', '-o', 'expired.pdf', '--allow-expired'], ENV);
    expect(anyway.code).toBe(0);
    expect(anyway.stderr).toMatch(/warning CERT_EXPIRED .*expired on 2020-01-01; signing anyway/);
    // The passphrase is never accepted on the command line.
    expect((await run(root, ['sign', 'policy.pdf', ...chair, '--passphrase', 'x', '-o', 'out.pdf'], ENV)).code).toBe(2);
    expect((await run(root, ['verify', 'notes.pdf'], ENV)).code).toBe(1);
  });

  it('asks for the passphrase on a terminal without echoing it', () => {
    // A pseudo-terminal, as a person at a keyboard has; python3's pty module drives it.
    const script = `
import os, pty, sys, time
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
out = b''
def read_until(marker, limit=30):
    global out
    end = time.time() + limit
    while marker not in out and time.time() < end:
        try: out += os.read(fd, 4096)
        except OSError: break
read_until(b'Passphrase')
os.write(fd, sys.stdin.buffer.read() + b'\\r')
read_until(b'\\x00never')
_, status = os.waitpid(pid, 0)
sys.stdout.buffer.write(out)
sys.exit(os.waitstatus_to_exitcode(status))
`;
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'POLICY_PRESS_P12_PASSPHRASE'));
    const result = spawnSync('python3', ['-c', script, process.execPath, join(REPO, 'bin/policy-press.js'), 'sign', 'policy.pdf', '--p12', pki.chairP12, '--field', 'chair', '-o', 'prompted.pdf'], {
      cwd: root,
      input: TEST_PASSPHRASE,
      encoding: 'utf8',
      env,
    });
    expect(result.stdout).toContain('Passphrase for chair.p12:');
    expect(result.stdout).toContain('signed the Chair of Governors field');
    expect(result.stdout).not.toContain(TEST_PASSPHRASE);
    expect(result.status).toBe(0);
    expect(existsSync(at('prompted.pdf'))).toBe(true);
  });
});

describeWithSigningTools('publishing signed copies, and the issuer seal', () => {
  let pki: TestPki;
  beforeAll(() => {
    pki = makeTestPki();
  });

  /** A signed copy whose embedded words are exactly `text`, signed by the Chair and the Headteacher. */
  async function signedCopy(root: string, text: string, name: string): Promise<string> {
    writeFileSync(join(root, 'unsigned.pdf'), await signablePdf({ text, schoolName: 'Test Primary' }));
    expect((await run(root, ['sign', 'unsigned.pdf', '--p12', pki.chairP12, '--field', 'chair', '-o', 'half.pdf'], ENV)).code).toBe(0);
    expect((await run(root, ['sign', 'half.pdf', '--p12', pki.headP12, '--field', 'head', '-o', name], ENV)).code).toBe(0);
    return join(root, name);
  }

  async function build(root: string, env: NodeJS.ProcessEnv = ENV, steps = [writeTexts, writePdfs, publishSignedCopies]) {
    const project = loadProject(createNodeWorld(root, env));
    const warnings: Diagnostic[] = [];
    // Every PDF drawn afresh, so a rebuild that matches shows drawing and sealing are reproducible.
    const out = await buildProject(project, { root, env, cache: false, report: (d) => warnings.push(...d) }, steps);
    return { out, warnings, text: toPlainText(project.documents.get('test-primary')!) };
  }

  it('publishes the newest copy with the current wording, with who signed it and its SHA-256; or says the policy has changed since', async () => {
    const root = tempProject({ 'schools/test-primary.yaml': school() });
    const { text } = await build(root);
    mkdirSync(join(root, 'approved/test-primary'), { recursive: true });
    await signedCopy(root, text, 'approved/test-primary/2024-10-01.pdf');
    await signedCopy(root, 'Some older wording\n', 'approved/test-primary/2023-10-01.pdf');
    const tampered = readFileSync(join(root, 'approved/test-primary/2024-10-01.pdf'));
    tampered[400] = tampered[400]! ^ 1;
    writeFileSync(join(root, 'approved/test-primary/2025-01-02.pdf'), tampered);

    const first = await build(root);
    expect(first.warnings.map((w) => [w.code, w.file])).toEqual([['APPROVED_COPY_BROKEN', 'approved/test-primary/2025-01-02.pdf']]);
    const published = readFileSync(join(first.out, 'test-primary/policy-signed.pdf'));
    expect(published.equals(readFileSync(join(root, 'approved/test-primary/2024-10-01.pdf')))).toBe(true);
    const today = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' }).format(new Date());
    expect(readPublishedApproval(first.out, 'test-primary')).toEqual({
      status: 'signed',
      sentence: `Approved and signed by Jane Smith, Chair of Governors, on ${today}; and by Sam Patel, Headteacher, on ${today}`,
      approvedOn: '2024-10-01',
      file: 'policy-signed.pdf',
      sha256: createHash('sha256').update(published).digest('hex'),
      signers: [expect.objectContaining({ name: 'Jane Smith', role: 'Chair of Governors' }), expect.objectContaining({ name: 'Sam Patel', role: 'Headteacher' })],
    });

    writeFileSync(join(root, 'schools/test-primary.yaml'), school((y) => y.replace('lockout_minutes: 10', 'lockout_minutes: 5')));
    const second = await build(root);
    expect(existsSync(join(second.out, 'test-primary/policy-signed.pdf'))).toBe(false);
    expect(readPublishedApproval(second.out, 'test-primary')).toMatchObject({ status: 'changed', sentence: 'Changed since governors approved it on 1 October 2024', approvedOn: '2024-10-01' });
  });

  it('seals every PDF with POLICY_PRESS_SEAL_P12: a certification governors can still sign after; reproducible with SOURCE_DATE_EPOCH', async () => {
    const root = tempProject({ 'schools/test-primary.yaml': school() });
    // The seal's time is SOURCE_DATE_EPOCH, which must fall within the (new) test certificate's validity.
    const epoch = String(Math.floor(Date.now() / 1000) + 5);
    const env = { ...ENV, SOURCE_DATE_EPOCH: epoch, POLICY_PRESS_SEAL_P12: pki.headP12, POLICY_PRESS_SEAL_PASSPHRASE: TEST_PASSPHRASE };
    const { out } = await build(root, env, [writeTexts, writePdfs, sealPdfs]);
    const sealed = readFileSync(join(out, 'test-primary/policy.pdf'));
    writeFileSync(join(root, 'again.pdf'), sealed);
    const rebuilt = await build(root, env, [writeTexts, writePdfs, sealPdfs]);
    expect(readFileSync(join(rebuilt.out, 'test-primary/policy.pdf')).equals(sealed)).toBe(true);

    expect((await run(root, ['sign', 'again.pdf', '--p12', pki.chairP12, '--field', 'chair', '-o', 'signed.pdf'], ENV)).code).toBe(0);
    const verified = await run(root, ['verify', 'signed.pdf', '--ca', pki.caPem, '--json'], ENV);
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.stdout).signatures.map((s: { field: string; certification?: unknown; intact: boolean }) => [s.field, s.certification, s.intact])).toEqual([
      ['policy_press_seal', { permissions: 2 }, true],
      ['chair_of_governors_signature', undefined, true],
    ]);
    expect(pdfsig(join(root, 'signed.pdf'), pki.nssDir).filter((s) => s.validation === 'Signature is Valid.' && s.certificate === 'Certificate is Trusted.')).toHaveLength(2);

    const wrong = { ...env, POLICY_PRESS_SEAL_PASSPHRASE: 'nope' };
    await expect(build(root, wrong, [writeTexts, writePdfs, sealPdfs])).rejects.toBeInstanceOf(BuildStepFailed);
  });
});
