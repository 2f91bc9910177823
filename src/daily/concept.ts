/**
 * TEMPORARY local copy of the concept bank's type. src/concepts/types.ts is being
 * written in parallel; once it exists, replace this body with
 *   export type { Concept } from '../concepts/types.js';
 * so src/daily keeps importing from one place.
 */
export interface Concept {
  id: string;
  term: string;
  aliases: string[];
  definition: string;
  kind: string;
  topic: string;
  source: { file: string; headingPath: string[]; startLine: number; endLine: number };
}
