// `policy-press pdf`, the PDF in `build`, the sign-off settings, and characters the PDF's font lacks.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILD_STEPS, type BuildStep, buildProject, PendingFiles } from '../src/build/buildProject.ts';
import { BuildStepFailed } from '../src/build/BuildStepFailed.ts';
import { PDF_CACHE_DIR } from '../src/build/pdfCache.ts';
import { PARALLEL_FROM, writePdfs } from '../src/build/writePdfs.ts';
import { readEmbeddedSource } from '../src/diff/embeddedSource.ts';
import { loadProject } from '../src/project/loadProject.ts';
import { createNodeWorld } from '../src/project/World.ts';
import { checkJson, REPO, run, school, schools, tempProject } from './support/tempProject.ts';

const epoch = { SOURCE_DATE_EPOCH: '1727740800' };

describe('policy-press pdf', () => {
  it('writes one school’s PDF where -o says, and the same bytes as build', async () => {
    const root = tempProject({ 'schools/test-primary.yaml': school() });
    const made = await run(root, ['pdf', 'test-primary', '-o', 'out/test.pdf'], epoch);
    expect(made.code).toBe(0);
    const pdf = readFileSync(join(root, 'out/test.pdf'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // It carries its source, for `text FILE.pdf` and `diff` on any copy.
    const text = await run(root, ['text', 'test-primary']);
    expect((await readEmbeddedSource(pdf))?.text).toBe(text.stdout);
    // The build's PDF step alone: the other steps (the website) are tested on their own.
    expect(BUILD_STEPS).toContain(writePdfs);
    const ticks: string[] = [];
    const progress = { tick: (task: string, done: number, total: number) => void ticks.push(`${task} ${done}/${total}`) };
    await buildProject(loadProject(createNodeWorld(root, epoch)), { root, outDir: join(root, 'dist'), progress, env: epoch }, [writePdfs]);
    expect(ticks).toEqual(['PDFs 1/1']);
    expect(Buffer.compare(readFileSync(join(root, 'dist/test-primary/policy.pdf')), pdf)).toBe(0);
  });

  it('is byte-identical across separate runs of the command (what proving a signed copy relies on)', async () => {
    const root = tempProject({ 'schools/test-primary.yaml': school() });
    const bin = join(REPO, 'bin/policy-press.js');
    const env = { ...process.env, SOURCE_DATE_EPOCH: '' };
    for (const out of ['a.pdf', 'b.pdf']) execFileSync(process.execPath, [bin, 'pdf', 'test-primary', '-o', out], { cwd: root, env, stdio: 'pipe' });
    const a = readFileSync(join(root, 'a.pdf'));
    expect(Buffer.compare(a, readFileSync(join(root, 'b.pdf')))).toBe(0);
    await run(root, ['pdf', 'test-primary', '-o', 'c.pdf'], {});
    expect(Buffer.compare(a, readFileSync(join(root, 'c.pdf')))).toBe(0);
  });

  it('writes the same bytes on worker threads as in one thread, for a trust-sized build', async () => {
    const files = schools(PARALLEL_FROM);
    const root = tempProject(files);
    const project = loadProject(createNodeWorld(root, epoch));
    // Without the cache, or the second build would copy the first's PDFs.
    await buildProject(project, { root, outDir: join(root, 'one'), cache: false, env: { ...epoch, POLICY_PRESS_THREADS: '1' } }, [writePdfs]);
    const ticks: number[] = [];
    await buildProject(project, { root, outDir: join(root, 'many'), cache: false, env: epoch, progress: { tick: (_t, done) => void ticks.push(done) } }, [writePdfs]);
    expect(ticks).toEqual(Array.from({ length: PARALLEL_FROM }, (_, i) => i + 1));
    for (let i = 0; i < PARALLEL_FROM; i++) {
      const file = `school-${i}/policy.pdf`;
      expect(Buffer.compare(readFileSync(join(root, 'one', file)), readFileSync(join(root, 'many', file))), file).toBe(0);
    }
  });

  it('copies a PDF unchanged since the last build from the cache, and draws again only what changed', async () => {
    const root = tempProject({ 'schools/a.yaml': school(), 'schools/b.yaml': school((y) => y.replace('name: Test Primary', 'name: Other Primary')) });
    const cacheDir = join(root, PDF_CACHE_DIR);
    const build = async (cache = true) => {
      await buildProject(loadProject(createNodeWorld(root, epoch)), { root, env: epoch, cache }, [writePdfs]);
      return { a: readFileSync(join(root, 'dist/a/policy.pdf')), b: readFileSync(join(root, 'dist/b/policy.pdf')), cached: readdirSync(cacheDir).sort() };
    };
    const first = await build();
    expect(first.cached).toHaveLength(2);
    // A rebuild takes each PDF from the cache: shown by a cache entry whose bytes are not a real PDF.
    const entryOfA = first.cached.find((name) => Buffer.compare(readFileSync(join(cacheDir, name)), first.a) === 0)!;
    writeFileSync(join(cacheDir, entryOfA), 'the cached copy');
    expect((await build()).a.toString()).toBe('the cached copy');
    // --no-cache draws it again (and the cache keeps the real one).
    const fresh = await build(false);
    expect(Buffer.compare(fresh.a, first.a)).toBe(0);
    // A changed school gets a new key: its PDF is drawn, the other's is still the cached one, and the old entry goes.
    writeFileSync(join(root, 'schools/b.yaml'), school((y) => y.replace('name: Test Primary', 'name: Renamed Primary')));
    writeFileSync(join(cacheDir, entryOfA), first.a);
    const changed = await build();
    expect(Buffer.compare(changed.a, first.a)).toBe(0);
    expect(Buffer.compare(changed.b, first.b)).not.toBe(0);
    expect((await readEmbeddedSource(changed.b))?.text).toContain('Renamed Primary');
    expect(changed.cached).toHaveLength(2);
    expect(changed.cached).toContain(entryOfA);
  });

  it('fails the build, naming the school, when one PDF fails on a worker thread, and settles every other PDF', async () => {
    const files = schools(PARALLEL_FROM);
    const root = tempProject(files);
    const staging = join(root, 'staging');
    // A folder where school-5's PDF should go: writing that one file fails, on whichever worker has it.
    mkdirSync(join(staging, 'school-5', 'policy.pdf'), { recursive: true });
    const pending = new PendingFiles();
    await writePdfs(loadProject(createNodeWorld(root, epoch)), staging, { root, cache: false, env: epoch }, pending);
    await expect(pending.settle()).rejects.toThrow(/PDF of school-5: .*EISDIR/);
    // Each PDF's promise settled (none is left waiting on a worker that was stopped).
    for (let i = 0; i < PARALLEL_FROM; i++) await pending.of(`school-${i}/policy.pdf`).catch(() => {});
  });

  it('stops the PDFs still to make when a later step fails, and removes the staging folder once no worker is writing', async () => {
    const files = schools(PARALLEL_FROM * 2);
    const root = tempProject(files);
    const ticks: number[] = [];
    const progress = { tick: (task: string, done: number) => void (task === 'PDFs' && ticks.push(done)) };
    // The step after the PDFs fails at once, as a bad setting makes it (see searchIndex.ts).
    const failing: BuildStep = async () => {
      throw new BuildStepFailed([{ code: 'BAD_SETTING', severity: 'error', message: 'a bad setting' }]);
    };
    await expect(buildProject(loadProject(createNodeWorld(root, epoch)), { root, cache: false, env: epoch, progress }, [writePdfs, failing])).rejects.toThrow('a bad setting');
    // The workers were stopped as they started, not left to make every PDF first.
    expect(ticks.length).toBeLessThan(PARALLEL_FROM);
    expect(readdirSync(root).filter((name) => name.startsWith('dist'))).toEqual([]);
  });

  it('uses the cache on worker threads too, and keeps only the latest build in it', async () => {
    const files = schools(PARALLEL_FROM);
    const root = tempProject(files);
    const cacheDir = join(root, PDF_CACHE_DIR);
    const build = () => buildProject(loadProject(createNodeWorld(root, epoch)), { root, env: epoch }, [writePdfs]);
    await build();
    const entries = readdirSync(cacheDir);
    expect(entries).toHaveLength(PARALLEL_FROM);
    const first = readFileSync(join(root, 'dist/school-3/policy.pdf'));
    const entry = entries.find((name) => Buffer.compare(readFileSync(join(cacheDir, name)), first) === 0)!;
    writeFileSync(join(cacheDir, entry), 'the cached copy');
    writeFileSync(join(cacheDir, 'left-from-an-old-build.pdf'), 'stale');
    await build();
    expect(readFileSync(join(root, 'dist/school-3/policy.pdf'), 'utf8')).toBe('the cached copy');
    expect(readdirSync(cacheDir).sort()).toEqual([...entries].sort());
  });

  it('writes SLUG.pdf in the current folder by default', async () => {
    const root = tempProject({ 'schools/test-primary.yaml': school() });
    expect((await run(root, ['pdf', 'test-primary'])).code).toBe(0);
    expect(existsSync(join(root, 'test-primary.pdf'))).toBe(true);
  });

  it('exits 2 for usage errors and 1 for an unknown or broken school, writing nothing', async () => {
    const root = tempProject({ 'schools/test-primary.yaml': school((y) => y.replace('lockout_minutes: 10', 'lockout_minutes: ten')) });
    expect((await run(root, ['pdf'])).code).toBe(2);
    expect((await run(root, ['pdf', 'a', 'b'])).code).toBe(2);
    expect((await run(root, ['pdf', 'test-primary', '--bogus'])).code).toBe(2);
    const unknown = await run(root, ['pdf', 'nobody']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('UNKNOWN_SCHOOL');
    const broken = await run(root, ['pdf', 'test-primary']);
    expect(broken.code).toBe(1);
    expect(existsSync(join(root, 'test-primary.pdf'))).toBe(false);
  });

  it('documents the sign-off field names in --help', async () => {
    const help = await run(tempProject(), ['pdf', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('chair_of_governors_signature');
  });
});

describe('sign_off and policy settings', () => {
  it('accepts signatories and a version', async () => {
    const root = tempProject({ 'schools/test-primary.yaml': school((y) => `${y}policy:\n  version: "2.1"\nsign_off:\n  signatories: [Chair of Governors, Headteacher, Clerk]\n`) });
    expect((await checkJson(root)).diagnostics).toEqual([]);
  });

  it('refuses two signatories whose field names would clash, or one with no letters', async () => {
    const clash = await checkJson(tempProject({ 'schools/test-primary.yaml': school((y) => `${y}sign_off:\n  signatories: [Head Teacher, head-teacher!]\n`) }));
    expect(clash.code).toBe(1);
    expect(clash.diagnostics.map((d) => d.code)).toEqual(['DUPLICATE_ITEM']);
    const blank = await checkJson(tempProject({ 'schools/test-primary.yaml': school((y) => `${y}sign_off:\n  signatories: [Headteacher, "?"]\n`) }));
    expect(blank.diagnostics.map((d) => d.code)).toEqual(['SIGNATORY_NEEDS_LETTERS']);
  });
});

describe('characters the PDF font lacks', () => {
  it('are an UNSUPPORTED_CHARACTER error at the field that holds them', async () => {
    const yaml = school((y) => y.replace('name: Test Primary', 'name: Test Primary ☃').replace('provider: RedStor', 'provider: RedStor 😀'));
    const root = tempProject({ 'schools/test-primary.yaml': yaml });
    const { code, diagnostics } = await checkJson(root);
    expect(code).toBe(1);
    const lines = yaml.split('\n');
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([
      ['UNSUPPORTED_CHARACTER', lines.findIndex((l) => l.includes('☃')) + 1, 9],
      ['UNSUPPORTED_CHARACTER', lines.findIndex((l) => l.includes('😀')) + 1, 13],
    ]);
    expect(diagnostics[0]!.message).toContain('`school.name`');
    expect(diagnostics[0]!.message).toContain('U+2603');
    const build = await run(root, ['build']);
    expect(build.code).toBe(1);
    expect(existsSync(join(root, 'dist'))).toBe(false);
  });

  it('are found in templates too, at their line', async () => {
    const root = tempProject({ 'schools/test-primary.yaml': school() });
    const file = join(root, 'templates/lgfl-e-security/introduction.mdx');
    const { writeFileSync } = await import('node:fs');
    const source = readFileSync(file, 'utf8').replace('</Section>', 'A snowman ☃.\n\n</Section>');
    writeFileSync(file, source);
    const { diagnostics } = await checkJson(root);
    const line = source.split('\n').findIndex((l) => l.includes('☃')) + 1;
    expect(diagnostics).toMatchObject([{ code: 'UNSUPPORTED_CHARACTER', file: 'templates/lgfl-e-security/introduction.mdx', line, column: 11 }]);
  });

  it('allow Welsh, Polish and typographic characters', async () => {
    const root = tempProject({ 'schools/test-primary.yaml': school((y) => y.replace('name: Test Primary', 'name: Ysgol Gŵyr – Łódź’s “£5” école')) });
    expect((await checkJson(root)).diagnostics).toEqual([]);
  });
});
