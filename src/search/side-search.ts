import { headingWords } from '../notes/section.js';
import type { QueryGroup } from '../text/analyzer.js';
import type { Aspect } from './aspects.js';
import { comparesOthers, comparisonSides, sidePlace } from './comparison.js';
import type { Corpus } from './corpus.js';
import { coverage } from './coverage.js';
import { HEADING_WEIGHT, rerankByCoverage } from './rerank.js';
import type { SectionLookup } from './section-lookup.js';
import { SIDE_CANDIDATES, type SideSearch } from './sides-first.js';

/** What one question's comparison reads besides the sections: its words, and how it searches and weighs them. */
export interface SideSearchInputs {
  corpus: Corpus;
  lookup: SectionLookup;
  /** Each side's ideas, as the question's are analysed. */
  sideGroups: ReadonlyMap<string, QueryGroup[]>;
  /** The whole question's ideas. */
  groups: QueryGroup[];
  /** What the question asks of its sides besides their difference (好在哪, why). */
  asked: ReadonlySet<Aspect>;
  idf: (t: string) => number;
  /** The groups as the keyword index is searched with them (everyday words halved, or as they are). */
  searched: (groups: QueryGroup[]) => QueryGroup[];
  /** What a dictionary guess held earns of its idea (search/coverage.ts). */
  guessCredit: (g: QueryGroup) => number;
  /** A phrase's ideas, analysed as the question's are. */
  analyzed: (text: string) => QueryGroup[];
  /** How plainly a section defines what the groups name (search/definition.ts), 0 to 1. */
  defines: (id: string, groups: QueryGroup[]) => number;
}

/** The SideSearch port sidesFirst() reads (search/sides-first.ts), over the index and this question's lookup. */
export function sideSearch(inputs: SideSearchInputs): SideSearch {
  const { corpus, lookup, sideGroups, groups, asked, idf, searched, guessCredit, analyzed, defines } = inputs;
  const share = (g: QueryGroup[], tokens: ReadonlySet<string>) => coverage(g, tokens, idf);
  return {
    bestOf: (side) => {
      const g = sideGroups.get(side)!;
      const hits = corpus.keywordHits(searched(g), SIDE_CANDIDATES);
      const own = new Map(hits.map((h) => [h.id, h.matched]));
      return rerankByCoverage(
        () => g,
        hits,
        (id) => own.get(id)!,
        (id) => HEADING_WEIGHT * share(g, lookup.headingTokensOf(id)),
        idf,
        guessCredit,
      ).map((h) => h.id);
    },
    sectionOf: (id) => lookup.sectionOf(id),
    noteOf: (id) => lookup.chunkOf(id)?.chunk.file ?? id,
    // A note's intro is named by the note's title: the PSPNet note's intro is about PSPNet.
    headingShare: (id, g) => share(g, lookup.headingOrTitleTokensOf(id)),
    ownHeadingShare: (id, g) => share(g, lookup.headingTokensOf(id)),
    pathShare: (id, g) => share(g, lookup.pathTokensOf(id)),
    placeShare: (id, g) => share(g, lookup.pathTokensOf(id, true)),
    titleShare: (id, g) => share(g, lookup.titleTokensOf(id)),
    textShare: (id, g) => share(g, lookup.textTokensOf(id)),
    placeOf: (side) => {
      const place = sidePlace(side);
      return place ? { subject: analyzed(place.subject), context: analyzed(place.context) } : null;
    },
    comparesInHeading: (id) => lookup.ownAspectsOf(id).has('difference'),
    comparesOtherThings: (id) => {
      const heading = lookup.ownHeadingOf(id);
      const compared = heading !== null ? comparisonSides(headingWords(heading)) : null;
      return compared !== null && comparesOthers(compared, groups, (text) => corpus.tokenize(text));
    },
    sectionsWith: (t) => corpus.sectionsWith(t),
    // Every comparison asks the difference; what else it asks (好在哪, why) a side's heading may answer.
    answersAspect: (id) => {
      const own = lookup.ownAspectsOf(id);
      return [...asked].some((a) => a !== 'difference' && own.has(a));
    },
    defines,
  };
}
