/**
 * Specification for src/quiz/topic.ts (which notes a typed topic means, for
 * `/quiz topic:` and `quiz:sample --topic`) and src/notes/note-file.ts.
 */
import { describe, expect, it } from 'vitest';
import type { QuizConceptBank } from '../src/concepts/bank.js';
import type { Concept } from '../src/concepts/types.js';
import { isNoteFile, withoutNoteExtension } from '../src/notes/note-file.js';
import { conceptsForTopic, notesNamedBy, topicNames } from '../src/quiz/topic.js';

function bankOf(topics: string[]): QuizConceptBank {
  const concepts = topics.map((topic, i) => ({ id: `c${i}`, topic }) as Concept);
  const byTopic = new Map<string, Concept[]>();
  for (const c of concepts) byTopic.set(c.topic, [...(byTopic.get(c.topic) ?? []), c]);
  return { concepts, byId: new Map(concepts.map((c) => [c.id, c])), byTopic, contexts: new Map() };
}

describe('note files', () => {
  it('are .md or .markdown, in any case', () => {
    expect(['a.md', 'cv/B.MD', 'c.markdown', 'd.Markdown'].map(isNoteFile)).toEqual([true, true, true, true]);
    expect(['a.txt', 'a.md.bak', 'md', 'a.mdx'].map(isNoteFile)).toEqual([false, false, false, false]);
  });

  it('lose only the note extension', () => {
    expect(withoutNoteExtension('cv/fcn.md')).toBe('cv/fcn');
    expect(withoutNoteExtension('FPN.Markdown')).toBe('FPN');
    expect(withoutNoteExtension('notes.txt')).toBe('notes.txt');
  });
});

describe('topic names', () => {
  it('a note answers to its file with and without extension and folder, and its title, in lower case', () => {
    expect(topicNames('CV/FCN.md', 'Fully Convolutional')).toEqual(['cv/fcn.md', 'cv/fcn', 'fcn.md', 'fcn', 'fully convolutional']);
    expect(topicNames('fpn.md')).toEqual(['fpn.md', 'fpn']);
  });

  it('exact names win over parts of names; a part may name several notes', () => {
    const notes = [{ file: 'fpn.md' }, { file: 'fpn-extra.md' }, { file: 'cv/fcn.md' }];
    expect(notesNamedBy(notes, ' FPN ')).toEqual({ exact: true, notes: [{ file: 'fpn.md' }] });
    expect(notesNamedBy(notes, 'fcn')).toEqual({ exact: true, notes: [{ file: 'cv/fcn.md' }] });
    expect(notesNamedBy(notes, 'f')).toEqual({ exact: false, notes });
    expect(notesNamedBy(notes, 'extra')).toEqual({ exact: false, notes: [{ file: 'fpn-extra.md' }] });
    expect(notesNamedBy(notes, 'retina')).toEqual({ exact: false, notes: [] });
    expect(notesNamedBy(notes, '   ')).toEqual({ exact: false, notes: [] });
  });

  it('titles count when given', () => {
    expect(
      notesNamedBy(
        [
          { file: 'a.md', title: '特征金字塔' },
          { file: 'b.md', title: '全卷积' },
        ],
        '金字塔',
      ).notes,
    ).toEqual([{ file: 'a.md', title: '特征金字塔' }]);
  });
});

describe('conceptsForTopic', () => {
  const bank = bankOf(['fpn.md', 'fpn-extra.md', 'cv/fcn.md', 'fpn.md']);
  const ids = (topic: string | undefined) => conceptsForTopic(bank, topic).map((c) => c.id);

  it('all concepts without a topic; those of the exactly named note first; else of every note a part names', () => {
    expect(ids(undefined)).toEqual(['c0', 'c1', 'c2', 'c3']);
    expect(ids('fpn')).toEqual(['c0', 'c3']);
    expect(ids('FCN.md')).toEqual(['c2']);
    expect(ids('fpn-')).toEqual(['c1']);
    expect(ids('f')).toEqual(['c0', 'c1', 'c2', 'c3']);
    expect(ids('detr')).toEqual([]);
  });
});
