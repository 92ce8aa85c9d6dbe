// The site: Astro renders the pages in src/pages from the documents policy-press hands it.
// `policy-press build` runs Astro with its own output folder and base path; `policy-press dev` serves it live.
import { defineConfig } from 'astro/config';
import { policyPressDev } from './src/site/devPlugin.ts';
import { normaliseBase } from './src/site/siteData.ts';

export default defineConfig({
  base: normaliseBase(process.env.POLICY_PRESS_BASE),
  trailingSlash: 'ignore',
  build: { format: 'directory' },
  devToolbar: { enabled: false },
  vite: { plugins: [policyPressDev()] },
});
