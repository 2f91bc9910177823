export type ConceptKind = 'model' | 'loss' | 'layer' | 'training' | 'metric' | 'cpp' | 'math' | 'general';
export interface Concept {
  id: string; // stable: hash of file + term (so quiz history survives re-indexing)
  term: string; // display name, e.g. "Focal Loss" or "焦点损失（Focal Loss）"
  aliases: string[]; // other names in either language (English and Chinese)
  definition: string; // the defining passage (1–3 sentences, Markdown kept readable)
  kind: ConceptKind;
  topic: string; // note file, e.g. "retinanet-focal-loss.md"
  source: { file: string; headingPath: string[]; startLine: number; endLine: number };
}
export interface ConceptBank {
  concepts: Concept[];
  byId: Map<string, Concept>;
  byTopic: Map<string, Concept[]>;
}
