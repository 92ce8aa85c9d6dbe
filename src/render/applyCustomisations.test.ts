import { describe, expect, it } from 'vitest';
import { school, tempProject } from '../../test/support/tempProject.ts';
import { loadProject } from '../project/loadProject.ts';
import { createNodeWorld } from '../project/World.ts';
import { toPlainText } from '../write/text/toPlainText.ts';

function textWith(clauses: string): { text: string; codes: string[] } {
  const project = loadProject(createNodeWorld(tempProject({ 'schools/t.yaml': `${school()}${clauses}` })));
  const doc = project.documents.get('t');
  return { text: doc ? toPlainText(doc, { ids: true }) : '', codes: project.diagnostics.map((d) => d.code) };
}

describe("a school's changes to clauses", () => {
  it('leaves a clause out', () => {
    const { text, codes } = textWith('clauses:\n  omit: [shredding, introduction]\n');
    expect(codes).toEqual([]);
    expect(text).not.toContain('[shredding]');
    expect(text).not.toContain('# [introduction]');
    expect(text).toContain('[portable-equipment]');
  });

  it('replaces wording as plain text', () => {
    const { text } = textWith('clauses:\n  replace:\n    servers: All servers are in the *locked* comms room.\n');
    expect(text).toContain('- [servers] All servers are in the *locked* comms room.');
  });

  it('adds clauses at the end of a section or after a clause', () => {
    const { text, codes } = textWith('clauses:\n  add:\n    - section: technical\n      text: Storage devices are destroyed.\n    - section: technical\n      after: servers\n      id: server-room-log\n      text: Entry to the server room is logged.\n');
    expect(codes).toEqual([]);
    const lines = text.split('\n');
    expect(lines.at(lines.findIndex((l) => l.includes('[servers]')) + 1)).toBe('- [server-room-log] Entry to the server room is logged.');
    expect(lines.filter((l) => l.startsWith('- [')).at(-1)).toBe('- [technical-own-1] Storage devices are destroyed.');
  });

  it('retitles a section and turns on an optional one', () => {
    const { text, codes } = textWith('sections:\n  technical:\n    title: Technical solutions\n  passwords:\n    include: true\n');
    expect(codes).toEqual([]);
    expect(text).toContain('# [technical] Technical solutions');
    expect(text).toContain('# [passwords] Passwords');
  });

  it('reports ids that do not exist, and clauses left out by the data', () => {
    expect(textWith('clauses:\n  add:\n    - section: technicl\n      text: X is done.\n').codes).toEqual(['UNKNOWN_SECTION']);
    expect(textWith('clauses:\n  replace:\n    remote-access: We use a VPN.\n').codes).toEqual(['CLAUSE_NOT_PRESENT']);
    expect(textWith('clauses:\n  omit: [servers]\n  replace:\n    servers: X.\n').codes).toEqual(['OMIT_AND_REPLACE']);
  });
});
