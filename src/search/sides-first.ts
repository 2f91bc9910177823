import type { QueryGroup } from '../text/analyzer.js';

export interface RankedId {
  id: string;
  score: number;
  side?: string;
  /** A side's section that speaks of every side: it is quoted for the whole question. */
  comparesSides?: boolean;
}

/** Candidates searched for each side of a comparison, in the question's ranking and in the side's own. */
export const SIDE_CANDIDATES = 20;
/** A side's named sections, in its own search's order, among which the one that defines it answers for it: about what a student reads. */
const DEFINING_CANDIDATES = 3;
/** A heading or a section names a side when it holds at least half of it ("LDA和PCA区别" names both LDA and PCA). */
const SIDE_NAMED = 0.5;

export interface SideSearch {
  /** Chunk ids for one side alone, best first. */
  bestOf(side: string): string[];
  sectionOf(id: string): string;
  /** The note a chunk belongs to. */
  noteOf(id: string): string;
  /** Share of the groups held by the chunk's own heading (the note's title, for its intro). */
  headingShare(id: string, groups: QueryGroup[]): number;
  /** Share of the groups held by the chunk's own heading (none, for a note's intro). */
  ownHeadingShare(id: string, groups: QueryGroup[]): number;
  /** Share of the groups held by the note's title and the chunk's whole heading path. */
  pathShare(id: string, groups: QueryGroup[]): number;
  /** Share of the groups held by where the chunk lives: its note's title and the headings above its own. */
  placeShare(id: string, groups: QueryGroup[]): number;
  /** Share of the groups held by the title of the chunk's note. */
  titleShare(id: string, groups: QueryGroup[]): number;
  /** Share of the groups held by the section's own text. */
  textShare(id: string, groups: QueryGroup[]): number;
  /** The side's subject and the context it names for it ("object queries" in "detr"), or null. */
  placeOf(side: string): { subject: QueryGroup[]; context: QueryGroup[] } | null;
  /** Whether the chunk's own heading says it compares ("比较", "区别", "vs"). */
  comparesInHeading(id: string): boolean;
  /**
   * Whether the chunk's own heading names things it compares and one of them is none the question speaks of:
   * "10.3.2 强化学习和非监督式学习的区别" for "监督学习和半监督学习有什么区别" (强化 is nowhere in the question).
   */
  comparesOtherThings(id: string): boolean;
  sectionsWith(token: string): number;
  /** How plainly the chunk defines what the groups name (search/definition.ts), 0 to 1. */
  defines(id: string, groups: QueryGroup[]): number;
  /** Whether the chunk's own heading answers what the question asks of the sides besides their difference (优点, why). */
  answersAspect(id: string): boolean;
}

/**
 * A comparison answered by one note would show one side only: put the best
 * section of each side first, each labelled with its side, then the rest of
 * the ranking.
 * - When the first section compares the sides, it stays first, labelled with
 *   all of them: its own heading names what tells every side apart ("LDA 和
 *   PCA 区别"; "bottom-up" in "top-down pathway vs bottom-up pathway"), or it
 *   says it compares ("与 FCN、DeepLab 的比较", "批归一化和群组归一化比较") and
 *   its own heading names some of every side or its text at least half of
 *   it, and of a side placed in a note ("FCN 的跳跃结构") its subject as well
 *   (it ranked first for the whole question, so that is evidence enough;
 *   a word of a side in its text or its chapter's title is not:
 *   "MDL、NCNN和 TFLite比较" says "mobile", in the chapter on mobile
 *   deployment, and compares MDL with others, not with Paddle-Mobile).
 *   It steps back behind the sides' own sections when each of those names,
 *   in its own heading, what the question asks of the sides besides their
 *   difference (流程 for "the LDA and PCA procedures") or what the sides are
 *   kinds of ("loss" of "fcn loss vs pspnet's auxiliary loss"), and it does not.
 * - A side's best section is the first, in the question's ranking, of the
 *   side's own note (its title names the side, best of all notes' titles) that speaks of the other
 *   sides too (the RetinaNet note's "单阶段与双阶段检测器的精度差距" names Faster
 *   R-CNN); else
 *   of the first three whose own heading names the side in a search for the
 *   side alone (or that open with its definition under a heading path
 *   naming it), and the first named one past those whose own heading
 *   answers what the question asks of the sides, the one worth most: how plainly it defines the side
 *   (search/definition.ts: its heading names the side and little else, it
 *   opens with the side's definition, or it is the intro of the note named
 *   after it), and as much again when its own heading answers what the
 *   question asks of the sides ("好在哪": "…的优点？"); the search's order
 *   breaks ties; then the first named in the question's ranking; else the
 *   first of the side's search. A side told apart by its first version
 *   ("mobilenet v1" beside "mobilenet v2") is named by the bare name too,
 *   in a heading that says no other side's version ("17.9.2 MobileNet").
 *   Of a side's defining candidates, one in a note where another side was
 *   found answers for it when its pick is in no such note: 剪枝 beside 低秩分解
 *   is "17.4.2 网络剪枝" of the chapter on compression, not the decision
 *   trees' "2.17.7 剪枝处理的作用及策略", which defines the word more plainly.
 * - A side's section that speaks of every other side comes before one that
 *   speaks of its own side only, quoted for the whole question: it reads as
 *   the answer (unless every side's does: they only refer to one another).
 */
export function sidesFirst(ranking: RankedId[], sideGroups: Map<string, QueryGroup[]>, search: SideSearch): RankedId[] {
  const sides = [...sideGroups.keys()];
  const picked: RankedId[] = [];
  const sections = new Set<string>();
  const free = (id: string) => !sections.has(search.sectionOf(id));
  const scoreOf = (id: string) => ranking.find((r) => r.id === id)?.score ?? 0;
  const take = (id: string, side: string) => {
    picked.push({ id, score: scoreOf(id), side });
    sections.add(search.sectionOf(id));
  };
  const top = ranking[0];
  // Each side's defining candidates, when its pick was one of them.
  const definedAmong = new Map<string, Candidate[]>();
  const own = new Map(sides.map((side) => [side, distinctive(side, sideGroups, search)]));
  const others = (side: string) => sides.filter((s) => s !== side).map((s) => own.get(s)!);
  const shared = new Map(sides.map((side) => [side, sharedPart(side, sideGroups, own.get(side)!)]));
  const speaksOf = (id: string, groups: QueryGroup[][]) => groups.every((g) => search.textShare(id, g) >= SIDE_NAMED);
  const headingNamesAll = (id: string) => sides.every((side) => search.headingShare(id, own.get(side)!) >= SIDE_NAMED);
  // A side placed in a note ("FCN 的跳跃结构") is named by its subject, not only by the note that places it.
  const subjects = new Map(sides.map((side) => [side, search.placeOf(side)?.subject]));
  const saysItCompares = (id: string) =>
    search.comparesInHeading(id) &&
    !search.comparesOtherThings(id) &&
    sides.every((side) => {
      const names = (g: QueryGroup[]) => search.ownHeadingShare(id, g) > 0 || search.textShare(id, g) >= SIDE_NAMED;
      const subject = subjects.get(side);
      return names(own.get(side)!) && (!subject || names(subject));
    });
  if (top && (headingNamesAll(top.id) || saysItCompares(top.id))) take(top.id, sides.join(' / '));
  const inQuestion = () =>
    ranking
      .slice(0, SIDE_CANDIDATES)
      .map((r) => r.id)
      .filter(free);
  const context: SideContext = { sideGroups, search, own, shared, others, speaksOf, free, inQuestion };
  for (const side of sides) {
    const { best, candidates } = pickForSide(side, context);
    if (best) take(best, side);
    if (candidates.length > 0) definedAmong.set(side, candidates);
  }
  // A side's words may name sections in several notes (剪枝 prunes decision trees in 第二章 and networks in 第十七章
  // on model compression): of its defining candidates, one in a note where another side was found is the one the
  // question compares, though another defines the word more plainly.
  for (const pick of picked) {
    const candidates = definedAmong.get(pick.side!);
    if (!candidates) continue;
    const otherNotes = new Set(picked.filter((p) => p !== pick).map((p) => search.noteOf(p.id)));
    if (otherNotes.has(search.noteOf(pick.id))) continue;
    const taken = new Set(picked.map((p) => search.sectionOf(p.id)));
    const near = mostWorth(candidates.filter((c) => otherNotes.has(search.noteOf(c.id)) && !taken.has(search.sectionOf(c.id))));
    if (near) Object.assign(pick, { id: near.id, score: scoreOf(near.id) });
  }
  // A comparing section answers for the sides only as well as their own sections do: when every side's section
  // names in its own heading what the question asks of them and it does not ("LDA和PCA区别" for "the LDA and PCA
  // procedures": "2.14.4 LDA算法流程总结"), or what the sides are kinds of ("与 FCN、DeepLab 的比较" for "the fcn
  // loss vs pspnet's auxiliary loss": "逐像素损失…", "辅助损失…"), each side's own section comes first.
  const whole = picked[0]?.side?.includes(' / ') ? picked[0] : undefined;
  const sidePicks = picked.filter((p) => p !== whole);
  if (whole && sidePicks.length === sides.length) {
    const everySide = (holds: (p: RankedId) => boolean) => sidePicks.every(holds);
    const ownAspect = (p: RankedId) => search.answersAspect(p.id);
    const common = commonParts(sideGroups);
    const ownKind = (id: string, side: string) => search.ownHeadingShare(id, common.get(side)!) > 0;
    const aspectElsewhere = !ownAspect(whole) && everySide(ownAspect);
    const kindElsewhere =
      sides.every((side) => common.get(side)!.length > 0 && !ownKind(whole.id, side)) && everySide((p) => ownKind(p.id, p.side!));
    if (aspectElsewhere || kindElsewhere) picked.splice(0, 1);
  }
  for (const p of picked) p.comparesSides = p.side!.includes(' / ') || speaksOf(p.id, others(p.side!));
  // Sections that all speak of each other merely refer to one another: none of them is the comparison.
  if (picked.every((p) => p.comparesSides && !p.side!.includes(' / '))) for (const p of picked) p.comparesSides = false;
  const ordered = [...picked.filter((p) => p.comparesSides), ...picked.filter((p) => !p.comparesSides)];
  const ids = new Set(picked.map((p) => p.id));
  return [...ordered, ...ranking.filter((r) => !ids.has(r.id))];
}

/** What picking each side's section reads: the sides, their words, the search, and the sections already taken. */
interface SideContext {
  sideGroups: Map<string, QueryGroup[]>;
  search: SideSearch;
  /** What tells each side apart (distinctive). */
  own: ReadonlyMap<string, QueryGroup[]>;
  /** What each side shares with the others (sharedPart). */
  shared: ReadonlyMap<string, QueryGroup[]>;
  /** What tells the other sides apart. */
  others: (side: string) => QueryGroup[][];
  /** Whether a section's text holds at least half of each of these sides. */
  speaksOf: (id: string, groups: QueryGroup[][]) => boolean;
  /** Whether a section is still free: no side's pick, nor the comparing section, is in it. */
  free: (id: string) => boolean;
  /** The question's first candidates, in its ranking, that are still free. */
  inQuestion: () => string[];
}

/**
 * One side's best section (see sidesFirst): the one placed where the side
 * says, or its own note's section that speaks of the other sides, or the
 * defining candidate worth most, or the first named in the question's
 * ranking, or the first of its own search; with its defining candidates,
 * when it was chosen among them.
 */
function pickForSide(side: string, context: SideContext): { best: string | undefined; candidates: Candidate[] } {
  const { sideGroups, search, own, shared, others, speaksOf, free, inQuestion } = context;
  const sides = [...sideGroups.keys()];
  // Half the side, and in its path some of what tells it apart and some of what the sides share:
  // "特征蒸馏与注意力蒸馏" names 注意力 of 交叉注意力, not 交叉; "cross entropy" names cross, not attention.
  const namedWithItsVersion = (id: string) =>
    search.headingShare(id, sideGroups.get(side)!) >= SIDE_NAMED &&
    search.pathShare(id, own.get(side)!) > 0 &&
    (shared.get(side)!.length === 0 || search.pathShare(id, shared.get(side)!) > 0);
  // "mobilenet v1 vs mobilenet v2": notes name a first version by the bare name ("17.9.2 MobileNet"), so a heading
  // naming the name and no other side's version names v1, and "17.9.5 ShuffleNet-v1" does not.
  const firstVersion = isFirstVersion(own.get(side)!) && shared.get(side)!.length > 0;
  const namedBare = (id: string) =>
    firstVersion &&
    search.ownHeadingShare(id, shared.get(side)!) >= SIDE_NAMED &&
    sides.every((other) => other === side || search.ownHeadingShare(id, own.get(other)!) === 0);
  const named = (id: string) => namedWithItsVersion(id) || namedBare(id);
  // A section whose own heading names another side and not this one ("6.13.6 Stacked LSTMs" for "bidirectional
  // rnn vs stacked lstm") is that side's, though its note's title (第六章 循环神经网络(RNN)) names this one.
  const namesAnother = (id: string) =>
    search.ownHeadingShare(id, own.get(side)!) < SIDE_NAMED &&
    sides.some((other) => other !== side && search.ownHeadingShare(id, own.get(other)!) >= SIDE_NAMED);
  // The side's own note: its title names more than half of the side. Half is one word of two: the 学习 of
  // "第二章 机器学习基础" does not make it the note on 监督学习.
  const alone = search.bestOf(side).filter(free);
  // Of notes whose titles name the side, the one naming it best: "FPN 特征金字塔网络" is FPN's, and "PSPNet 金字塔场景解析网络",
  // which holds 金字塔 and 网络 of its translation, is not, though it speaks of the other side.
  const titleShare = (id: string) => search.titleShare(id, sideGroups.get(side)!);
  const bestTitle = Math.max(0, ...[...alone, ...inQuestion()].map(titleShare));
  const comparing = (id: string) =>
    titleShare(id) > SIDE_NAMED && titleShare(id) >= bestTitle && speaksOf(id, others(side)) && !namesAnother(id);
  // "object queries in detr": the section of the DETR note whose own heading names object queries, before
  // the note's intro, which its title ties to the side. The context is where the section lives, its note's title
  // and the headings above its own: "11.2.4 基于关系迁移" is no 迁移 placed in 基于模型 for saying 基于 itself.
  const place = search.placeOf(side);
  const inPlace = (id: string) =>
    place !== null && search.placeShare(id, place.context) >= SIDE_NAMED && search.ownHeadingShare(id, place.subject) >= SIDE_NAMED;
  const placed = place ? [...inQuestion(), ...alone].find(inPlace) : undefined;
  // What a side's section is worth: how plainly it defines the side, and as much again when its own heading
  // answers what the question asks of the sides ("ReLU 相比 sigmoid 好在哪": "3.4.6 使用 ReLu 激活函数的优点？").
  const defined = new Map<string, number>();
  const defines = (id: string) => {
    if (!defined.has(id)) defined.set(id, search.defines(id, sideGroups.get(side)!));
    return defined.get(id)!;
  };
  const worth = (id: string) => defines(id) + (search.answersAspect(id) ? 1 : 0);
  // Of the side's first few named sections, the one that defines it: "2.15.1 主成分分析（PCA）思想总结", not
  // "2.15.7 KPCA与PCA的区别", which its own search put first, for the PCA of "feature selection vs PCA".
  // A section under a heading that names the side may define it in its opening sentence ("4.2.1 模型介绍" under
  // "4.2 AlexNet", "AlexNet是…"): it is as good a candidate as one whose own heading names the side.
  // As for a named section, its path names some of what tells the side apart: "2.2.1 监督学习" holds two of the
  // three words of 半监督学习, not its 半.
  const definedUnder = (id: string) =>
    search.pathShare(id, sideGroups.get(side)!) >= SIDE_NAMED && search.pathShare(id, own.get(side)!) > 0 && defines(id) >= 1;
  // A section whose heading compares the side with things the question does not ask about ("17.10.11 MDL、NCNN和
  // TFLite比较" for "ncnn vs qnnpack") is no section of the side's own: picked for it, it would come first for
  // speaking of every side. One comparing the question's own sides ("17.4.1 前端压缩和后端压缩对比") answers for both.
  const comparesOthers = (id: string) => search.comparesInHeading(id) && search.comparesOtherThings(id);
  const ownSection = (id: string) => (named(id) || definedUnder(id)) && !comparesOthers(id);
  const definingCandidates = () => {
    const candidates: string[] = [];
    // Sections, not their parts: a long section's parts would take every place.
    const among = (id: string) => candidates.some((c) => search.sectionOf(c) === search.sectionOf(id));
    for (const id of alone) {
      if (candidates.length === DEFINING_CANDIDATES) break;
      if (!among(id) && ownSection(id)) candidates.push(id);
    }
    // Past those, the first named section whose own heading answers what the question asks of the sides
    // ("what's the difference": "12.1.1 TensorFlow是什么？", fifth in the search for "tensorflow").
    const answering = alone.find((id) => !among(id) && named(id) && !comparesOthers(id) && search.answersAspect(id));
    if (answering) candidates.push(answering);
    return candidates.map((id) => ({ id, worth: worth(id) }));
  };
  const chosen = placed ?? inQuestion().find(comparing);
  const candidates = chosen === undefined ? definingCandidates() : [];
  return { best: chosen ?? mostWorth(candidates)?.id ?? inQuestion().find(named) ?? alone[0], candidates };
}

/** A section that may answer for a side, with what it is worth there (how plainly it defines the side, …). */
interface Candidate {
  id: string;
  worth: number;
}

/** The candidate worth most; the first of equals. */
function mostWorth(candidates: readonly Candidate[]): Candidate | undefined {
  return candidates.reduce<Candidate | undefined>((a, b) => (a === undefined || b.worth > a.worth + 1e-9 ? b : a), undefined);
}

/**
 * What tells a side apart: its groups without the tokens the other sides
 * share ("polar" of "polar centerness" beside "fcos centerness", with its
 * translations but not 中心度), if the notes know any of them; else all of
 * the side's.
 */
function distinctive(side: string, sideGroups: Map<string, QueryGroup[]>, search: SideSearch): QueryGroup[] {
  const otherGroups = [...sideGroups].filter(([s]) => s !== side).flatMap(([, gs]) => gs);
  const others = new Set(otherGroups.flatMap((g) => [...g.tokens, ...g.expansions]));
  const groups = sideGroups.get(side)!;
  const own = groups
    .map((g) => ({
      ...g,
      tokens: g.tokens.filter((t) => !others.has(t)),
      expansions: g.expansions.filter((t) => !others.has(t)),
      guesses: g.guesses.filter((t) => !others.has(t)),
    }))
    .filter((g) => g.tokens.length > 0 || g.expansions.length > 0);
  const known = own.some((g) => [...g.tokens, ...g.expansions].some((t) => search.sectionsWith(t) > 0));
  return known ? own : groups;
}

/** A side told apart from the others by its version only, and that version the first: "v1" of "mobilenet v1". */
function isFirstVersion(distinct: QueryGroup[]): boolean {
  const tokens = distinct.flatMap((g) => g.tokens);
  return tokens.length > 0 && tokens.every((t) => /^v?1$/.test(t));
}

/**
 * What every side is a kind of: each side's words that every other side says
 * too ("loss" of "fcn loss" and "pspnet's auxiliary loss", though the second
 * holds it inside the term "auxiliary loss"), with the translations they share.
 */
function commonParts(sideGroups: Map<string, QueryGroup[]>): Map<string, QueryGroup[]> {
  const words = (groups: QueryGroup[], of: (g: QueryGroup) => string[]) => new Set(groups.flatMap(of));
  const inEvery = (side: string, of: (g: QueryGroup) => string[]) => (t: string) =>
    [...sideGroups].every(([other, groups]) => other === side || words(groups, of).has(t));
  return new Map(
    [...sideGroups].map(([side, groups]) => [
      side,
      groups
        .map((g) => ({
          ...g,
          tokens: g.tokens.filter(inEvery(side, (x) => x.tokens)),
          expansions: g.expansions.filter(inEvery(side, (x) => x.expansions)),
          guesses: [],
        }))
        .filter((g) => g.tokens.length > 0),
    ]),
  );
}

/** What a side shares with the others: its groups that what tells it apart left out (注意力 of 交叉注意力 beside 自注意力). */
function sharedPart(side: string, sideGroups: Map<string, QueryGroup[]>, distinct: QueryGroup[]): QueryGroup[] {
  const apart = new Set(distinct.flatMap((g) => g.tokens));
  return sideGroups.get(side)!.filter((g) => g.tokens.length > 0 && g.tokens.every((t) => !apart.has(t)));
}
