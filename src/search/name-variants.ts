import type { QueryGroup } from '../text/analyzer.js';
import type { Corpus } from './corpus.js';
import { withTranslations } from './coverage.js';

/**
 * A model's name and its version (or size) typed apart, "yolo v3",
 * "deeplab-v3", "resnet 50": the letters, then "v" and digits or digits
 * alone. Hyphens and spaces are what students put between them.
 */
const APART = /\b([A-Za-z]{2,})[\s-]+(v?\d+[a-z]?)\b/g;
/** The same written as one word, "yolov3", "resnet50": split where the version starts. */
const TOGETHER = /^([a-z]{2,}?)(v?\d+[a-z]?)$/;

/**
 * Students write a versioned name both ways, "YOLOv3" and "yolo v3", and the
 * keyword index only finds the way the notes wrote it: "yolo v3" holds
 * neither token of a heading "YOLOv3" (yolov3, yolov), so the YOLO9000
 * section, holding "yolo", outranked it. The notes' own vocabulary decides:
 * a form the notes use is added to the typed words' groups as another
 * spelling of them (it weighs what a translation weighs), so the section
 * written the other way is found too, and the one written as typed still
 * wins a tie. Nothing is added where the notes lack the other form.
 */
export function withNameVariants(groups: QueryGroup[], question: string, corpus: Corpus): QueryGroup[] {
  const variants = new Map<string, string[]>();
  const add = (typed: string, variant: string[]) => variants.set(typed, [...(variants.get(typed) ?? []), ...variant]);
  const known = (token: string | undefined): token is string => token !== undefined && corpus.sectionsWith(token) > 0;

  for (const [, name, version] of question.matchAll(APART)) {
    const joined = oneToken(`${name}${version}`, corpus);
    if (!known(joined)) continue;
    for (const typed of [oneToken(name!, corpus), oneToken(version!, corpus)]) if (typed) add(typed, [joined]);
  }
  for (const g of groups) {
    for (const typed of g.tokens) {
      if (known(typed)) continue;
      const split = TOGETHER.exec(typed);
      const parts = split ? [oneToken(split[1]!, corpus), oneToken(split[2]!, corpus)] : [];
      if (parts.length > 0 && parts.every(known)) add(typed, parts);
    }
  }
  if (variants.size === 0) return groups;
  return groups.map((g) => {
    const extra = g.tokens.flatMap((t) => variants.get(t) ?? []).filter((t) => !g.tokens.includes(t) && !g.expansions.includes(t));
    // Each variant stands alone, as a translation of its own: a section holding it holds the typed name.
    return withTranslations(
      g,
      [...new Set(extra)].map((t) => [t]),
    );
  });
}

/** The index token a word stands for (its first: "yolov3" is also indexed as its family, "yolov"). */
function oneToken(word: string, corpus: Corpus): string | undefined {
  return corpus.tokenize(word)[0];
}
