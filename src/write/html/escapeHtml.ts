// Text → HTML text or attribute value. Every value from the tree passes through here.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes for element content and quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** A link target a reader can follow safely: web, mail, telephone, or a relative link. Other schemes (javascript:, data:) and protocol-relative URLs are not links. */
export function safeHref(url: string): string | undefined {
  const trimmed = url.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme) return ['http', 'https', 'mailto', 'tel'].includes(scheme) ? trimmed : undefined;
  // Browsers read a backslash as a slash, so a leading "/\" is as protocol-relative as "//".
  return /^[\\/][\\/]|^\\/.test(trimmed) ? undefined : trimmed;
}
