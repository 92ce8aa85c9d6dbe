#!/usr/bin/env node
// Adds the other platforms' optional binaries to package-lock.json when the registry mirror lacks them.
//
// The npm mirror this project is developed against holds only some platform
// builds of packages such as @pagefind/* and @astrojs/compiler-binding-*.
// `npm install` silently leaves the missing ones out of the lockfile, and
// `npm ci` then refuses the lockfile as out of sync with package.json. A lock
// entry marked optional with its os/cpu is skipped on other platforms without
// being fetched, which is exactly what npm writes when the registry has them.
// Run after `npm install` (npm run lock:complete); a test checks it was run.
import { readFileSync, writeFileSync } from 'node:fs';

const OS = [['darwin', 'darwin'], ['linux', 'linux'], ['win32', 'win32'], ['windows', 'win32'], ['freebsd', 'freebsd'], ['android', 'android'], ['openbsd', 'openbsd'], ['sunos', 'sunos'], ['aix', 'aix'], ['netbsd', 'netbsd']];
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'ppc64', 's390x', 'riscv64', 'loong64', 'mips64el', 'wasm32'];

export function missingOptionals(lock) {
  const out = [];
  for (const [path, entry] of Object.entries(lock.packages)) {
    for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
      const base = path ? `${path}/node_modules/${name}` : `node_modules/${name}`;
      if (!lock.packages[base] && !lock.packages[`node_modules/${name}`]) out.push({ key: `node_modules/${name}`, name, version, dev: entry.dev === true });
    }
  }
  return out;
}

function stub({ name, version, dev }) {
  const leaf = name.split('/').at(-1);
  const os = OS.find(([k]) => leaf.split('-').includes(k))?.[1];
  const cpu = CPU.find((c) => leaf.split('-').includes(c));
  return { version, ...(dev ? { dev: true } : {}), optional: true, ...(cpu ? { cpu: [cpu] } : {}), ...(os ? { os: [os] } : {}) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = new URL('../package-lock.json', import.meta.url);
  const lock = JSON.parse(readFileSync(file, 'utf8'));
  const missing = missingOptionals(lock);
  for (const m of missing) lock.packages[m.key] = stub(m);
  lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
  writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
  console.log(`package-lock.json: added ${missing.length} platform entr${missing.length === 1 ? 'y' : 'ies'} the registry lacks`);
}
