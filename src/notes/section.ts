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

/**
 * A heading as words, without its outline number: "3.4.12 为什么…" and
 * "2. variable" are about 为什么… and "variable". The number places a section
 * in its note; as words it matched every question with a digit or a number
 * word in it ("explain GANs like I'm five" met "7.1.5"). Citations keep the
 * heading as written.
 */
export function headingWords(heading: string): string {
  return heading.replace(OUTLINE_NUMBER, '').replace(CREDIT, '');
}

/** A heading path as words, each heading without its outline number: what the index and ranking read of it. */
export function headingPathWords(headingPath: readonly string[]): string {
  return headingPath.map(headingWords).join(' ');
}

/** A bracketed credit after a heading: "8.2.7 DetNet（贡献者：北京理工大学--明奇）" is about DetNet, not its author. */
const CREDIT = /\s*[（(]\s*(?:贡献者|作者|整理|contributors?|authors?|credits?)\s*[:：][^）)]*[）)]\s*/gi;

/** "3.4.12 ", "1.2.", "2. ", "3、": a number of several levels, or one ended by a full stop or 、. */
const OUTLINE_NUMBER = /^\s*(?:\d+(?:\.\d+)+\.?|\d+[.．、])\s*/;
