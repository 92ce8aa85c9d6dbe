// School + template family → the school's document tree.

import { unified } from 'unified';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import type { Diagnostic } from '../diagnostics/index.ts';
import { DEFAULT_SIGNATORIES } from '../tree/signOff.ts';
import type { PolicyDocument, Section, Table } from '../tree/types.ts';
import type { School } from '../validate/validateSchool.ts';
import { applyCustomisations } from './applyCustomisations.ts';
import { documentHistory } from './documentHistory.ts';
import { keyValueTable } from '../tree/keyValueTable.ts';
import { formatDate, policyDate } from './format.ts';
import { handlebarsHelpers } from './helpers.ts';
import type { TemplateFamily } from './loadFamily.ts';
import { resolveLinks } from './resolveLinks.ts';
import { TokenTable } from './tokens.ts';
import { type MdNode, toTree } from './toTree.ts';

const mdx = unified().use(remarkParse).use(remarkMdx);

/**
 * Values reach the MDX only as numbered tokens, so every school that takes
 * the same {{#if}} branches renders a section to exactly the same MDX text.
 * Parsing is most of the cost of rendering; parsed trees are only read
 * (toTree builds new nodes), so they are shared, keyed by that text.
 */
const parsed = new Map<string, MdNode>();
const PARSED_LIMIT = 2000;

function parseMdx(text: string): MdNode {
  let root = parsed.get(text);
  if (!root) {
    root = mdx.parse(text) as MdNode;
    if (parsed.size >= PARSED_LIMIT) parsed.delete(parsed.keys().next().value!);
    parsed.set(text, root);
  }
  return root;
}

export function renderSchool(school: School, family: TemplateFamily): { value: PolicyDocument | undefined; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const { data } = school;
  const tokens = new TokenTable();
  const helpers = {
    ...handlebarsHelpers(),
    __value(value: unknown, options: { hash: { at: string } }) {
      if (value === undefined || value === null) {
        const [file, line, column] = options.hash.at.split(':');
        diagnostics.push({ code: 'TEMPLATE_VALUE_MISSING', severity: 'error', message: `the template prints a field that ${school.slug} does not set`, file, line: Number(line), column: Number(column), hint: `wrap it in {{#if …}} in the template, or set the field in ${school.file}` });
        return '';
      }
      return tokens.add(String(value));
    },
  };

  const components = {
    AssetRegister: (): Table | undefined =>
      data.asset_register && {
        type: 'table',
        id: 'asset-register',
        caption: `Information assets at ${data.school.name}`,
        columns: ['Information asset', 'Owner', 'Who can enter data', 'Purpose'],
        groups: data.asset_register.map((c) => ({ title: c.category, rows: c.assets.map((a) => ({ cells: [a.asset, a.owner, a.data_entry, a.purpose].map((value) => [{ type: 'text' as const, value }]) })) })),
      },
    // The model policy's form prints even before the school fills in a row: it is a form to fill in.
    InformationRisks: (): Table => ({
      type: 'table',
      id: 'information-risks',
      caption: `Information risk actions at ${data.school.name}`,
      columns: ['Information Asset', 'Information Asset Owner', 'Protective Marking', 'Likelihood', 'Overall risk level (low, medium, high)', 'Action(s) to minimise risk'],
      groups: data.information_risks ? [{ rows: data.information_risks.map((r) => ({ cells: [r.asset, r.owner, r.protective_marking, r.likelihood, r.overall_risk, r.actions].map((value) => [{ type: 'text' as const, value }]) })) }] : [],
    }),
    ReviewDetails: (): Table =>
      keyValueTable('review-details', 'Policy details', [
        ['Name of school', data.school.name],
        ['Policy review date', formatDate(data.review.last_reviewed)],
        ['Date of next review', formatDate(data.review.next_review)],
        ['Who reviewed this policy?', data.review.reviewed_by],
      ]),
  };

  const sections: Section[] = [];
  for (const section of family.sections) {
    const mdxText = section.render(data, { helpers, allowProtoPropertiesByDefault: false });
    let root: MdNode;
    try {
      root = parseMdx(mdxText);
    } catch (error) {
      diagnostics.push({ code: 'TEMPLATE_MDX_SYNTAX', severity: 'error', message: `the template does not give valid MDX for ${school.slug}: ${(error as { reason?: string }).reason ?? (error as Error).message}`, file: section.file });
      continue;
    }
    const tree = toTree(root, tokens, components, section.file);
    diagnostics.push(...tree.diagnostics);
    sections.push(...tree.value);
  }

  const doc: PolicyDocument = {
    type: 'document',
    slug: school.slug,
    meta: {
      schoolName: data.school.name,
      family: family.name,
      title: family.meta.title,
      ...(family.meta.attribution ? { attribution: family.meta.attribution } : {}),
      lastReviewed: policyDate(data.review.last_reviewed),
      nextReview: policyDate(data.review.next_review),
      reviewedBy: data.review.reviewed_by,
      approvals: (data.approvals ?? []).map((a) => ({
        date: policyDate(a.date),
        approvedBy: a.approved_by,
        ...(a.minute_ref ? { minuteRef: a.minute_ref } : {}),
        ...(a.version ? { version: a.version } : {}),
        ...(a.summary ? { summary: a.summary } : {}),
      })),
      ...(data.policy?.version ? { version: data.policy.version } : {}),
      signatories: [...(data.sign_off?.signatories ?? DEFAULT_SIGNATORIES)],
    },
    children: sections,
  };
  diagnostics.push(...checkDuplicateIds(doc, family));
  const customised = applyCustomisations(doc, school, family);
  diagnostics.push(...customised.diagnostics);
  diagnostics.push(...resolveLinks(customised.value, school, family));
  const history = documentHistory(customised.value.meta.approvals);
  if (history) customised.value.children.push(history);
  return { value: diagnostics.some((d) => d.severity === 'error') ? undefined : customised.value, diagnostics };
}

function checkDuplicateIds(doc: PolicyDocument, family: TemplateFamily): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  const visit = (nodes: readonly { type: string; id?: string; children?: unknown; items?: unknown }[]) => {
    for (const n of nodes) {
      if (n.id && n.type !== 'table') {
        if (seen.has(n.id)) out.push({ code: 'TEMPLATE_DUPLICATE_ID', severity: 'error', message: `two clauses or sections of ${family.name} share the id "${n.id}"`, file: `templates/${family.name}`, hint: 'ids must be unique within a family; rename one' });
        seen.add(n.id);
      }
      if (Array.isArray(n.children)) visit(n.children as never);
      if (Array.isArray(n.items)) visit(n.items as never);
    }
  };
  visit(doc.children);
  return out;
}

