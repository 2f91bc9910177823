/**
 * Where a section sits: its note and its heading path. The parts of a long
 * section (one chunk each) share it.
 */
export interface Section {
  readonly file: string;
  readonly headingPath: readonly string[];
}

/**
 * One string per section, for sets and maps. A heading never holds a line
 * break or U+001F, so two sections never share a key. It is also the hash
 * input of the section half of a chunk id (notes/chunk.ts), and chunk ids are
 * persisted (index, quiz history): changing this string re-ids every chunk.
 */
export function sectionKey(section: Section): string {
  return `${section.file}\n${section.headingPath.join('\u001f')}`;
}
