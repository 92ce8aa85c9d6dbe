// dist/<slug>/policy.html: the same article as the page, in one self-contained file for a school's own website.
/// <reference types="vite/client" />
import type { APIRoute } from 'astro';
import css from '../../write/html/policy.css?raw';
import { siteData, siteSchool, standalonePage } from '../../site/siteData.ts';

export function getStaticPaths() {
  return siteData().schools.map(({ slug }) => ({ params: { slug } }));
}

export const GET: APIRoute = ({ params }) =>
  new Response(standalonePage(siteSchool(params.slug), css), { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
