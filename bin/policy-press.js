#!/usr/bin/env -S node --max-semi-space-size=16
// (The flag is a build's: see YOUNG_GENERATION_FLAG in src/build/heapGrowth.ts.)
// Entry point: checks the Node version before loading TypeScript sources (run by Node's type stripping).
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(
    `policy-press needs Node 22.18 or newer (this is ${process.version}).\n` +
      'Run it through npm, which uses the Node installed with the project: `npx policy-press …` or `npm run …`.\n',
  );
  process.exit(2);
}
const { prepareProcess } = await import('../src/cli/prepareProcess.ts');
prepareProcess();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
