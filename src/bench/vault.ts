import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { createRng, seedFrom } from '../random.js';

/**
 * Seeded synthetic vault for `npm run bench`: Markdown notes recombined from
 * the real notes/ folder (sections shuffled across notes, headings, terms and
 * numbers varied, one generated paragraph per section), so every chunk id and
 * most chunk texts are new while the vocabulary, language mix and Markdown
 * constructs (code, math, tables, lists) stay those of real study notes.
 * The same seed and sources give byte-identical files.
 */

/** Bump when the output of the generator changes, so cached vaults are rebuilt. */
export const VAULT_GENERATOR_VERSION = 4;

export interface VaultSpec {
  /** Real notes to recombine. */
  sourceDir: string;
  outDir: string;
  /** Chunks to aim for (the real count is measured by indexing). */
  targetChunks: number;
  seed: number;
}

export interface VaultInfo {
  dir: string;
  files: number;
  bytes: number;
  /** The generator's estimate; the bench reports the chunk count the indexer finds. */
  estimatedChunks: number;
  /** True when an identical vault was already on disk and was reused. */
  reused: boolean;
  ms: number;
}

export interface BenchQuery {
  text: string;
  lang: 'en' | 'zh' | 'mixed';
  kind: 'heading' | 'term' | 'pair' | 'definition' | 'offtopic';
}

/** A `##` section of a source note with its `###` subsections, as Markdown lines. */
interface Unit {
  source: number;
  heading: string;
  /** Body lines, including `###` subsection headings. */
  body: string[];
  estimatedChunks: number;
}

interface SourceNote {
  title: string;
  tags: string[];
  aliases: string[];
  intro: string[];
  units: Unit[];
}

export interface TermPair {
  zh: string;
  en: string;
}

export interface Sources {
  notes: SourceNote[];
  pairs: TermPair[];
  english: string[];
  chinese: string[];
  headings: string[];
}

const pick = <T>(r: () => number, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;

// A Chinese term not glued to more Chinese on its left, then its English in brackets:
// only such clean pairs are recombined, so the generator does not invent glued terms.
const ZH_EN = /(?<![\u3400-\u9fff])([\u3400-\u9fff]{2,8})\s*[（(]\s*([A-Za-z][A-Za-z0-9 .\-/+&]{1,40}?)\s*[)）]/g;
const HAN = /[\u3400-\u9fff]/;

/** Reads the Markdown notes of `dir` (recursively) into sections and a term list. */
export function readSources(dir: string): Sources {
  const files = listMarkdown(dir);
  if (files.length === 0) throw new Error(`no Markdown notes in ${dir}`);
  const notes: SourceNote[] = [];
  const pairs = new Map<string, TermPair>();
  const english = new Set<string>();
  const chinese = new Set<string>();
  const headings = new Set<string>();
  files.forEach((file, source) => {
    const text = readFileSync(file, 'utf8').replace(/\r\n?/g, '\n');
    const { front, body } = splitFrontMatter(text);
    const lines = body.split('\n');
    const title = (typeof front.title === 'string' && front.title) || path.basename(file, '.md');
    const tags = Array.isArray(front.tags) ? front.tags.map(String) : [];
    const aliases = Array.isArray(front.aliases) ? front.aliases.map(String) : [];
    const intro: string[] = [];
    const units: Unit[] = [];
    let current: Unit | null = null;
    let fence: string | null = null;
    for (const line of lines) {
      const trimmed = line.trim();
      const opener = /^(```+|~~~+)/.exec(trimmed);
      if (fence) {
        if (trimmed.startsWith(fence)) fence = null;
      } else if (opener) fence = opener[1]!;
      else if (/^# /.test(line))
        continue; // the note's own H1: the generator writes a new one
      else if (/^## /.test(line)) {
        current = { source, heading: line.slice(3).trim(), body: [], estimatedChunks: 0 };
        units.push(current);
        headings.add(current.heading);
        continue;
      } else if (/^###+ /.test(line)) headings.add(line.replace(/^#+ /, '').trim());
      (current ? current.body : intro).push(line);
    }
    for (const unit of units) unit.estimatedChunks = estimateChunks(unit.body);
    for (const m of text.matchAll(ZH_EN)) {
      const pair = { zh: m[1]!, en: m[2]!.trim() };
      if (pair.en.length < 2) continue;
      pairs.set(`${pair.zh}|${pair.en}`, pair);
      english.add(pair.en);
      chinese.add(pair.zh);
    }
    for (const alias of aliases) (HAN.test(alias) ? chinese : english).add(alias);
    notes.push({ title, tags, aliases, intro, units });
  });
  return { notes, pairs: [...pairs.values()], english: [...english].sort(), chinese: [...chinese].sort(), headings: [...headings].sort() };
}

/** Roughly what the chunker makes of a section: one chunk per heading with a body, long bodies split near 1200 chars. */
function estimateChunks(body: string[]): number {
  let chunks = 0;
  let chars = 0;
  const flush = () => {
    if (chars > 0) chunks += Math.max(1, Math.ceil(chars / 1200));
    chars = 0;
  };
  let fence = false;
  for (const line of body) {
    if (/^(```|~~~)/.test(line.trim())) fence = !fence;
    if (!fence && /^###+ /.test(line)) flush();
    else chars += line.trim() ? line.length + 1 : 0;
  }
  flush();
  return Math.max(1, chunks);
}

function splitFrontMatter(text: string): { front: Record<string, unknown>; body: string } {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!m) return { front: {}, body: text };
  let front: unknown;
  try {
    front = parseYaml(m[1]!);
  } catch {
    front = {};
  }
  return { front: front && typeof front === 'object' ? (front as Record<string, unknown>) : {}, body: text.slice(m[0].length) };
}

function listMarkdown(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.md$/i.test(entry.name)) out.push(full);
    }
  };
  walk(dir);
  return out;
}

/** Rewrites a body: swaps some `中文（English）` terms for others, perturbs numbers outside code. */
function varyBody(r: () => number, body: string[], sources: Sources): string[] {
  let fence = false;
  return body.map((line) => {
    if (/^(```|~~~)/.test(line.trim())) fence = !fence;
    if (fence || /^#+ /.test(line)) return line;
    let out = line.replace(ZH_EN, (whole) => {
      if (r() > 0.3) return whole;
      const p = pick(r, sources.pairs);
      return `${p.zh}（${p.en}）`;
    });
    // Numbers in prose (not inside $...$ math): change about a third of them.
    out = out.replace(/(?<![\w$.])(\d{1,4})(?:\.(\d{1,3}))?(?![\w$])/g, (whole, int: string, frac: string | undefined) => {
      if (r() > 0.35) return whole;
      const n = Math.max(1, Math.round(Number(int) * (0.5 + r())));
      return frac === undefined ? String(n) : `${n}.${String(Math.floor(r() * 10 ** frac.length)).padStart(frac.length, '0')}`;
    });
    return out;
  });
}

const ZH_TEMPLATES = [
  (a: TermPair, b: TermPair, n: number) =>
    `补充说明（第 ${n} 条）：${a.zh}（${a.en}）经常和 ${b.zh} 一起出现，复习时要能说清两者的联系与区别。`,
  (a: TermPair, b: TermPair, n: number) =>
    `实验记录 ${n}：把 ${a.zh} 换成 ${b.zh}（${b.en}）之后，验证集指标变化约 ${(n % 7) + 0.5}%，说明 ${a.zh} 对结果有影响。`,
  (a: TermPair, b: TermPair, n: number) =>
    `面试常问：${a.en} 和 ${b.en} 有什么不同？答题时先给出 ${a.zh} 的定义，再举一个 ${n} 维的小例子。`,
  (a: TermPair, b: TermPair, n: number) =>
    `In practice ${a.en} (${a.zh}) is tuned together with ${b.en}; run ${n} used a batch of ${16 << (n % 4)} and converged in ${(n % 90) + 10} epochs.`,
  (a: TermPair, b: TermPair, n: number) =>
    `Note ${n}: the ${a.en} step feeds the ${b.en} step, so a bug in ${a.zh} usually shows up later as a problem with ${b.zh}.`,
];

function headingVariant(r: () => number, heading: string, sources: Sources, serial: number): string {
  const x = r();
  if (x < 0.35) return heading;
  const p = pick(r, sources.pairs);
  if (x < 0.6) return `${heading}：${p.zh}`;
  if (x < 0.8) return `${p.en} and ${heading}`;
  return `${heading}（${serial % 97}）`;
}

/** Generates one note; returns its Markdown and estimated chunk count. */
function makeNote(r: () => number, sources: Sources, serial: number): { text: string; chunks: number; slug: string } {
  const primary = pick(r, sources.notes);
  const sectionCount = 4 + Math.floor(r() * 7);
  const units: Unit[] = [];
  for (let i = 0; i < sectionCount; i++) {
    const from = r() < 0.6 && primary.units.length ? primary : pick(r, sources.notes);
    if (from.units.length) units.push(pick(r, from.units));
  }
  const topic = pick(r, sources.pairs);
  const title = `${primary.title} · ${topic.zh} ${serial}`;
  // The primary note's own aliases (coherent names of its topics) plus the new topic, written `中文（English）`.
  const aliases = [...primary.aliases, `${topic.zh}（${topic.en}）`];
  const tags = [...new Set([...primary.tags.slice(0, 3), `set-${serial % 50}`])];
  const lines = [
    '---',
    `title: ${JSON.stringify(title)}`,
    `tags: [${tags.map((t) => JSON.stringify(t)).join(', ')}]`,
    `aliases: [${[...new Set(aliases)].map((a) => JSON.stringify(a)).join(', ')}]`,
    '---',
    '',
    `# ${title}`,
    '',
  ];
  let chunks = 0;
  if (r() < 0.7 && primary.intro.some((l) => l.trim())) {
    lines.push(...varyBody(r, primary.intro, sources), '');
    chunks++;
  }
  units.forEach((unit, i) => {
    const a = pick(r, sources.pairs);
    const b = pick(r, sources.pairs);
    const n = serial * 16 + i;
    lines.push(`## ${headingVariant(r, unit.heading, sources, n)}`, '', pick(r, ZH_TEMPLATES)(a, b, n), '');
    lines.push(...varyBody(r, unit.body, sources), '');
    chunks += unit.estimatedChunks;
  });
  const slug = (primary.title.match(/[A-Za-z][A-Za-z0-9+-]*/)?.[0] ?? 'note').toLowerCase();
  return {
    text: `${lines
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd()}\n`,
    chunks,
    slug,
  };
}

/**
 * Writes a vault of about `targetChunks` chunks into `outDir` (200 notes per
 * sub-folder). An existing vault with the same spec and generator version is
 * reused; anything else in `outDir` is replaced.
 */
export function generateVault(spec: VaultSpec): VaultInfo {
  const started = performance.now();
  const stampFile = path.join(spec.outDir, '.vault.json');
  // FNV-1a over the source texts: a cached vault is checked before the sources are parsed.
  const sourceHash = seedFrom(...listMarkdown(spec.sourceDir).map((f) => readFileSync(f, 'utf8'))).toString(16);
  const key = { version: VAULT_GENERATOR_VERSION, seed: spec.seed, targetChunks: spec.targetChunks, sourceHash };
  if (existsSync(stampFile)) {
    try {
      const stamp = JSON.parse(readFileSync(stampFile, 'utf8')) as {
        key: typeof key;
        files: number;
        bytes: number;
        estimatedChunks: number;
      };
      if (JSON.stringify(stamp.key) === JSON.stringify(key)) {
        return {
          dir: spec.outDir,
          files: stamp.files,
          bytes: stamp.bytes,
          estimatedChunks: stamp.estimatedChunks,
          reused: true,
          ms: performance.now() - started,
        };
      }
    } catch {
      // A broken stamp means a broken vault: regenerate.
    }
  }
  const sources = readSources(spec.sourceDir);
  rmSync(spec.outDir, { recursive: true, force: true });
  mkdirSync(spec.outDir, { recursive: true });
  const r = createRng(spec.seed);
  let estimatedChunks = 0;
  let files = 0;
  let bytes = 0;
  while (estimatedChunks < spec.targetChunks) {
    const note = makeNote(r, sources, files);
    const folder = path.join(spec.outDir, `t${String(Math.floor(files / 200)).padStart(3, '0')}`);
    if (files % 200 === 0) mkdirSync(folder, { recursive: true });
    const buf = Buffer.from(note.text, 'utf8');
    writeFileSync(path.join(folder, `${note.slug}-${String(files).padStart(6, '0')}.md`), buf);
    estimatedChunks += note.chunks;
    bytes += buf.length;
    files++;
  }
  writeFileSync(stampFile, JSON.stringify({ key, files, bytes, estimatedChunks }, null, 2));
  return { dir: spec.outDir, files, bytes, estimatedChunks, reused: false, ms: performance.now() - started };
}

/**
 * About `count` varied questions from the source notes' headings and terms:
 * English, Chinese and mixed, short keyword queries and full questions, plus
 * a few off-topic ones that should be refused. Seeded; never taken from eval/.
 */
export function makeQueries(sources: Sources, seed: number, count = 100): BenchQuery[] {
  const r = createRng(seed ^ 0x9e3779b9);
  const offtopic: BenchQuery[] = [
    { text: 'how do I bake sourdough bread at home', lang: 'en', kind: 'offtopic' },
    { text: '如何办理护照续签', lang: 'zh', kind: 'offtopic' },
    { text: 'best hiking trails near the lake this weekend', lang: 'en', kind: 'offtopic' },
    { text: '周末去哪里看樱花比较好', lang: 'zh', kind: 'offtopic' },
    { text: 'what is the capital of Australia', lang: 'en', kind: 'offtopic' },
  ];
  const makers: Array<() => BenchQuery> = [
    () => {
      const h = pick(r, sources.headings);
      return { text: h, lang: langOf(h), kind: 'heading' };
    },
    () => {
      const h = pick(r, sources.headings);
      return { text: `${h}是什么？`, lang: langOf(h) === 'en' ? 'mixed' : 'zh', kind: 'heading' };
    },
    () => ({ text: `What is ${pick(r, sources.english)}?`, lang: 'en', kind: 'definition' }),
    () => ({ text: `explain ${pick(r, sources.english)} and why it matters`, lang: 'en', kind: 'definition' }),
    () => ({ text: `${pick(r, sources.chinese)}的作用是什么`, lang: 'zh', kind: 'definition' }),
    () => ({ text: pick(r, sources.chinese), lang: 'zh', kind: 'term' }),
    () => ({ text: pick(r, sources.english), lang: 'en', kind: 'term' }),
    () => {
      const a = pick(r, sources.pairs);
      const b = pick(r, sources.pairs);
      return { text: `${a.zh}和${b.zh}有什么区别？`, lang: 'zh', kind: 'pair' };
    },
    () => {
      const a = pick(r, sources.pairs);
      const b = pick(r, sources.pairs);
      return { text: `difference between ${a.en} and ${b.en}`, lang: 'en', kind: 'pair' };
    },
    () => {
      const a = pick(r, sources.pairs);
      return { text: `${a.en} 为什么有效`, lang: 'mixed', kind: 'definition' };
    },
  ];
  const out: BenchQuery[] = [...offtopic];
  const seen = new Set(out.map((q) => q.text));
  for (let guard = 0; out.length < count && guard < count * 50; guard++) {
    const q = pick(r, makers)();
    if (seen.has(q.text)) continue;
    seen.add(q.text);
    out.push(q);
  }
  return out;
}

function langOf(text: string): BenchQuery['lang'] {
  const zh = HAN.test(text);
  const en = /[A-Za-z]{2,}/.test(text);
  return zh && en ? 'mixed' : zh ? 'zh' : 'en';
}

// `node dist/bench/vault.js --chunks 10000 [--out DIR] [--seed N] [--source DIR]`: just the generator.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const arg = (name: string, fallback: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
  };
  const targetChunks = Number(arg('chunks', '1000'));
  const info = generateVault({
    sourceDir: path.resolve(arg('source', 'notes')),
    outDir: path.resolve(arg('out', `bench/vault/${targetChunks}`)),
    targetChunks,
    seed: Number(arg('seed', '20240601')),
  });
  process.stdout.write(`${JSON.stringify(info)}\n`);
}
