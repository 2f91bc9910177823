import type { KeywordHit } from './corpus.js';

/** What `overviewsDefer` needs to know of a candidate: its note, whether it is the intro, how much of the question it names. */
export interface Outline {
  file: string;
  intro: boolean;
  /** Coverage of the question by the section's own heading, or, for an intro, by the note's title (asked only of one note's). */
  named: () => number;
}

/**
 * A note's intro often reads like a table of contents: it names every topic of
 * the note once, so BM25 and coverage rank it high for a question about any of
 * them, above the section that explains it ("反向传播怎么算" found the intro of
 * the interview notes, which lists 反向传播 among its topics, before
 * "反向传播（Backpropagation）与链式法则"). When a section of the same note, lower
 * in the ranking, has an own heading that names more of the question than the
 * note's title does, the intro only points to it: that section moves up to
 * just before the intro. An intro whose title names the question as well (the
 * FCN note's intro, for "how does FCN work") keeps its place.
 */
export function overviewsDefer(hits: KeywordHit[], outlineOf: (id: string) => Outline | null): KeywordHit[] {
  const outlines = new Map<string, Outline | null>();
  const outline = (id: string) => {
    if (!outlines.has(id)) outlines.set(id, outlineOf(id));
    return outlines.get(id)!;
  };
  const ranked = [...hits];
  for (let i = 0; i < ranked.length; i++) {
    const intro = outline(ranked[i]!.id);
    if (!intro?.intro) continue;
    const introNamed = intro.named();
    const j = ranked.findIndex((h, k) => {
      if (k <= i) return false;
      const o = outline(h.id);
      return o !== null && !o.intro && o.file === intro.file && o.named() > introNamed;
    });
    if (j < 0) continue;
    const [section] = ranked.splice(j, 1);
    // It takes the intro's score, so the fused or printed order stays monotone.
    ranked.splice(i, 0, { ...section!, score: ranked[i]!.score });
    i++;
  }
  return ranked;
}
