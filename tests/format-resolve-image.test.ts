import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { resolveImage } from '../src/render/format/resolve-image.js';
import { tempDir } from './support/temp-dir.js';

const PNG_BYTES = Buffer.from('89504e470d0a1a0a', 'hex');

/** A notes folder with `ch1/note.md`, `ch1/img/a.png`, `top.png`, and a secret image beside (outside) it. */
function layout() {
  const base = tempDir('studybot-images-');
  const notes = path.join(base, 'notes');
  mkdirSync(path.join(notes, 'ch1', 'img'), { recursive: true });
  writeFileSync(path.join(notes, 'ch1', 'note.md'), '# note');
  writeFileSync(path.join(notes, 'ch1', 'img', 'a.png'), PNG_BYTES);
  writeFileSync(path.join(notes, 'top.png'), PNG_BYTES);
  writeFileSync(path.join(base, 'secret.png'), PNG_BYTES);
  return { base, notes };
}

describe('resolving a section image to a file to attach', () => {
  test('a path relative to the note resolves inside the notes folder', async () => {
    const { notes } = layout();
    const r = await resolveImage({ kind: 'local', path: 'img/a.png', alt: 'a' }, 'ch1/note.md', { notesRoot: notes });
    expect(r).toMatchObject({ kind: 'file', name: 'a.png', bytes: PNG_BYTES.length, alt: 'a' });
    expect(r.kind === 'file' && r.path.endsWith(path.join('ch1', 'img', 'a.png'))).toBe(true);
  });

  test('an Obsidian name is also looked up from the top of the notes folder', async () => {
    const { notes } = layout();
    const r = await resolveImage({ kind: 'local', path: 'top.png', alt: '' }, 'ch1/note.md', { notesRoot: notes });
    expect(r).toMatchObject({ kind: 'file', name: 'top.png' });
  });

  test('a path escaping the notes folder with .. is refused, though the file exists', async () => {
    const { notes } = layout();
    const r = await resolveImage({ kind: 'local', path: '../../secret.png', alt: '' }, 'ch1/note.md', { notesRoot: notes });
    expect(r).toMatchObject({ kind: 'refused', reason: 'outside the notes folder: ../../secret.png' });
  });

  test('a symlink inside the notes folder pointing out of it is refused', async () => {
    const { base, notes } = layout();
    symlinkSync(path.join(base, 'secret.png'), path.join(notes, 'ch1', 'img', 'link.png'));
    symlinkSync(base, path.join(notes, 'outside'));
    const viaFile = await resolveImage({ kind: 'local', path: 'img/link.png', alt: '' }, 'ch1/note.md', { notesRoot: notes });
    const viaFolder = await resolveImage({ kind: 'local', path: 'outside/secret.png', alt: '' }, 'note.md', { notesRoot: notes });
    expect(viaFile.kind).toBe('refused');
    expect(viaFolder.kind).toBe('refused');
  });

  test('an absolute path, a non-image file and a missing file are refused', async () => {
    const { base, notes } = layout();
    const opts = { notesRoot: notes };
    expect(await resolveImage({ kind: 'local', path: path.join(base, 'secret.png'), alt: '' }, 'ch1/note.md', opts)).toMatchObject({
      kind: 'refused',
    });
    expect(await resolveImage({ kind: 'local', path: 'note.md', alt: '' }, 'ch1/note.md', opts)).toMatchObject({
      kind: 'refused',
      reason: 'not an image file: note.md',
    });
    expect(await resolveImage({ kind: 'local', path: 'img/none.png', alt: '' }, 'ch1/note.md', opts)).toMatchObject({
      kind: 'refused',
      reason: 'not found: img/none.png',
    });
  });

  test('a file over the size limit is refused', async () => {
    const { notes } = layout();
    const r = await resolveImage({ kind: 'local', path: 'img/a.png', alt: '' }, 'ch1/note.md', { notesRoot: notes, maxBytes: 4 });
    expect(r).toMatchObject({ kind: 'refused', reason: `img/a.png is ${PNG_BYTES.length} bytes, over 4` });
  });

  test('remote images are returned as links; other schemes are refused', async () => {
    const { notes } = layout();
    expect(await resolveImage({ kind: 'remote', url: 'https://example.com/a.png', alt: 'x' }, 'n.md', { notesRoot: notes })).toEqual({
      kind: 'link',
      url: 'https://example.com/a.png',
      alt: 'x',
    });
    expect((await resolveImage({ kind: 'remote', url: 'ftp://example.com/a.png', alt: '' }, 'n.md', { notesRoot: notes })).kind).toBe(
      'refused',
    );
  });
});
