// Live preview: the dev server reloads the project when a school file or template changes, reports problems, and reloads the browser.

import { join } from 'node:path';
import type { Plugin, ViteDevServer } from 'vite';
import { formatDiagnostics, summarise } from '../diagnostics/index.ts';
import { isSchoolFile, LiveProject } from '../project/liveProject.ts';
import { type Project, SCHOOLS_DIR } from '../project/loadProject.ts';
import { createNodeWorld, toProjectPath } from '../project/World.ts';
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
      // schools/ and templates/ (new files too), plus every other file the project read: a trust's defaults file, a logo.
      const folders = [SCHOOLS_DIR, 'templates'];
      const files = new Set<string>();
      // A saved school file reloads that school alone (see LiveProject).
      const live = new LiveProject(() => createNodeWorld(root));
      const show = (project: Project) => {
        const site = createSiteData(project, { root, base: normaliseBase(process.env.POLICY_PRESS_BASE), today: createNodeWorld(root).today() });
        site.live = true;
        provideSiteData(site);
        const read = [...site.sources.keys(), ...site.schools.flatMap((s) => (s.doc.meta.branding?.logo ? [s.doc.meta.branding.logo] : []))];
        for (const file of read.map((f) => join(root, f))) {
          if (!files.has(file)) server.watcher.add(file);
          files.add(file);
        }
        report(site);
      };
      server.watcher.add(folders.map((dir) => join(root, dir)));
      show(live.load());

      let timer: NodeJS.Timeout | undefined;
      const changed = new Set<string>();
      server.watcher.on('all', (_event, file) => {
        const path = toProjectPath(root, file);
        // Other files in schools/ (an editor's swap file, notes) are not part of the project.
        if (!files.has(file) && !isSchoolFile(path) && !path.startsWith('templates/')) return;
        changed.add(path);
        // Editors save in bursts (write, rename, chmod): reload once they settle.
        clearTimeout(timer);
        timer = setTimeout(() => {
          show(live.reload(changed));
          changed.clear();
          for (const name of ['ssr', 'prerender']) server.environments[name]?.hot.send('astro:content-changed', {});
          server.environments.client?.hot.send({ type: 'full-reload', path: '*' });
        }, 100);
      });
    },
  };
}
