/** A display formula lifted out of a section, to be drawn as an image or shown as code. */
export interface DisplayFormula {
  /** 0-based position among the section's display formulas. */
  index: number;
  /** The TeX source, without `$$` delimiters and without its `\tag{…}`. */
  tex: string;
  /** The formula's own number from `\tag{5-1}`, which the note's prose may cite; else it is numbered by position. */
  tag?: string;
  /** The placeholder standing where the formula was in `FormattedSection.text`. */
  marker: string;
}

/** An image a section shows, in order of appearance. */
export type ImageRef =
  /** `path` as written in the note (relative to the note's folder or the notes root); resolve it before reading. */
  { kind: 'local'; path: string; alt: string } | { kind: 'remote'; url: string; alt: string };

export interface FormattedSection {
  /**
   * Discord Markdown: inline math as Unicode (or code when not faithful),
   * tables aligned, HTML and footnotes as text. Each display formula is a
   * marker until `placeFormulas` decides between its number and a code block.
   */
  text: string;
  formulas: DisplayFormula[];
  images: ImageRef[];
}

export interface FormatOptions {
  /** Widest table (in monospace columns, CJK counted double) shown as a grid; wider ones become lists. */
  tableColumns?: number;
}
