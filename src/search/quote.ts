import { splitSentences } from '../text/sentences.js';

export const QUOTE_MAX_CHARS = 600;

/** A span of the section that must be quoted whole or not at all. */
interface Unit { text: string; score: number }

/**
 * Picks the most relevant passage of a section: the run of consecutive
 * sentences (code and display-math blocks count as one) of at most `maxChars`
 * with the most query weight, earlier runs winning ties so a definition at the
 * top of a section is preferred. Never cuts inside a sentence, formula or code
 * block unless a single one is longer than the limit.
 */
export function bestPassage(text: string, weightOf: (unit: string) => number, maxChars = QUOTE_MAX_CHARS): string {
  const units = toUnits(text).map((u) => ({ text: u, score: weightOf(u) }));
  if (units.length === 0) return '';
  // A passage starts at a sentence that matters (if any does), then runs on
  // as far as the limit allows, so the quote reads as context, not a fragment.
  const anyRelevant = units.some((u) => u.score > 0);
  let best = { start: 0, end: 1, score: -1 };
  for (let start = 0; start < units.length; start++) {
    if (anyRelevant && units[start]!.score <= 0) continue;
    let length = 0;
    let score = 0;
    let end = start;
    while (end < units.length && (end === start || length + units[end]!.text.length <= maxChars)) {
      length += units[end]!.text.length;
      score += units[end]!.score;
      end++;
    }
    if (score > best.score + 1e-9) best = { start, end, score };
  }
  const passage = joinUnits(units.slice(best.start, best.end));
  return passage.length <= maxChars ? passage : truncate(passage, maxChars);
}

/** Splits Markdown into blocks at blank lines, keeping fenced code and $$ math whole, then prose into sentences. */
function toUnits(text: string): string[] {
  const blocks: string[] = [];
  let current: string[] = [];
  let fence: string | null = null;
  const flush = () => {
    if (current.length) blocks.push(current.join('\n'));
    current = [];
  };
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (fence) {
      current.push(line);
      if (trimmed.startsWith(fence)) { fence = null; flush(); }
      continue;
    }
    const opener = /^(```+|~~~+|\$\$)/.exec(trimmed);
    if (opener && !(opener[1] === '$$' && trimmed.length > 2 && trimmed.endsWith('$$'))) {
      flush();
      fence = opener[1]!;
      current.push(line);
      continue;
    }
    if (!trimmed) { flush(); continue; }
    current.push(line);
  }
  flush();
  const units: string[] = [];
  for (const block of blocks) {
    const atomic = /^\s*(```|~~~|\$\$|\|)/.test(block);
    if (atomic) units.push(`${block}\n\n`);
    else {
      const sentences = splitSentences(block).map((s) => s.text);
      // Blocks were separated by blank lines; keep that when sentences are joined back.
      if (sentences.length) sentences[sentences.length - 1] += '\n\n';
      units.push(...sentences);
    }
  }
  return units;
}

function joinUnits(units: Unit[]): string {
  return units.map((u) => u.text).join('').replace(/\n{3,}/g, '\n\n').trim();
}

function truncate(text: string, maxChars: number): string {
  const cut = text.slice(0, maxChars - 1);
  const fenceOpen = (cut.match(/```/g) ?? []).length % 2 === 1;
  return `${cut.trimEnd()}…${fenceOpen ? '\n```' : ''}`;
}
