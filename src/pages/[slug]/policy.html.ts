// dist/<slug>/policy.html: the same article as the page, in one self-contained file for a school's own website.
/// <reference types="vite/client" />
import type { APIRoute } from 'astro';
import css from '../../write/html/policy.css?raw';
import { siteSchool, standalonePage, standaloneRoutes } from '../../site/siteData.ts';

// A build writes these as each school's page renders (see standaloneRoutes); the live preview serves them here.
export const getStaticPaths = standaloneRoutes;

export const GET: APIRoute = ({ params }) =>
  new Response(standalonePage(siteSchool(params.slug), css), { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
