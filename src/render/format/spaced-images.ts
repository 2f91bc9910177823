/**
 * Image links whose path has spaces, "![](img/ch8/Mask R-CNN-01.png)": Typora
 * and many blog sources write them so, but CommonMark reads them as text, and
 * a student saw the raw link in the quote. When the path ends in an image
 * extension, its destination is put in angle brackets, which CommonMark reads
 * as one path, spaces and all. Fenced code is left as written.
 */
export function withSpacedImagePaths(markdown: string): string {
  if (!markdown.includes('](')) return markdown;
  let fence: string | null = null;
  return markdown
    .split('\n')
    .map((line) => {
      const opener = /^\s*(?:>\s*)*(```+|~~~+)/.exec(line)?.[1];
      if (opener && (fence === null || opener.startsWith(fence))) {
        fence = fence === null ? opener : null;
        return line;
      }
      return fence === null ? line.replace(SPACED_IMAGE, '![$1](<$2>)') : line;
    })
    .join('\n');
}

/** "![alt](path with spaces.png)": no brackets, parentheses or line break in the path, which has a space and ends in an image extension. */
const SPACED_IMAGE = /!\[([^\]\n]*)\]\(([^()<>\n]*? [^()<>\n]*?\.(?:png|jpe?g|gif|webp|svg|bmp))\)/gi;
