// `policy-press verify SIGNED.pdf`: every signature, intact or not, trusted or not, and whether the copy is the current policy.

import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import type * as pkijs from 'pkijs';
import { schoolPdf } from '../../build/writePdfs.ts';
import { type Diagnostic, hasErrors } from '../../diagnostics/index.ts';
import { readEmbeddedSource } from '../../diff/embeddedSource.ts';
import { loadProject } from '../../project/loadProject.ts';
import { loadPolicies } from '../../project/loadPolicies.ts';
import { APPROVED_DIR } from '../../sign/approvedCopies.ts';
import { compareWithOriginal, firstRevisionCandidates, type OriginalComparison } from '../../sign/compareWithOriginal.ts';
import { readCertificates } from '../../sign/readCertificates.ts';
import { looksLikePdf, quietly, UnreadablePdfError } from '../../sign/readPdf.ts';
import { type SignatureReport, type VerifyReport, verifyPdf } from '../../sign/verifyPdf.ts';
import { type Command, EXIT, type Io, UsageError } from '../Command.ts';
import { printDiagnostics } from '../printDiagnostics.ts';

interface Against {
  /** What the first revision was compared with, for people: a file, or "ashmole-primary as built now". */
  label: string;
  comparison: OriginalComparison;
}

/** The school a signed copy is of: from its place in approved/<slug>/, else the school name it carries. */
async function currentPolicyPdf(io: Io, file: string, bytes: Uint8Array): Promise<{ slug?: string; pdf?: Uint8Array; why?: string }> {
  const rel = relative(io.world.root, file).split(sep);
  let slug = rel.length === 3 && rel[0] === APPROVED_DIR ? rel[1] : undefined;
  if (!slug) {
    const source = await quietly(() => readEmbeddedSource(firstRevisionCandidates(bytes).at(-1)!)).catch(() => undefined);
    const name = source?.tree.meta.schoolName;
    const everyone = name === undefined ? undefined : loadProject(io.world);
    slug = everyone && [...everyone.documents].find(([, doc]) => doc.meta.schoolName === name)?.[0];
    if (!slug) return { why: 'which school it is could not be told (give --original dist/<slug>/policy.pdf)' };
  }
  const project = await loadPolicies(io.world, { only: [slug] });
  const doc = project.documents.get(slug);
  if (!doc || hasErrors(project.diagnostics)) return { slug, why: `schools/${slug}.yaml does not build now (run \`policy-press check ${slug}\`)` };
  return { slug, pdf: await schoolPdf(project, slug, io.env) };
}

function describe(s: SignatureReport, total: number, caLabel: string | undefined): string {
  const lines = [`${s.intact && s.trusted !== false ? '✓' : '✗'} ${s.role} (${s.field})`];
  const row = (k: string, v: string) => lines.push(`    ${k.padEnd(11)} ${v}`);
  if (s.subject) row('signed by', s.subject);
  if (s.issuer) row('issued by', s.issuer);
  if (s.time) row('at', `${s.time.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')} (time claimed by the signer)`);
  if (s.reason) row('reason', s.reason);
  if (s.location) row('location', s.location);
  if (s.certification) row('certifies', `the document: later changes allowed are ${s.certification.permissions === 1 ? 'none' : s.certification.permissions === 2 ? 'form filling and signing' : 'form filling, signing and comments'}`);
  row('covers', `${s.revision ? `revision ${s.revision} of ${total}` : 'an unknown revision'}${s.coversWholeFile ? ' (the whole file)' : ' (later revisions were added after it)'}`);
  row('intact', s.intact ? 'yes: the signed bytes are unchanged' : 'NO');
  if (s.trusted !== undefined) row('trusted', s.trusted ? `yes: chains to ${caLabel}` : `NO: does not chain to ${caLabel}`);
  row('PAdES B-B', s.padesBaselineB ? 'yes' : 'no');
  for (const p of s.problems) lines.push(`    problem: ${p.message} [${p.code}]`);
  for (const n of s.notes) lines.push(`    note: ${n.message} [${n.code}]`);
  return lines.join('\n');
}

function toText(label: string, report: VerifyReport, against: Against | undefined, caLabel: string | undefined, whyNot: string | undefined): string {
  const out = [`${label}: ${report.revisions} revision${report.revisions === 1 ? '' : 's'}, ${report.signatures.length} signature${report.signatures.length === 1 ? '' : 's'}`, ''];
  for (const s of report.signatures) out.push(describe(s, report.revisions, caLabel), '');
  if (report.unsigned.length) out.push(`Not signed yet: ${report.unsigned.map((u) => `${u.role} (${u.field})`).join(', ')}`);
  if (report.unreadable) out.push(`✗ ${report.unreadable} signature${report.unreadable === 1 ? '' : 's'} in the file could not be read`);
  if (report.changedPages.length) {
    const pages = report.changedPages;
    out.push(`✗ ${pages.length === 1 ? `page ${pages[0]} was` : `pages ${pages.join(', ')} were`} changed after the PDF was built: a later revision draws more than signatures and field values [PAGES_CHANGED]`);
  }
  if (report.ok && !report.lastRevisionSigned) out.push('Note: the file was changed after its last intact signature (a later revision is not covered by any signature)');
  if (against) out.push(`Policy: ${against.comparison.message} (compared with ${against.label}${report.changedPages.length ? '; as first written, before the pages were changed' : ''})`);
  else if (whyNot) out.push(`Policy: not compared: ${whyNot}`);
  const bad = report.signatures.filter((s) => !s.intact || s.trusted === false).length + report.unreadable;
  out.push(
    report.signatures.length === 0
      ? 'No signatures: this copy has not been signed.'
      : report.ok
        ? `All ${report.signatures.length} signature${report.signatures.length === 1 ? ' is' : 's are'} intact${caLabel ? ' and trusted' : ''}.`
        : bad === 0
          ? 'The signatures are intact, but the pages shown are not the ones built: do not rely on this copy.'
          : `${bad} of ${report.signatures.length + report.unreadable} signature${report.signatures.length + report.unreadable === 1 ? '' : 's'} ${bad === 1 ? 'fails' : 'fail'} verification.`,
  );
  return `${out.join('\n')}\n`;
}

export const verify: Command = {
  name: 'verify',
  summary: 'check the signatures of a signed policy PDF, and that it is the current policy',
  usage: 'policy-press verify SIGNED.pdf [--ca CA.pem] [--original FILE.pdf] [--json]',
  help: `Lists every signature in the PDF: its field and role, the signer's
certificate, the time claimed, the revision it covers and whether it covers
the whole file. Says whether each is intact (the bytes it signs are unchanged
and the signature is the signer's) and, with --ca, whether the signer's
certificate chains to that authority.

It also says whether the signed copy is the current policy: its first
revision (the PDF as built, before anyone signed) is compared with --original,
or by default with the school's policy built now from schools/<slug>.yaml:
  exactly the current policy   the same bytes
  same wording                 the same words; only the layout differs
  different wording            the policy has changed since it was signed

Options:
  --ca FILE        trusted authority certificates (PEM, one or more; or DER)
  --original FILE  the PDF the signed copy should be (e.g. dist/<slug>/policy.pdf)
  --json           print the findings as JSON on stdout
  -h, --help       show this help

Exit status: 0 every signature intact (and trusted, with --ca), and at least
one; 1 otherwise, or the file is not a readable PDF; 2 a usage error. The
comparison with the policy does not change the exit status.`,
  options: { ca: { type: 'string' }, original: { type: 'string' }, json: { type: 'boolean' } },
  allowPositionals: true,
  async run({ values, positionals }, io) {
    if (positionals.length !== 1) throw new UsageError('give one signed PDF, e.g. `policy-press verify approved/ashmole-primary/2024-10-05.pdf`');
    const label = positionals[0]!;
    const file = resolve(io.cwd, label);
    const fail = (code: string, message: string, hint: string, at?: string) => {
      printDiagnostics([{ code, severity: 'error', message, hint, file: at ?? label } satisfies Diagnostic], new Map(), io);
      return EXIT.FAILED;
    };
    if (!existsSync(file)) return fail('FILE_NOT_FOUND', `${label} does not exist`, 'give the path of a signed PDF');
    const bytes = new Uint8Array(readFileSync(file));
    if (!looksLikePdf(bytes)) return fail('NOT_A_PDF', `${label} is not a PDF`, 'give a signed copy of a policy PDF');

    let trusted: pkijs.Certificate[] | undefined;
    const caLabel = values.ca as string | undefined;
    if (caLabel !== undefined) {
      const caFile = resolve(io.cwd, caLabel);
      if (!existsSync(caFile)) return fail('FILE_NOT_FOUND', `${caLabel} does not exist`, 'give the authority certificate as a PEM file', caLabel);
      try {
        trusted = readCertificates(new Uint8Array(readFileSync(caFile)));
      } catch {
        return fail('CA_UNREADABLE', `${caLabel} holds no readable certificate`, 'give the authority certificate as PEM (-----BEGIN CERTIFICATE-----) or DER', caLabel);
      }
    }

    let report: VerifyReport;
    try {
      report = await verifyPdf(bytes, trusted ? { trusted } : {});
    } catch (error) {
      if (error instanceof UnreadablePdfError) return fail('NOT_A_PDF', `${label} is not a readable PDF (${error.message})`, 'give a signed copy of a policy PDF');
      throw error;
    }

    let against: Against | undefined;
    let whyNot: string | undefined;
    const originalLabel = values.original as string | undefined;
    if (originalLabel !== undefined) {
      const originalFile = resolve(io.cwd, originalLabel);
      if (!existsSync(originalFile)) return fail('FILE_NOT_FOUND', `${originalLabel} does not exist`, 'give the PDF as built, e.g. dist/<slug>/policy.pdf', originalLabel);
      against = { label: originalLabel, comparison: await compareWithOriginal(bytes, new Uint8Array(readFileSync(originalFile))) };
    } else {
      const current = await currentPolicyPdf(io, file, bytes);
      if (current.pdf) against = { label: `${current.slug}'s policy as built now`, comparison: await compareWithOriginal(bytes, current.pdf) };
      else whyNot = current.why;
    }

    if (values.json) {
      const original = against ? { against: against.label, sameness: against.comparison.sameness, message: against.comparison.message } : { notCompared: whyNot };
      io.stdout(`${JSON.stringify({ file: label, ...report, original }, null, 2)}\n`);
    } else {
      io.stdout(toText(label, report, against, caLabel, whyNot));
    }
    return report.ok ? EXIT.OK : EXIT.FAILED;
  },
};
