/** Questions longer than this are refused: a paragraph is not a question, and BM25 over it matches everything. */
export const MAX_QUESTION_CHARS = 1000;

export type QuestionCheck = { ok: true; question: string } | { ok: false; error: string };

/** Cleans a question and says plainly what is wrong with it, if anything. */
export function checkQuestion(raw: string): QuestionCheck {
  // Control characters and U+FFFD come from pasted binary junk; they can only confuse the analyzer.
  const question = raw
    .replace(/[\p{Cc}\ufffd]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!question) return { ok: false, error: 'The question is empty. Ask about a concept, e.g. "what is focal loss".' };
  if (question.length > MAX_QUESTION_CHARS) {
    return {
      ok: false,
      error: `The question is ${question.length} characters long; the limit is ${MAX_QUESTION_CHARS}. Ask about one concept at a time.`,
    };
  }
  if (!/[\p{L}\p{N}]/u.test(question)) return { ok: false, error: 'The question has no words to search for.' };
  return { ok: true, question };
}
