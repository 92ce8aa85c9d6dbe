// Live preview: the dev server reloads the project when a school file or template changes, reports problems, and reloads the browser.

import { relative, sep } from 'node:path';
import type { Plugin, ViteDevServer } from 'vite';
import { formatDiagnostics, summarise } from '../diagnostics/index.ts';
import { loadProject, SCHOOLS_DIR } from '../project/loadProject.ts';
import { createNodeWorld } from '../project/World.ts';
import { createSiteData } from './createSiteData.ts';
import { normaliseBase, provideSiteData, type SiteData } from './siteData.ts';

/** How the dev server reports a (re)load; `policy-press dev` passes its own, `astro dev` gets the console. */
export type DevReporter = (site: SiteData) => void;

const REPORTER = Symbol.for('policy-press.dev-reporter');

export function setDevReporter(reporter: DevReporter): void {
  (globalThis as { [REPORTER]?: DevReporter })[REPORTER] = reporter;
}

function report(site: SiteData): void {
  const reporter = (globalThis as { [REPORTER]?: DevReporter })[REPORTER];
  if (reporter) return reporter(site);
  if (site.diagnostics.length) console.error(`${formatDiagnostics(site.diagnostics, { sources: site.sources, color: Boolean(process.stderr.isTTY) })}\n\n${summarise(site.diagnostics)}`);
  else console.error(`policy-press: ${site.schools.length} schools, no problems`);
}

export function policyPressDev(): Plugin {
  return {
    name: 'policy-press:dev',
    apply: 'serve',
    configureServer(server: ViteDevServer) {
      const root = process.env.POLICY_PRESS_ROOT ?? process.cwd();
      const watched = [SCHOOLS_DIR, 'templates'];
      const load = () => {
        const world = createNodeWorld(root);
        const site = createSiteData(loadProject(world), { root, base: normaliseBase(process.env.POLICY_PRESS_BASE), today: world.today() });
        provideSiteData(site);
        report(site);
      };
      load();

      let timer: NodeJS.Timeout | undefined;
      server.watcher.add(watched.map((dir) => `${root}${sep}${dir}`));
      server.watcher.on('all', (_event, file) => {
        const path = relative(root, file).split(sep);
        if (!watched.includes(path[0]!)) return;
        // Editors save in bursts (write, rename, chmod): reload once they settle.
        clearTimeout(timer);
        timer = setTimeout(() => {
          load();
          for (const name of ['ssr', 'prerender']) server.environments[name]?.hot.send('astro:content-changed', {});
          server.environments.client?.hot.send({ type: 'full-reload', path: '*' });
        }, 100);
      });
    },
  };
}
