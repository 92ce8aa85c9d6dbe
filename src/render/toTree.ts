// Parsed MDX (mdast with JSX) → the document tree, resolving value tokens into literal text.

import type { Diagnostic } from '../diagnostics/index.ts';
import type { Block, Inline, ListItem, Paragraph, Section, Table } from '../tree/types.ts';
import type { TokenTable } from './tokens.ts';

/** The mdast shapes this stage reads (remark-mdx output); kept loose on purpose. */
export interface MdNode {
  type: string;
  name?: string | null;
  value?: string;
  url?: string;
  ordered?: boolean | null;
  depth?: number;
  attributes?: { type: string; name?: string; value?: unknown }[];
  children?: MdNode[];
  position?: { start: { line: number; column: number } };
}

/** Builds the tables a template asks for with <AssetRegister />, <InformationRisks /> and <ReviewDetails />. */
export interface Components {
  AssetRegister(): Table | undefined;
  InformationRisks(): Table;
  ReviewDetails(): Table;
}

export function toTree(root: MdNode, tokens: TokenTable, components: Components, file: string): { value: Section[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const fail = (node: MdNode, code: string, message: string, hint?: string) =>
    diagnostics.push({ code, severity: 'error', message, hint, file, ...(node.position ? {} : {}) });
  const attr = (node: MdNode, name: string): string | undefined => {
    const a = node.attributes?.find((x) => x.type === 'mdxJsxAttribute' && x.name === name);
    return typeof a?.value === 'string' ? tokens.resolve(a.value) : undefined;
  };

  const inlines = (nodes: MdNode[] = []): Inline[] => {
    const out: Inline[] = [];
    const pushText = (value: string) => {
      const last = out.at(-1);
      if (last?.type === 'text') last.value += value;
      else out.push({ type: 'text', value });
    };
    for (const n of nodes) {
      switch (n.type) {
        case 'text':
          // Line breaks in template prose are layout; values keep what they hold.
          pushText(tokens.resolve((n.value ?? '').replace(/\s+/g, ' ')));
          break;
        case 'inlineCode':
          pushText(tokens.resolve(n.value ?? ''));
          break;
        case 'break':
          pushText(' ');
          break;
        case 'strong':
        case 'emphasis':
          out.push({ type: n.type, children: inlines(n.children) });
          break;
        case 'link':
          out.push({ type: 'link', url: tokens.resolve(n.url ?? ''), children: inlines(n.children) });
          break;
        case 'mdxTextExpression':
          break; // {/* comments */}
        default:
          fail(n, 'TEMPLATE_UNSUPPORTED', `${describe(n)} is not supported inside a sentence`);
      }
    }
    return out;
  };

  const clauseId = (n: MdNode): string | undefined => {
    const id = attr(n, 'id');
    if (!id) fail(n, 'TEMPLATE_CLAUSE_ID', '<Clause> needs an id="…"', 'give every clause a stable id such as id="backup-tapes"');
    return id;
  };

  /**
   * A paragraph whose content is only <Clause id>…</Clause> elements is those
   * clauses: consecutive one-line clauses with no blank line between them
   * parse as a single Markdown paragraph.
   */
  const paragraphs = (n: MdNode): Paragraph[] => {
    const kids = (n.children ?? []).filter((c) => !(c.type === 'text' && !c.value?.trim()));
    if (kids.length > 0 && kids.every((k) => k.type === 'mdxJsxTextElement' && k.name === 'Clause')) {
      return kids.flatMap((k) => {
        const id = clauseId(k);
        return id ? [{ type: 'paragraph' as const, id, children: trim(inlines(k.children)) }] : [];
      });
    }
    const children = trim(inlines(n.children));
    return children.length ? [{ type: 'paragraph', children }] : [];
  };

  const blocks = (nodes: MdNode[] = [], depth: 1 | 2 | 3): Block[] => {
    const out: Block[] = [];
    for (const n of nodes) {
      if (n.type === 'paragraph') {
        out.push(...paragraphs(n));
      } else if (n.type === 'list') {
        out.push({ type: 'list', ordered: Boolean(n.ordered), items: (n.children ?? []).map((li) => ({ type: 'listItem', children: blocks(li.children, depth) }) satisfies ListItem) });
      } else if (n.type === 'mdxJsxFlowElement') {
        switch (n.name) {
          case 'Section': {
            const section = sectionOf(n, Math.min(depth + 1, 3) as 2 | 3);
            if (section) out.push(section);
            break;
          }
          case 'List': {
            const items: ListItem[] = [];
            for (const c of n.children ?? []) {
              if (c.type === 'mdxJsxFlowElement' && c.name === 'Clause') {
                const item = flowClause(c, depth);
                if (item) items.push(item);
                continue;
              }
              const clauses = c.type === 'paragraph' ? paragraphs(c) : [];
              if (clauses.length === 0 || clauses.some((p) => !p.id)) {
                fail(c, 'TEMPLATE_LIST_ITEM', `<List> may only hold <Clause> elements, not ${describe(c)}`);
                continue;
              }
              items.push(...clauses.map((p): ListItem => ({ type: 'listItem', id: p.id, children: [{ type: 'paragraph', children: p.children }] })));
            }
            if (items.length) out.push({ type: 'list', ordered: attr(n, 'ordered') === 'true', items });
            break;
          }
          case 'Clause': {
            const item = flowClause(n, depth);
            if (item) {
              const [first, ...rest] = item.children;
              if (first?.type === 'paragraph' && rest.length === 0) out.push({ ...first, id: item.id });
              else fail(n, 'TEMPLATE_CLAUSE_BLOCKS', `clause "${item.id}" has several blocks; put it inside a <List>`);
            }
            break;
          }
          case 'AssetRegister': {
            const table = components.AssetRegister();
            if (table) out.push(table);
            break;
          }
          case 'InformationRisks':
            out.push(components.InformationRisks());
            break;
          case 'ReviewDetails':
            out.push(components.ReviewDetails());
            break;
          default:
            fail(n, 'TEMPLATE_UNKNOWN_COMPONENT', `unknown component <${n.name}>`, 'the components are <Section>, <List>, <Clause>, <AssetRegister />, <InformationRisks /> and <ReviewDetails />');
        }
      } else if (n.type === 'mdxFlowExpression') {
        // {/* comments */} are for template authors only.
      } else if (n.type === 'heading') {
        fail(n, 'TEMPLATE_HEADING', 'Markdown headings are not used in templates', 'start a section with <Section id="…" title="…">');
      } else {
        fail(n, 'TEMPLATE_UNSUPPORTED', `${describe(n)} is not supported in templates`);
      }
    }
    return out;
  };

  const flowClause = (n: MdNode, depth: 1 | 2 | 3): ListItem | undefined => {
    const id = clauseId(n);
    return id ? { type: 'listItem', id, children: blocks(n.children, depth) } : undefined;
  };

  const sectionOf = (n: MdNode, depth: 1 | 2 | 3): Section | undefined => {
    const id = attr(n, 'id');
    const title = attr(n, 'title');
    if (!id || !title) {
      fail(n, 'TEMPLATE_SECTION', '<Section> needs id="…" and title="…"');
      return undefined;
    }
    return { type: 'section', id, depth, title, ...(attr(n, 'appendix') === 'true' ? { appendix: true } : {}), children: blocks(n.children, depth) };
  };

  const sections: Section[] = [];
  for (const n of root.children ?? []) {
    if (n.type === 'mdxJsxFlowElement' && n.name === 'Section') {
      const s = sectionOf(n, 1);
      if (s) sections.push(s);
    } else if (n.type !== 'mdxFlowExpression') {
      fail(n, 'TEMPLATE_OUTSIDE_SECTION', `${describe(n)} sits outside any <Section>`, 'wrap the file in <Section id="…" title="…"> … </Section>');
    }
  }
  return { value: sections, diagnostics };
}

function describe(n: MdNode): string {
  return n.name ? `<${n.name}>` : `a ${n.type}`;
}

/** Whitespace left by Handlebars blocks at the edges of a paragraph is not content. */
function trim(nodes: Inline[]): Inline[] {
  const first = nodes[0];
  if (first?.type === 'text') first.value = first.value.replace(/^\s+/, '');
  const last = nodes.at(-1);
  if (last?.type === 'text') last.value = last.value.replace(/\s+$/, '');
  return nodes.filter((n) => n.type !== 'text' || n.value !== '');
}
