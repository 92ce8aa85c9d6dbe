import { describe, expect, it } from 'vitest';
import { escapeHtml, safeHref } from './escapeHtml.ts';
import { formatBytes } from './formatBytes.ts';

describe('escapeHtml', () => {
  it('escapes markup and both quotes, leaving braces and Markdown alone', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;');
    expect(escapeHtml('{{school.name}} {x} **bold** [a](b)')).toBe('{{school.name}} {x} **bold** [a](b)');
  });
});

describe('safeHref', () => {
  it('keeps web, mail and in-site links', () => {
    for (const url of ['https://gdpr.lgfl.net', 'http://example.org/a?b=c', 'mailto:dpo@example.org', '#passwords', '/policies/', 'policy.pdf', 'gdpr.lgfl.net']) {
      expect(safeHref(url)).toBe(url);
    }
  });

  it('drops script and data URLs', () => {
    for (const url of ['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,<script>', 'vbscript:x', '//evil.example', '/\\evil.example', '\\\\evil']) {
      expect(safeHref(url)).toBeUndefined();
    }
  });
});

describe('formatBytes', () => {
  it('prints sizes as GOV.UK does', () => {
    expect(formatBytes(900)).toBe('900 bytes');
    expect(formatBytes(84_000)).toBe('82 KB');
    expect(formatBytes(2_500_000)).toBe('2.4 MB');
  });
});
