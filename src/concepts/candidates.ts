/**
 * Candidates: places where a note defines a term, strongest evidence first:
 *   - a bold term opening a definitional sentence: `**焦点损失（Focal Loss）是**…`,
 *     `**类别不平衡指**…`, `**FFN 是**…`, `**锚框（anchor）**是…`;
 *   - a plain definitional sentence whose subject is a known term (`中文（English）`
 *     pair, front-matter alias, heading, bold term, glossary pair): “X 是……”, “X 指……”,
 *     “X is …”, “X refers to …”, and “……称为 X”;
 *   - a bold label with its explanation: `**正则化（regularization）**：…`;
 *   - a section heading that names a term (`### 类别不平衡（Class Imbalance）`,
 *     `什么是 VAE？`) with the first sentence of the section that mentions it.
 */
import type { GlossaryPair } from '../index/store.js';
import type { Doc } from './docs.js';
import { DEF_VERB_END, headingTerm, parseTermName, stripDefVerb, type Names } from './names.js';
import { cleanInline, hasCjk, mentions, namePattern, normalizeName, type ProseParagraph, type ProseSentence } from './text.js';

/** One piece of evidence that a note defines a term: its names, the defining passage and how strong the evidence is. */
export interface Candidate {
  names: Names;
  strength: number;
  file: string;
  order: number;
  headingPath: string[];
  definition: string;
  startLine: number;
  endLine: number;
  /** Where the definition's sentences sit, to keep them out of the cloze contexts. */
  sentenceKeys: string[];
}

const DEF_VERB = /^(?:是指|指的是|就是|即是|是|指)(?![否出向定导明令挥南针示数标])/;
const SENTENCE_END = /[。！？!?.；;]$/;
/** A passage with a link in it is a reference, not a definition or a quiz sentence. */
export const URL = /https?:\/\/|www\./i;

/**
 * Names that some piece of evidence other than a definitional sentence vouches
 * for as a term (normalized): front-matter aliases, glossary pairs, terms named
 * by headings, bold `中文（English）` pairs and bold spans ending in a verb.
 */
export function knownTerms(docs: readonly Doc[], glossaryPairs: Iterable<GlossaryPair>): Set<string> {
  const known = new Set<string>();
  for (const doc of docs) for (const a of doc.meta.aliases) addKnown(known, a);
  for (const [en, zh] of glossaryPairs) {
    addKnown(known, en);
    addKnown(known, zh);
  }
  for (const doc of docs) {
    for (const section of doc.sections) {
      const h = headingTerm(section.headingPath, doc.meta.title);
      if (h) for (const n of h.names) addKnown(known, n);
      for (const p of section.paragraphs)
        for (const s of p.sentences) {
          for (const bold of boldSpans(s.raw)) {
            const parsed = parseTermName(stripDefVerb(cleanInline(bold).text).name);
            if (parsed && (parsed.isPair || DEF_VERB_END.test(cleanInline(bold).text))) for (const n of parsed.names) addKnown(known, n);
          }
        }
    }
  }
  return known;
}

function addKnown(known: Set<string>, name: string): void {
  const n = normalizeName(name);
  if (n.length >= 2) known.add(n);
}

/** Every candidate of the notes, in reading order (`order` breaks ties between equally strong ones). */
export function findCandidates(docs: readonly Doc[], known: ReadonlySet<string>): Candidate[] {
  const candidates: Candidate[] = [];
  let order = 0;
  // Name → its “is about” patterns, for this build only: the same names recur in every section.
  const about = new Map<string, RegExp[]>();
  for (const doc of docs) {
    const owned = new Set([doc.meta.title, ...doc.meta.aliases].map(normalizeName));
    for (const section of doc.sections) {
      const found = (c: Omit<Candidate, 'order' | 'file'>) => {
        const bonus = c.names.names.some((n) => owned.has(normalizeName(n))) ? 0.3 : 0;
        candidates.push({ ...c, strength: c.strength + bonus, file: doc.meta.file, order: order++ });
      };
      // A heading that names a term, defined by the first sentences of its section.
      const heading = headingTerm(section.headingPath, doc.meta.title);
      if (heading) {
        const def = firstMention(section.paragraphs, heading.names, 3, about);
        if (def) {
          const built = buildDefinition(def.paragraph, def.index, 2, null);
          if (built) found({ names: heading, strength: 2, headingPath: section.headingPath, ...built });
        }
      }
      section.paragraphs.forEach((paragraph, pIndex) => {
        // A paragraph that is only a bold term acts as a heading for the next one (common in Q&A notes).
        const lone = loneBold(paragraph);
        if (lone) {
          const next = section.paragraphs[pIndex + 1];
          const parsed = parseTermName(lone);
          if (next && parsed) {
            const def = firstMention([next], parsed.names, 2, about);
            if (def) {
              const built = buildDefinition(def.paragraph, def.index, 2, null);
              if (built) found({ names: parsed, strength: 2, headingPath: section.headingPath, ...built });
            }
          }
          return;
        }
        paragraph.sentences.forEach((sentence, sIndex) => {
          for (const cand of sentenceCandidates(sentence, known)) {
            const built = buildDefinition(paragraph, sIndex, cand.strength, cand.predicate, cand.from);
            if (built) built.definition = withoutLeadingLabel(built.definition, cand.names.names[0]!);
            if (built) found({ names: cand.names, strength: cand.strength, headingPath: section.headingPath, ...built });
          }
        });
      });
    }
  }
  return candidates;
}

/**
 * “更多数据 / 数据增强（data augmentation）：……” defines 数据增强 (names.ts keeps the name next to
 * the translation): the label before the slash is another item of a list, not part of the definition.
 */
function withoutLeadingLabel(definition: string, name: string): string {
  const at = definition.indexOf(name);
  if (at <= 0) return definition;
  return /^[^，。；,;]{1,24}\s*[/／]\s*$/.test(definition.slice(0, at)) ? definition.slice(at) : definition;
}

function boldSpans(raw: string): string[] {
  return [...raw.matchAll(/\*\*([^*\n]+?)\*\*|__([^_\n]+?)__/g)].map((m) => (m[1] ?? m[2])!);
}

function loneBold(p: ProseParagraph): string | null {
  if (p.sentences.length !== 1) return null;
  const m = /^\s*(?:\*\*([^*\n]+?)\*\*|__([^_\n]+?)__)\s*[：:]?\s*$/.exec(p.raw);
  if (!m) return null;
  return cleanInline((m[1] ?? m[2])!).text;
}

interface SentenceCandidate {
  names: Names;
  strength: number;
  /** The text after the term and its verb; null when the term is not the subject. */
  predicate: string | null;
  /** Where the defining passage starts in the sentence's Markdown, when not at its start. */
  from: number;
}

const BOLD_AT = /\*\*([^*\n]+?)\*\*|__([^_\n]+?)__/y;

/**
 * The terms a sentence defines: a bold term opening the sentence or a clause
 * (after “，” “：” “；”) with a definitional verb or colon, or a plain
 * definitional sentence about a known term.
 */
function sentenceCandidates(sentence: ProseSentence, known: ReadonlySet<string>): SentenceCandidate[] {
  const raw = sentence.raw;
  const out: SentenceCandidate[] = [];
  const lead = /^\s*/.exec(raw)![0].length;
  const starts: Array<{ at: number; clause: 'start' | 'punct' | 'copula' }> = [{ at: lead, clause: 'start' }];
  for (const m of raw.matchAll(/([，：:；;])\s*(?=\*\*|__)|(是)\s*(?=\*\*)/g)) {
    starts.push({ at: m.index + m[0].length, clause: m[1] ? 'punct' : 'copula' });
  }
  for (const { at, clause } of starts) {
    BOLD_AT.lastIndex = at;
    const bold = BOLD_AT.exec(raw);
    if (!bold) continue;
    const cand = boldCandidate((bold[1] ?? bold[2])!, raw.slice(at + bold[0].length), known);
    if (!cand) continue;
    if (clause === 'start') {
      out.push({ ...cand, from: at });
      continue;
    }
    // Inside a sentence only the clearest forms count: “，**X 指**……”, “是**X（English）**：……”.
    if (clause === 'punct' && cand.strength >= 3) out.push({ ...cand, strength: cand.strength - 0.3, from: at });
    else if (cand.colon && cand.names.isPair) out.push({ ...cand, strength: 2.3, from: at });
  }
  if (out.length > 0 || /^\s*(?:\*\*|__)/.test(raw)) return out;

  const text = sentence.text;
  // Plain "X 是/指……" with a known or bilingual subject.
  const zh = /^([^，。；：！？,;:!?“”"]{2,48}?)\s*(是指|指的是|就是|是|指)(?![否出向定导明令挥南针示数标])\s*/.exec(text);
  if (zh) {
    const names = parseTermName(zh[1]!);
    if (names && (names.isPair || names.names.some((n) => known.has(normalizeName(n))))) {
      return [{ names, strength: names.isPair ? 3 : 2.8, predicate: text.slice(zh[0].length).trim(), from: 0 }];
    }
  }
  const en = /^([A-Z][A-Za-z0-9\-+ ]{1,40}?)\s+(?:is|are|refers to|means|is defined as)\s+/.exec(text);
  if (en) {
    const names = parseTermName(en[1]!);
    if (names?.names.some((n) => known.has(normalizeName(n)))) {
      return [{ names, strength: 2.8, predicate: text.slice(en[0].length).trim(), from: 0 }];
    }
  }
  // "……称为 X" / "……叫做 X".
  const called =
    /^(.{6,80}?)(?:被|也)?(?:称为|称作|叫做|叫作)\s*[“"「]?([^，。；,;”"」（(]{2,24}?)[”"」]?\s*(?:[（(]([^）)]{1,60})[）)])?\s*(?:[，。；,;]|$)/.exec(
      text,
    );
  if (called) {
    const names = parseTermName(called[3] ? `${called[2]}（${called[3]}）` : called[2]!);
    if (names && (names.isPair || names.names.some((n) => known.has(normalizeName(n))))) {
      return [{ names, strength: 2.5, predicate: null, from: 0 }];
    }
  }
  return [];
}

/** A bold term and what follows it: `**X 是**…`, `**X**（English）是…`, `**X**：…`, `**X** 如…`. */
function boldCandidate(
  inner: string,
  after: string,
  known: ReadonlySet<string>,
): (Omit<SentenceCandidate, 'from'> & { colon: boolean }) | null {
  const innerText = cleanInline(inner).text;
  let rest = cleanInline(after).text;
  const { name, verb: innerVerb } = stripDefVerb(innerText);
  let nameText = name;
  if (!innerVerb) {
    const trans = /^[（(]([A-Za-z][^（）()]*)[）)]\s*/.exec(rest);
    if (trans) {
      nameText = `${name}（${trans[1]}）`;
      rest = rest.slice(trans[0].length);
    }
  }
  const names = parseTermName(nameText);
  if (!names) return null;
  let strength: number;
  let predicate: string;
  let colon = false;
  if (innerVerb) {
    strength = 3;
    predicate = rest;
  } else {
    const verb = DEF_VERB.exec(rest);
    if (verb) {
      strength = 3;
      predicate = rest.slice(verb[0].length);
    } else if (/^[：:]/.test(rest)) {
      strength = 2.5;
      predicate = rest.slice(1);
      colon = true;
    } else {
      strength = 2;
      predicate = rest;
    }
  }
  predicate = predicate.trim();
  if (strength < 3 && !vouched(names, known)) return null;
  return { names, strength, predicate, colon };
}

/** A weak candidate needs a second witness: a translation, a Latin technical name, or a known name. */
function vouched(names: Names, known: ReadonlySet<string>): boolean {
  if (names.isPair) return true;
  if (names.names.some((n) => !hasCjk(n) && /[A-Za-z]/.test(n) && (/[A-Z]/.test(n) || n.includes('-')))) return true;
  return names.names.some((n) => known.has(normalizeName(n)));
}

/**
 * The first sentence (of the first few) that is about one of `names`: it opens
 * with the name, or says “name 是/指/：…” or “…称为 name”. A sentence that merely
 * mentions the name (“在理解转置卷积之前，……”) does not define it.
 */
function firstMention(
  paragraphs: ProseParagraph[],
  names: string[],
  maxSentences: number,
  about: Map<string, RegExp[]>,
): { paragraph: ProseParagraph; index: number } | null {
  let seen = 0;
  for (const paragraph of paragraphs) {
    for (let i = 0; i < paragraph.sentences.length; i++) {
      if (seen++ >= maxSentences) return null;
      const text = paragraph.sentences[i]!.text;
      if (names.some((n) => isAbout(text, n, about))) return { paragraph, index: i };
    }
  }
  return null;
}

function isAbout(text: string, name: string, about: Map<string, RegExp[]>): boolean {
  if (!mentions(text, name)) return false;
  let res = about.get(name);
  if (!res) {
    res = aboutPatterns(name);
    about.set(name, res);
  }
  return res.some((re) => re.test(text));
}

function aboutPatterns(name: string): RegExp[] {
  const pattern = namePattern(name);
  const opens = new RegExp(`^(?:${pattern})`, 'iu');
  const defines = new RegExp(
    `(?:${pattern})\\s*(?:[（(][^）)]*[）)])?\\s*(?:是指|指的是|就是|是|指|：|:)(?![否出向定导明令挥南针示数标])`,
    'iu',
  );
  const called = new RegExp(`(?:称为|称作|叫做|叫作)\\s*[“"「]?(?:${pattern})`, 'iu');
  return [opens, defines, called];
}

/**
 * The definition starting at sentence `index`: that sentence, plus the next
 * ones of the paragraph while it is short (at most 3). Null when the passage is
 * not a usable definition (a lead-in to a formula or list, an unreadable formula,
 * too little said).
 */
function buildDefinition(
  paragraph: ProseParagraph,
  index: number,
  strength: number,
  predicate: string | null,
  from = 0,
): Pick<Candidate, 'definition' | 'startLine' | 'endLine' | 'sentenceKeys'> | null {
  const first = paragraph.sentences[index];
  if (!first || first.hardMath) return null;
  if (predicate !== null && readableLength(predicate) < 6) return null;
  const endsWithColon = (s: ProseSentence) => /[：:]$/.test(s.text);
  const colonEnd = endsWithColon(first);
  if (colonEnd && (strength < 3 || predicate === null || readableLength(predicate) < 10)) return null;
  if (!colonEnd && !first.complete) return null;
  const firstText = from > 0 ? cleanInline(first.raw.slice(from)).text : first.text;
  const texts: string[] = [firstText];
  const picked: ProseSentence[] = [first];
  let length = readableLength(firstText);
  if (!colonEnd) {
    for (let i = index + 1; i < paragraph.sentences.length && picked.length < 3 && length < 40; i++) {
      const next = paragraph.sentences[i]!;
      // Only whole sentences join: a clause cut at “；” would drop what follows it.
      if (next.hardMath || !next.complete || !/[。！？!?.][”’"')）\]】」』]*$/.test(next.text)) break;
      if (length + readableLength(next.text) > 200) break;
      picked.push(next);
      texts.push(next.text);
      length += readableLength(next.text);
    }
  }
  let text = joinSentences(texts);
  if (readableLength(text) > 260) {
    text = firstText;
    picked.length = 1;
  }
  if (readableLength(text) > 260 || readableLength(text) < 12) return null;
  if (/[？?][”’"')）\]】」』]*$/.test(text)) return null; // a question, not a definition
  if (URL.test(text)) return null;
  const cjk = hasCjk(text);
  text = text.replace(/[：:；;，,、]$/, cjk ? '。' : '.');
  if (!SENTENCE_END.test(text) && !/[”）)」』】]$/.test(text)) text += cjk ? '。' : '.';
  return {
    definition: text,
    startLine: picked[0]!.startLine,
    endLine: picked[picked.length - 1]!.endLine,
    sentenceKeys: picked.map(sentenceKey),
  };
}

/** Identifies a sentence of a note, to keep a definition's sentences out of its cloze contexts. */
export function sentenceKey(s: ProseSentence): string {
  return `${s.startLine}:${s.text}`;
}

function joinSentences(parts: string[]): string {
  let out = '';
  for (const p of parts) {
    if (out && /[.!?;]$/.test(out) && !hasCjk(p[0] ?? '')) out += ' ';
    out += p;
  }
  return out;
}

/** Length a reader sees: formulas count by their text, markup not at all. */
export function readableLength(s: string): number {
  return s.replace(/`/g, '').length;
}
