// The build draws each school's PDF as soon as the school is loaded, on worker threads, while this thread loads the rest.

import { availableParallelism } from 'node:os';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Build, buildProject } from '../src/build/buildProject.ts';
import { IN_FLIGHT, PARALLEL_FROM, PdfWorkers, pdfTask, pdfThreads, writePdfs } from '../src/build/writePdfs.ts';
import { type LoadedSchool, loadProject } from '../src/project/loadProject.ts';
import { createNodeWorld } from '../src/project/World.ts';
import { readEmbeddedSource } from '../src/diff/embeddedSource.ts';
import { git } from './support/git.ts';
import { run, school, schools, TEST_TODAY_EPOCH, tempProject } from './support/tempProject.ts';

const env = { SOURCE_DATE_EPOCH: TEST_TODAY_EPOCH };

describe('loadProject, telling of each school as it is loaded', () => {
  it('gives each school, in file order, with its final document and data, before loading the next', () => {
    const root = tempProject({ 'schools/a.yaml': school(), 'schools/b.yaml': school((y) => y.replace('lockout_minutes: 10', 'lockout_minutes: ten')), 'schools/c.yaml': school() });
    const world = createNodeWorld(root, env);
    // What was read and what was told, in one log: a school is told of before the next school file is read.
    const log: string[] = [];
    const told: { school: LoadedSchool }[] = [];
    const logged = { ...world, readFile: (path: string) => (path.startsWith('schools/') && log.push(`read ${path}`), world.readFile(path)) };
    const project = loadProject(logged, {
      onSchool: (s) => {
        told.push({ school: s });
        log.push(`told ${s.slug}`);
      },
    });
    expect(log).toEqual(['read schools/a.yaml', 'told a', 'read schools/b.yaml', 'told b', 'read schools/c.yaml', 'told c']);
    expect(told.map((t) => t.school.slug)).toEqual(['a', 'b', 'c']);
    // A school with an error has no document; the others have the one the project ends with.
    expect(told[1]!.school.document).toBeUndefined();
    for (const { school: s } of [told[0]!, told[2]!]) {
      expect(s.document).toBe(project.documents.get(s.slug));
      expect(s.data).toBe(project.schools.find((x) => x.slug === s.slug)!.data);
    }
  });
});

describe('pdfThreads', () => {
  it('leaves a few schools on this thread and gives a large project one worker fewer than the cores, at most 3', () => {
    expect(pdfThreads(PARALLEL_FROM - 1)).toBe(0);
    expect(pdfThreads(1000, { POLICY_PRESS_THREADS: '1' })).toBe(0);
    expect(pdfThreads(PARALLEL_FROM)).toBe(Math.max(0, Math.min(availableParallelism() - 1, 3)));
  });
});

describe('PdfWorkers', () => {
  it('draws a PDF as soon as it is added, before the last is, and the rest in the order given when closed: the same bytes as on this thread', async () => {
    const root = tempProject(schools(6));
    const project = loadProject(createNodeWorld(root, env));
    await buildProject(project, { root, outDir: join(root, 'one'), cache: false, env: { ...env, POLICY_PRESS_THREADS: '1' } }, [writePdfs]);
    const staging = join(root, 'many');
    const data = new Map(project.schools.map((s) => [s.slug, s.data]));
    const task = (slug: string) => pdfTask(staging, slug, project.documents.get(slug)!, data.get(slug), env);

    // Two in flight, so that closing finds tasks not yet sent to order.
    const workers = new PdfWorkers(1, undefined, { inFlight: 2 });
    const order: string[] = [];
    const add = (slug: string) => {
      workers.add(task(slug));
      void workers.files.get(slug)!.then(() => order.push(slug));
    };
    // Made while more may come (as the build loads the schools): nothing waits for close.
    add('school-0');
    await workers.files.get('school-0');
    expect(existsSync(join(staging, 'school-0/policy.pdf'))).toBe(true);
    for (const slug of ['school-1', 'school-2', 'school-3', 'school-4', 'school-5']) add(slug);
    // Two are with the worker already (the one it draws and the next); the others go in this order.
    const counts: number[] = [];
    workers.close(['school-0', 'school-5', 'school-4', 'school-3', 'school-2', 'school-1'], (done) => counts.push(done));
    await Promise.all(workers.files.values());
    expect(order).toEqual(['school-0', 'school-1', 'school-2', 'school-5', 'school-4', 'school-3']);
    // Told once on closing of the one already done, then of each.
    expect(counts).toEqual([1, 2, 3, 4, 5, 6]);
    for (let i = 0; i < 6; i++) {
      const file = `school-${i}/policy.pdf`;
      expect(Buffer.compare(readFileSync(join(root, 'one', file)), readFileSync(join(staging, file))), file).toBe(0);
    }
  });

  it('keeps a worker drawing while this thread is too busy to hand it the next task', async () => {
    const root = tempProject(schools(PARALLEL_FROM));
    const project = loadProject(createNodeWorld(root, env));
    const staging = join(root, 'staging');
    const data = new Map(project.schools.map((s) => [s.slug, s.data]));
    const workers = new PdfWorkers(1, undefined);
    for (const slug of project.documents.keys()) workers.add(pdfTask(staging, slug, project.documents.get(slug)!, data.get(slug), env));
    workers.close([...project.documents.keys()], () => {});
    // As while Astro starts: this thread never turns its event loop, so it reads no answer. The worker
    // holds enough tasks to go on (IN_FLIGHT), and writes the files itself.
    const written = () => (existsSync(staging) ? readdirSync(staging) : []).filter((slug) => existsSync(join(staging, slug, 'policy.pdf'))).length;
    const deadline = Date.now() + 60_000;
    const pause = new Int32Array(new SharedArrayBuffer(4));
    while (written() < PARALLEL_FROM && Date.now() < deadline) Atomics.wait(pause, 0, 0, 20);
    expect(written(), `PDFs written while this thread was busy (at most ${IN_FLIGHT} sent)`).toBe(PARALLEL_FROM);
    await Promise.all(workers.files.values());
  });

  it('fails a PDF added after one failed, rather than leaving it waiting on a worker that stopped', async () => {
    const root = tempProject(schools(2));
    const project = loadProject(createNodeWorld(root, env));
    const staging = join(root, 'staging');
    // A folder where school-0's PDF should go: writing that file fails on the worker.
    mkdirSync(join(staging, 'school-0', 'policy.pdf'), { recursive: true });
    const data = new Map(project.schools.map((s) => [s.slug, s.data]));
    const task = (slug: string) => pdfTask(staging, slug, project.documents.get(slug)!, data.get(slug), env);
    const workers = new PdfWorkers(1, undefined);
    workers.add(task('school-0'));
    await expect(workers.files.get('school-0')).rejects.toThrow(/PDF of school-0: .*EISDIR/);
    // Loading goes on after the failure: the next school's PDF fails with it at once.
    workers.add(task('school-1'));
    await expect(workers.files.get('school-1')).rejects.toThrow(/PDF of school-0: .*EISDIR/);
    await workers.stop();
  });
});

describe('Build, started before its project is loaded', () => {
  it('draws the PDFs of the schools as they load, and the build is the one a build after loading gives', async () => {
    // On one core there are no workers (see pdfThreads): this machine, and CI's, has two.
    expect(pdfThreads(PARALLEL_FROM), 'workers on this machine').toBeGreaterThan(0);
    const root = tempProject(schools(PARALLEL_FROM));
    const world = createNodeWorld(root, env);
    const build = new Build({ root, outDir: join(root, 'early'), cache: false, env }, { schools: PARALLEL_FROM });
    const project = loadProject(world, { onSchool: build.schoolLoaded });
    // The PDFs were started while loading: the first is written before the build's steps run.
    const first = join(build.staging, 'school-0/policy.pdf');
    for (let waited = 0; !existsSync(first); waited += 20) {
      if (waited > 30_000) throw new Error('no PDF was drawn before the steps ran');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await build.publish(project, [writePdfs]);
    await buildProject(loadProject(world), { root, outDir: join(root, 'late'), cache: false, env: { ...env, POLICY_PRESS_THREADS: '1' } }, [writePdfs]);
    for (let i = 0; i < PARALLEL_FROM; i++) {
      const file = `school-${i}/policy.pdf`;
      expect(Buffer.compare(readFileSync(join(root, 'early', file)), readFileSync(join(root, 'late', file))), file).toBe(0);
    }
  });

  it("draws each school's PDF with its summary of changes (since its last commit, or its signed copy), when its PDF is started before the others load", async () => {
    const root = tempProject(schools(PARALLEL_FROM));
    git(root, 'init', '-q');
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'the schools');
    // A school whose governors signed its PDF as it was: its summary is against that copy (read later, asynchronously).
    const signed = `school-1`;
    mkdirSync(join(root, 'approved', signed), { recursive: true });
    expect((await run(root, ['pdf', signed, '-o', join(root, 'approved', signed, '2024-10-01.pdf')], env)).code).toBe(0);
    // The first school to load (whose PDF is drawn while the others load), the signed one and the last are changed since.
    const changed = [0, 1, PARALLEL_FROM - 1];
    for (const i of changed) {
      const file = join(root, `schools/school-${i}.yaml`);
      writeFileSync(file, readFileSync(file, 'utf8').replace('lockout_minutes: 10', 'lockout_minutes: 5'));
    }
    const result = await run(root, ['build'], env);
    expect(result.code, result.stderr).toBe(0);
    for (let i = 0; i < PARALLEL_FROM; i++) {
      const slug = `school-${i}`;
      const text = readFileSync(join(root, 'dist', slug, 'policy.txt'), 'utf8');
      expect(text.includes('Summary of changes since'), slug).toBe(changed.includes(i));
      // The PDF says what the page and the text say: the text it carries is the text of the build.
      const source = await readEmbeddedSource(readFileSync(join(root, 'dist', slug, 'policy.pdf')));
      expect(source!.text, slug).toBe(text);
    }
    expect(readFileSync(join(root, 'dist', signed, 'policy.txt'), 'utf8')).toContain('Summary of changes since 1 October 2024');
  });

  it('stops its PDFs and removes its staging folder when the project has an error, leaving the last dist/ as it was', async () => {
    const files = schools(PARALLEL_FROM * 2);
    // The last school to load has the error: every other school's PDF was started.
    files[`schools/school-${PARALLEL_FROM * 2 - 1}.yaml`] = school((y) => y.replace('lockout_minutes: 10', 'lockout_minutes: ten'));
    const root = tempProject(files);
    mkdirSync(join(root, 'dist'));
    writeFileSync(join(root, 'dist/index.html'), 'the last good site');
    const result = await run(root, ['build'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('WRONG_TYPE');
    expect(result.stderr).toContain('Build stopped: dist/ was not changed.');
    expect(readdirSync(root).filter((name) => name.startsWith('dist'))).toEqual(['dist']);
    expect(readdirSync(join(root, 'dist'))).toEqual(['index.html']);
    expect(readFileSync(join(root, 'dist/index.html'), 'utf8')).toBe('the last good site');
  });
});
