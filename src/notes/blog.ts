/**
 * Blog generators' template tags: Hexo `{% … %}` and Hugo `{{< … >}}` /
 * `{{% … %}}`. They are instructions to the generator, not prose, so they are
 * removed; what a paired tag wraps (a quote, highlighted code) stays.
 * Line breaks inside a tag are kept so every later line keeps its number.
 */
const TEMPLATE_TAG = /\{%[\s\S]*?%\}|\{\{<[\s\S]*?>\}\}|\{\{%[\s\S]*?%\}\}/g;

export function stripTemplateTags(prose: string): string {
  return prose.replace(TEMPLATE_TAG, keepLineBreaks);
}

/** The line breaks of `removed`, so text after it stays on the same line numbers. */
export function keepLineBreaks(removed: string): string {
  return removed.replace(/[^\n]/g, '');
}
