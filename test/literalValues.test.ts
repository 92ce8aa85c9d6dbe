// Promise 1: a value from YAML reaches the tree, and so every output, as literal text.

import { describe, expect, it } from 'vitest';
import { loadProject } from '../src/project/loadProject.ts';
import { createNodeWorld } from '../src/project/World.ts';
import type { Inline, PolicyDocument } from '../src/tree/types.ts';
import { toPlainText } from '../src/write/text/toPlainText.ts';
import { school, tempProject } from './support/tempProject.ts';

const HOSTILE = {
  name: 'Oak {Academy} <Trust> & *Partners*',
  dpo: '{{constructor}}',
  siro: '<script>alert(1)</script>',
  provider: '[link](javascript:alert(1)) `code` __proto__ {{#each x}}',
};

function render(yaml: string): PolicyDocument {
  const root = tempProject({ 'schools/oak.yaml': yaml });
  const project = loadProject(createNodeWorld(root));
  expect(project.diagnostics).toEqual([]);
  return project.documents.get('oak')!;
}

const allText = (doc: PolicyDocument): string[] => {
  const out: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const n = node as Inline & { children?: unknown; items?: unknown; groups?: unknown; rows?: unknown; cells?: unknown };
      if (n.type === 'text') out.push(n.value);
      for (const key of ['children', 'items', 'groups', 'rows', 'cells'] as const) if (key in n) visit(n[key]);
    }
  };
  visit(doc.children);
  return out;
};

describe('values are literal text', () => {
  const yaml = school((y) =>
    y
      .replace('name: Test Primary', `name: ${JSON.stringify(HOSTILE.name)}`)
      .replace('name: Dana Protection', `name: ${JSON.stringify(HOSTILE.dpo)}`)
      .replace('role: Head Teacher', `name: ${JSON.stringify(HOSTILE.siro)}`)
      .replace('provider: RedStor', `provider: ${JSON.stringify(HOSTILE.provider)}`),
  );
  const doc = render(yaml);
  const text = toPlainText(doc);

  it('prints each value exactly as typed', () => {
    expect(doc.meta.schoolName).toBe(HOSTILE.name);
    expect(text).toContain(`${HOSTILE.siro} is the Senior Information Risk Officer (SIRO).`);
    expect(text).toContain(`${HOSTILE.dpo} is the Data Protection Officer (DPO)`);
    expect(text).toContain(`We use ${HOSTILE.provider} remote secure back-up`);
    expect(text).toContain(`Name of school | ${HOSTILE.name}`);
  });

  it('keeps values in text nodes, never as markup', () => {
    const texts = allText(doc).join('\n');
    expect(texts).toContain(HOSTILE.siro);
    expect(texts).toContain(HOSTILE.provider);
    // No link, emphasis or extra nodes were made from the values' Markdown.
    expect(JSON.stringify(doc)).not.toContain('"type":"link"');
    expect(JSON.stringify(doc)).not.toContain('"type":"emphasis"');
  });

  it('never evaluates a Handlebars expression held in a value', () => {
    expect(text).not.toContain('function Object');
    expect(text).toContain('{{constructor}}');
  });
});
