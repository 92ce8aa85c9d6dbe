// Values travel through Handlebars and the MDX parser as opaque tokens, so no value can ever be read as markup.

/**
 * Private-use characters have no meaning to Markdown, MDX or Handlebars. A
 * token stands where a value goes; after MDX has been parsed the tokens in
 * text nodes are swapped for the values, which therefore land in the tree as
 * literal text whatever they contain (`<script>`, `{{x}}`, `*bold*`).
 */
export const TOKEN_OPEN = '\uE000';
export const TOKEN_CLOSE = '\uE001';
const TOKEN = /\uE000(\d+)\uE001/g;

export class TokenTable {
  private readonly values: string[] = [];

  add(value: string): string {
    this.values.push(value);
    return `${TOKEN_OPEN}${this.values.length - 1}${TOKEN_CLOSE}`;
  }

  /** The text with every token replaced by its literal value. */
  resolve(text: string): string {
    return text.replace(TOKEN, (_, i: string) => this.values[Number(i)] ?? '');
  }
}

/** Values may not contain the token characters themselves (they would be mistaken for tokens). */
export function hasTokenCharacters(value: string): boolean {
  return value.includes(TOKEN_OPEN) || value.includes(TOKEN_CLOSE);
}
