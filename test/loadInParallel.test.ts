// Loading on two threads gives the project loading on one gives: same schools, documents, problems, in the same order.

import { describe, expect, it } from 'vitest';
import { loadProjectInParallel } from '../src/project/loadInParallel.ts';
import { loadProject } from '../src/project/loadProject.ts';
import { createNodeWorld } from '../src/project/World.ts';
import { namedSchool, school, TEST_TODAY_EPOCH, tempProject } from './support/tempProject.ts';

describe('loadProjectInParallel', () => {
  it('gives the same project as loadProject, problems in file order, a family problem once', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 8; i++) files[`schools/school-${i}.yaml`] = namedSchool(`Test Primary ${i}`);
    // Problems on both threads (schools alternate between them): a YAML error, a wrong type, and
    // two schools (one on each) naming the same family that does not exist.
    files['schools/school-2.yaml'] = 'school: [unclosed\n';
    files['schools/school-5.yaml'] = school((y) => y.replace(/lockout_minutes: \d+/, 'lockout_minutes: soon'));
    files['schools/school-6.yaml'] = `template: no-such-family\n${school()}`;
    files['schools/school-7.yaml'] = `template: no-such-family\n${school()}`;
    const root = tempProject(files);
    const world = createNodeWorld(root, { SOURCE_DATE_EPOCH: TEST_TODAY_EPOCH });

    const one = loadProject(world);
    const two = await loadProjectInParallel(world, 2);

    expect(one.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['UNKNOWN_TEMPLATE']));
    expect(one.diagnostics.filter((d) => d.code === 'UNKNOWN_TEMPLATE' && d.file === 'templates/no-such-family/family.yaml')).toHaveLength(1);
    expect(two.diagnostics).toEqual(one.diagnostics);
    expect([...two.documents.keys()]).toEqual([...one.documents.keys()]);
    expect(two.documents).toEqual(one.documents);
    expect(two.schools.map(({ slug, file, data }) => ({ slug, file, data }))).toEqual(one.schools.map(({ slug, file, data }) => ({ slug, file, data })));
    expect(two.sources).toEqual(one.sources);
    expect(one.documents.size).toBe(4);
    expect(new Set(one.diagnostics.map((d) => d.file))).toEqual(new Set(['schools/school-2.yaml', 'schools/school-5.yaml', 'schools/school-6.yaml', 'schools/school-7.yaml', 'templates/no-such-family/family.yaml']));
  });

  it('loads a small project on this thread alone', async () => {
    const root = tempProject({ 'schools/a.yaml': school() });
    const world = createNodeWorld(root, { SOURCE_DATE_EPOCH: TEST_TODAY_EPOCH });
    const project = await loadProjectInParallel(world);
    // Locations are kept when nothing was loaded elsewhere.
    expect(project.schools[0]!.locator.locations.size).toBeGreaterThan(0);
  });
});
