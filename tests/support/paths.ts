/** Where the repository and its notes/ folder are, for unit and end-to-end tests alike (imports nothing else). */
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const notesDir = path.join(repoRoot, 'notes');
