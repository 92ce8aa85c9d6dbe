// The signed copies kept in approved/<slug>/<YYYY-MM-DD>.pdf: which one is the current policy, who signed it and when.

import { createHash } from 'node:crypto';
import type { Diagnostic } from '../diagnostics/index.ts';
import { readEmbeddedSource } from '../diff/embeddedSource.ts';
import type { World } from '../project/World.ts';
import { formatDate } from '../render/format.ts';
import { firstRevisionCandidates } from './compareWithOriginal.ts';
import { quietly, UnreadablePdfError } from './readPdf.ts';
import { SEAL_FIELD } from './signPdf.ts';
import { verifyPdf } from './verifyPdf.ts';

/** Where a school's signed copies live, relative to the project root. */
export const APPROVED_DIR = 'approved';

export interface ApprovedSigner {
  name: string;
  role: string;
  /** The day signed, in the UK (YYYY-MM-DD). */
  date: string;
}

export interface ApprovedCopy {
  /** Project-relative path, e.g. "approved/ashmole-primary/2024-10-05.pdf". */
  file: string;
  /** The approval date the file is named after (YYYY-MM-DD). */
  date: string;
  /** Hex SHA-256 of the file, for the page to print. */
  sha256: string;
  /** Governors' signatures (not an issuer's seal), in signing order. */
  signers: ApprovedSigner[];
  /** Its first revision says the same words as the current policy. */
  matches: boolean;
  bytes: Uint8Array;
}

export interface Approval {
  /** The newest copy whose wording is the current policy's: the one to publish. */
  current?: ApprovedCopy;
  /** The newest intact copy of all, matching or not. */
  latest?: ApprovedCopy;
}

const londonDay = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));

/**
 * Reads and verifies every copy in approved/<slug>/, newest first. A copy
 * whose signatures are not all intact is never used, and is reported; so is a
 * copy that carries no policy text to compare. `currentText` gives the policy's
 * text as it is now, asked for only when there is a copy to compare.
 */
export async function findApprovedCopy(world: World, slug: string, currentText: () => string): Promise<{ value: Approval; diagnostics: Diagnostic[] }> {
  const dir = `${APPROVED_DIR}/${slug}`;
  const diagnostics: Diagnostic[] = [];
  const warn = (file: string, code: string, message: string, hint: string) => diagnostics.push({ code, severity: 'warning', message, hint, file });
  const names = world
    .listDir(dir)
    .filter((n) => n.toLowerCase().endsWith('.pdf'))
    .sort()
    .reverse();
  const approval: Approval = {};
  // Made when a copy is compared with it: most schools have no signed copy.
  let current: string | undefined;
  for (const name of names) {
    const file = `${dir}/${name}`;
    const date = /^(\d{4}-\d{2}-\d{2})\.pdf$/i.exec(name)?.[1];
    if (!date) {
      warn(file, 'APPROVED_COPY_NAME', `${file} is not named after its approval date`, `rename it to ${dir}/YYYY-MM-DD.pdf, the day the governors approved it`);
      continue;
    }
    const bytes = world.readFile(file)!;
    let report;
    try {
      report = await verifyPdf(bytes);
    } catch (error) {
      if (!(error instanceof UnreadablePdfError)) throw error;
      warn(file, 'APPROVED_COPY_BROKEN', `${file} is not a readable PDF, so it is not published`, 'replace it with the signed PDF as the governors signed it');
      continue;
    }
    const signatures = report.signatures.filter((s) => s.field !== SEAL_FIELD);
    if (!report.ok || signatures.length === 0) {
      const why =
        signatures.length === 0
          ? 'has no governor signatures'
          : report.changedPages.length && report.signatures.every((s) => s.intact)
            ? `shows pages changed after it was built (${report.changedPages.join(', ')})`
            : 'has a signature that is not intact';
      warn(file, 'APPROVED_COPY_BROKEN', `${file} ${why}, so it is not published`, `run \`policy-press verify ${file}\` to see why; replace it with the copy as signed`);
      continue;
    }
    const source = await quietly(() => readEmbeddedSource(firstRevisionCandidates(bytes).at(-1)!)).catch(() => undefined);
    if (!source) warn(file, 'APPROVED_COPY_NO_TEXT', `${file} carries no policy-press text, so its wording cannot be checked against the current policy`, 'sign the PDF that policy-press builds (dist/<slug>/policy.pdf)');
    const copy: ApprovedCopy = {
      file,
      date,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      signers: signatures.map((s) => ({ name: s.signerName ?? 'unknown signer', role: s.role, date: s.time ? londonDay(s.time) : date })),
      matches: source?.text === (current ??= currentText()),
      bytes,
    };
    approval.latest ??= copy;
    if (copy.matches) {
      approval.current = copy;
      break;
    }
  }
  return { value: approval, diagnostics };
}

/**
 * What the school's page says about approval: "Approved and signed by Jane
 * Smith, Chair of Governors, on 5 October 2024", or "Changed since governors
 * approved it on 5 October 2024" when no signed copy says the current words.
 */
export function approvalSentence(approval: Approval): string | undefined {
  if (approval.current) {
    const people = approval.current.signers.map((s) => `${s.name}, ${s.role}, on ${formatDate(s.date)}`);
    return `Approved and signed by ${people.join('; and by ')}`;
  }
  if (approval.latest) return `Changed since governors approved it on ${formatDate(approval.latest.date)}`;
  return undefined;
}
