// `policy-press dev`: the site served live; school files and templates are re-checked and the browser reloaded on every save.

import { SITE_ROOT } from '../../build/writeSite.ts';
import { normaliseBase } from '../../site/siteData.ts';
import { setDevReporter } from '../../site/devPlugin.ts';
import { type Command, EXIT, UsageError } from '../Command.ts';
import { printDiagnostics } from '../printDiagnostics.ts';

export const dev: Command = {
  name: 'dev',
  summary: 'preview the site live, reloading when a school file or template changes',
  usage: 'policy-press dev [--port N] [--host] [--base PATH]',
  help: `Serves the web pages of every school in schools/ at http://localhost:4321/ and
watches schools/ and templates/. On each save it checks again (a school file:
that school alone; a template or a trust's defaults file: every school), prints
the problems here as \`policy-press check\` does, shows them at the top of every
page, and reloads the browser. Stop it with Ctrl+C.

PDFs and search are made by \`policy-press build\` only.

Options:
  --port N     listen on port N (default 4321, or the next free one)
  --host       listen on every network address, not only this computer
  --base PATH  serve under a sub-path, as \`build --base\` does
  -h, --help   show this help`,
  options: { port: { type: 'string' }, host: { type: 'boolean' }, base: { type: 'string' } },
  allowPositionals: false,
  async run({ values }, io) {
    const port = values.port === undefined ? 4321 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not "${String(values.port)}"`);
    // The pages and the watcher find the project through these (Astro's own config is this package's).
    process.env.POLICY_PRESS_ROOT = io.world.root;
    process.env.POLICY_PRESS_BASE = normaliseBase((values.base as string | undefined) ?? io.env.POLICY_PRESS_BASE);
    process.env.ASTRO_TELEMETRY_DISABLED = '1';
    // A dev server is in development mode whatever the shell says (NODE_ENV=test or production turns off live reload).
    process.env.NODE_ENV = 'development';
    setDevReporter((site) => {
      printDiagnostics(site.diagnostics, site.sources, io);
      io.stderr(site.diagnostics.length ? '(the pages show them too)\n' : `✓ ${site.schools.length} schools, no problems\n`);
    });
    const { dev: startDev } = await import('astro');
    const server = await startDev({
      root: SITE_ROOT,
      base: process.env.POLICY_PRESS_BASE,
      server: { port, host: Boolean(values.host) },
      logLevel: 'info',
    });
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await server.stop();
    return EXIT.OK;
  },
};
