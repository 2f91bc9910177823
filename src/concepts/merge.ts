/** Merging candidates into concepts, with stable ids. */
import { createHash } from 'node:crypto';
import { curatedGlossary } from '../text/glossary.js';
import type { Candidate } from './candidates.js';
import type { Doc } from './docs.js';
import { classifyKind } from './kind.js';
import { isTermLike } from './names.js';
import { normalizeName } from './text.js';
import type { Concept } from './types.js';

/** A concept with what the cloze contexts need: every name, the definition's sentences, the notes that define it. */
export interface Built {
  concept: Concept;
  names: string[];
  sentenceKeys: Set<string>;
  files: Set<string>;
}

/**
 * Candidates sharing a name (in either language, compared without case, spaces
 * or punctuation) are one concept; the strongest definition wins, every name
 * becomes an alias, and the curated glossary adds translations of the names.
 * Sorted by note, then place in the note.
 */
export function mergeCandidates(candidates: Candidate[], docs: readonly Doc[]): Built[] {
  // Union-find over candidates that share a name.
  const parent = candidates.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const byName = new Map<string, number>();
  candidates.forEach((c, i) => {
    for (const n of c.names.names) {
      const key = normalizeName(n);
      const other = byName.get(key);
      if (other === undefined) byName.set(key, i);
      else parent[find(i)] = find(other);
    }
  });
  const groups = new Map<number, Candidate[]>();
  candidates.forEach((c, i) => {
    const root = find(i);
    const g = groups.get(root) ?? [];
    g.push(c);
    groups.set(root, g);
  });

  const metaByFile = new Map(docs.map((d) => [d.meta.file, d.meta]));
  const curated = curatedGlossary();
  const built: Built[] = [];
  const usedIds = new Set<string>();
  for (const group of groups.values()) {
    const best = [...group].sort(
      (a, b) => b.strength - a.strength || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.order - b.order,
    )[0]!;
    const pairDisplay = best.names.isPair
      ? best.names
      : group
          .filter((c) => c.names.isPair)
          .sort((a, b) => Number(b.file === best.file) - Number(a.file === best.file) || a.order - b.order)[0]?.names;
    const display = pairDisplay ? pairDisplay.display : best.names.display;

    const names: string[] = [];
    const seen = new Set<string>();
    const add = (n: string) => {
      const k = normalizeName(n);
      if (k.length < 2 || seen.has(k)) return;
      seen.add(k);
      names.push(n.trim());
    };
    for (const n of pairDisplay?.names ?? []) add(n);
    for (const n of best.names.names) add(n);
    for (const c of group) for (const n of c.names.names) add(n);
    // Translations from the curated glossary. Pairs mined from the notes only vouch for
    // terms (above): as aliases they are too noisy (神经网络 → "bishop 1995", 全连接层 → "fcn").
    for (const n of [...names]) {
      const lower = n.toLowerCase().replace(/\s+/g, ' ');
      for (const zh of curated.englishToChinese.get(lower) ?? []) if (isTermLike(zh)) add(zh);
      for (const e of curated.chineseToEnglish.get(n) ?? []) if (isTermLike(e)) add(e);
    }

    const meta = metaByFile.get(best.file)!;
    let id = createHash('sha1')
      .update(`${best.file}\u0000${normalizeName(best.names.names[0]!)}`)
      .digest('hex')
      .slice(0, 16);
    for (let k = 2; usedIds.has(id); k++)
      id = createHash('sha1')
        .update(`${best.file}\u0000${normalizeName(best.names.names[0]!)}\u0000${k}`)
        .digest('hex')
        .slice(0, 16);
    usedIds.add(id);
    const displayNorm = normalizeName(display);
    const concept: Concept = {
      id,
      term: display,
      aliases: names.filter((n) => normalizeName(n) !== displayNorm),
      definition: best.definition,
      kind: classifyKind({ names, headingPath: best.headingPath, tags: meta.tags }),
      topic: best.file,
      source: { file: best.file, headingPath: best.headingPath, startLine: best.startLine, endLine: best.endLine },
    };
    built.push({
      concept,
      names,
      sentenceKeys: new Set(group.flatMap((c) => c.sentenceKeys)),
      files: new Set(group.map((c) => c.file)),
    });
  }
  built.sort(
    (a, b) =>
      (a.concept.topic < b.concept.topic ? -1 : a.concept.topic > b.concept.topic ? 1 : 0) ||
      a.concept.source.startLine - b.concept.source.startLine ||
      (a.concept.id < b.concept.id ? -1 : 1),
  );
  return built;
}
