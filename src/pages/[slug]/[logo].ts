// dist/<slug>/logo.<ext>: the school's logo, copied from where its YAML names it.
import { readFileSync } from 'node:fs';
import type { APIRoute } from 'astro';
import { siteData, siteSchool } from '../../site/siteData.ts';

export function getStaticPaths() {
  return siteData().schools.flatMap(({ slug, logo }) => (logo ? [{ params: { slug, logo: logo.fileName } }] : []));
}

export const GET: APIRoute = ({ params }) => {
  const { logo } = siteSchool(params.slug);
  if (!logo || logo.fileName !== params.logo) return new Response(null, { status: 404 });
  return new Response(readFileSync(logo.source), { headers: { 'Content-Type': logo.mediaType } });
};
