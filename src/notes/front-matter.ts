import { parse as parseYaml } from 'yaml';

/** What StudyBot reads from a note's YAML front matter (Obsidian, Hexo, Hugo and Jekyll use the same keys). */
export interface FrontMatter {
  title?: string;
  tags: string[];
  /** Blog categories (Hexo, Hugo, Jekyll): as good a topic label as a tag. */
  categories: string[];
  aliases: string[];
  /** Where a blog publishes the note, for NOTES_URL's {permalink}. */
  permalink?: string;
  /** Why the note is left out of the index (a draft or an unpublished post), when it is. */
  excludedBecause?: string;
}

const EMPTY: FrontMatter = { tags: [], categories: [], aliases: [] };

/** Reads the YAML of a front matter block; YAML that does not parse is metadata we cannot read, not a reason to drop the note. */
export function readFrontMatter(yaml: string | undefined): FrontMatter {
  if (yaml === undefined) return EMPTY;
  let data: unknown;
  try {
    data = parseYaml(yaml);
  } catch {
    return EMPTY;
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return EMPTY;
  const record = data as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  return {
    title: text(record.title),
    tags: list(record.tags),
    categories: list(record.categories ?? record.category),
    aliases: list(record.aliases),
    permalink: text(record.permalink),
    excludedBecause: exclusion(record),
  };
}

/** A YAML list, a comma-separated string, or Hexo's nested category lists (`[[a, b], c]`), flattened. */
function list(value: unknown): string[] {
  if (Array.isArray(value))
    return value.flatMap((v) => (Array.isArray(v) ? list(v) : v === null || v === undefined ? [] : [String(v).trim()])).filter(Boolean);
  if (typeof value === 'string')
    return value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  return [];
}

/** `draft: true` (Hugo, Jekyll, Obsidian publish) or `published: false` (Jekyll, Hexo) keep a note out of the answers. */
function exclusion(record: Record<string, unknown>): string | undefined {
  if (isYes(record.draft)) return 'a draft (front matter draft: true)';
  if (isNo(record.published)) return 'not published (front matter published: false)';
  return undefined;
}

const isYes = (v: unknown) => v === true || (typeof v === 'string' && /^(true|yes)$/i.test(v.trim()));
const isNo = (v: unknown) => v === false || (typeof v === 'string' && /^(false|no)$/i.test(v.trim()));
