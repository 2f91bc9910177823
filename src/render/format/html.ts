import { unicodeScript } from './inline-math.js';
import type { ImageRef } from './types.js';

/**
 * Tags notes use for layout (centering, line breaks, scripts, images). Any
 * other tag is left as written: in prose `<int>` or `<T>` is C++, not HTML.
 */
const LAYOUT_TAGS = /^(?:br|sub|sup|img|center|div|p|span|font|b|strong|i|em|u|small|big|figure|figcaption)$/i;
const EMPHASIS: Record<string, string> = { b: '**', strong: '**', i: '*', em: '*', u: '__' };

const ENTITIES: Record<string, string> = { nbsp: ' ', lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", times: '×', middot: '·' };

/**
 * An HTML fragment as readable Discord text: `<br>` breaks the line,
 * `<sub>`/`<sup>` become Unicode scripts where every character has one (else
 * `_(…)`/`^(…)`), images are listed in `images` and named in the text, layout
 * tags disappear and their text stays.
 */
export function htmlToText(html: string, images: ImageRef[]): string {
  const scripted = html.replace(/<(sub|sup)>([^<]*)<\/\1>/gi, (_, tag: string, body: string) =>
    scriptText(tag.toLowerCase() as 'sub' | 'sup', decodeEntities(body)),
  );
  return decodeEntities(
    scripted.replace(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b([^>]*)>/g, (tag, close: string, name: string, attrs: string) => {
      if (!LAYOUT_TAGS.test(name)) return tag;
      const lower = name.toLowerCase();
      if (lower === 'br') return '\n';
      if (lower === 'img') return imageTag(attrs, images);
      if (lower === 'p' || lower === 'div' || lower === 'center' || lower === 'figure') return close ? '\n' : '';
      return EMPHASIS[lower] ?? (lower === 'sub' ? (close ? ')' : '_(') : lower === 'sup' ? (close ? ')' : '^(') : '');
    }),
  );
}

/** `text` as Unicode sub- or superscript characters, or marked `_(…)`/`^(…)` when a character has none. */
export function scriptText(kind: 'sub' | 'sup', text: string): string {
  const unicode = unicodeScript(kind === 'sub' ? '_' : '^', text);
  return unicode ?? `${kind === 'sub' ? '_' : '^'}(${text})`;
}

function imageTag(attrs: string, images: ImageRef[]): string {
  const attr = (key: string) => new RegExp(`\\b${key}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(attrs);
  const src = attr('src');
  const target = src ? (src[1] ?? src[2] ?? src[3] ?? '') : '';
  if (!target) return '';
  const alt = attr('alt');
  return imagePlaceholder(imageRef(target, alt ? decodeEntities(alt[1] ?? alt[2] ?? alt[3] ?? '') : ''), images);
}

/** Records an image and returns the text that stands in its place. */
export function imagePlaceholder(ref: ImageRef, images: ImageRef[]): string {
  images.push(ref);
  const label = ref.alt.trim() || (ref.kind === 'local' ? ref.path : ref.url).split('/').pop() || 'image';
  return ref.kind === 'remote' ? `[${label}](<${ref.url}>)` : `*[${label}]*`;
}

export function imageRef(target: string, alt: string): ImageRef {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(target) ? { kind: 'remote', url: target, alt } : { kind: 'local', path: safeDecode(target), alt };
}

function safeDecode(path: string): string {
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}
