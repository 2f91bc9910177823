/**
 * Bump when chunk boundaries, ids or titles change, so old indexes are rebuilt.
 * A module of its own so that opening an index does not load the Markdown parser.
 */
export const CHUNKER_VERSION = 12;
