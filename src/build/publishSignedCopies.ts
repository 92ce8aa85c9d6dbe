// Build step: dist/<slug>/policy-signed.pdf, the newest signed copy in approved/<slug>/ that says the current policy's words, and approval.json for the page.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createNodeWorld } from '../project/World.ts';
import { type Approval, approvalSentence, findApprovedCopy } from '../sign/approvedCopies.ts';
import { toPlainText } from '../write/text/toPlainText.ts';
import type { BuildStep } from './buildProject.ts';

/** What dist/<slug>/approval.json holds: the page's approval line, from the signed copies. */
export interface PublishedApproval {
  /** "signed": policy-signed.pdf is the current policy; "changed": the policy changed since the last signed copy. */
  status: 'signed' | 'changed';
  /** "Approved and signed by Jane Smith, Chair of Governors, on 5 October 2024" or "Changed since governors approved it on …". */
  sentence: string;
  /** The approval date of the copy the sentence is about (YYYY-MM-DD). */
  approvedOn: string;
  /** When signed: the published file, beside the page, and its SHA-256. */
  file?: 'policy-signed.pdf';
  sha256?: string;
  signers: { name: string; role: string; date: string }[];
}

export const APPROVAL_FILE = 'approval.json';
export const SIGNED_FILE = 'policy-signed.pdf';

export function toPublishedApproval(approval: Approval): PublishedApproval | undefined {
  const sentence = approvalSentence(approval);
  const copy = approval.current ?? approval.latest;
  if (!sentence || !copy) return undefined;
  return approval.current
    ? { status: 'signed', sentence, approvedOn: copy.date, file: SIGNED_FILE, sha256: copy.sha256, signers: copy.signers }
    : { status: 'changed', sentence, approvedOn: copy.date, signers: copy.signers };
}

/** What the approval step wrote for a school, for the pages to read (undefined when it has no signed copies). */
export function readPublishedApproval(outDir: string, slug: string): PublishedApproval | undefined {
  const file = join(outDir, slug, APPROVAL_FILE);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as PublishedApproval) : undefined;
}

export const publishSignedCopies: BuildStep = async (project, staging, options) => {
  const world = createNodeWorld(options.root, options.env);
  for (const [slug, doc] of project.documents) {
    // The text only if there is a signed copy to compare it with: most schools have none.
    const { value: approval, diagnostics } = await findApprovedCopy(world, slug, () => toPlainText(doc));
    if (diagnostics.length) options.report?.(diagnostics);
    const published = toPublishedApproval(approval);
    if (!published) continue;
    mkdirSync(join(staging, slug), { recursive: true });
    if (approval.current) writeFileSync(join(staging, slug, SIGNED_FILE), approval.current.bytes);
    writeFileSync(join(staging, slug, APPROVAL_FILE), `${JSON.stringify(published, null, 2)}\n`);
  }
};
