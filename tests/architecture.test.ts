import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './support/paths.js';

/**
 * The folder graph is the pipeline `notes → text → index → search → render → bot/cli`
 * (README, "Where things are"). These specifications read every import in src/ and
 * fail when the code drifts from that picture.
 */
const srcDir = path.join(repoRoot, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Relative imports of a file (static, dynamic and re-exports), as src-relative paths of .ts files. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [
    ...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?\sfrom\s+'(\.[^']+)'/g),
    ...text.matchAll(/(?:^|\n)\s*import\s+'(\.[^']+)'/g),
    ...text.matchAll(/\bimport\(\s*'(\.[^']+)'\s*\)/g),
  ].map((m) => m[1]!);
  return specifiers.map((s) => path.relative(srcDir, path.resolve(path.dirname(file), s.replace(/\.js$/, '.ts'))));
}

const files = sourceFiles(srcDir).map((f) => path.relative(srcDir, f));
const graph = new Map(files.map((f) => [f, importsOf(path.join(srcDir, f))]));
const folderOf = (file: string) => (file.includes(path.sep) ? file.split(path.sep)[0]! : '.');
const edges = [...graph].flatMap(([from, tos]) => tos.map((to) => ({ from, to, fromDir: folderOf(from), toDir: folderOf(to) })));
const crossing = (fromDirs: string[], toDirs: string[]) =>
  edges.filter((e) => fromDirs.includes(e.fromDir) && toDirs.includes(e.toDir)).map((e) => `${e.from} → ${e.to}`);

const CORE = ['notes', 'text', 'index', 'search', 'concepts', 'quiz', 'daily'];
const ADAPTERS = ['bot', 'cli'];

describe('the import graph', () => {
  it('reads the source tree (a guard against a walker that finds nothing)', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(edges.length).toBeGreaterThan(100);
    for (const { from, to } of edges) expect(graph.has(to), `${from} imports ${to}, which does not exist`).toBe(true);
  });

  it('has no cycles', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (file: string) => {
      state.set(file, 'open');
      stack.push(file);
      for (const next of graph.get(file) ?? []) {
        if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next].join(' → '));
        else if (!state.has(next)) visit(next);
      }
      stack.pop();
      state.set(file, 'done');
    };
    for (const file of files) if (!state.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });

  it('core folders never import the adapters or the renderers', () => {
    expect(crossing(CORE, [...ADAPTERS, 'render'])).toEqual([]);
  });

  it('render/ is a leaf: it never imports the bot or the CLI', () => {
    expect(crossing(['render'], ADAPTERS)).toEqual([]);
  });

  it('search/ reaches the index through its port, never index/ itself', () => {
    expect(crossing(['search'], ['index'])).toEqual([]);
  });

  it('the pipeline flows one way: notes → text → index', () => {
    expect(crossing(['notes'], ['text', 'index', 'search'])).toEqual([]);
    expect(crossing(['text'], ['index', 'search'])).toEqual([]);
    expect(crossing(['index'], ['search'])).toEqual([]);
  });

  it('the bot and the CLI do not import each other', () => {
    expect(crossing(['bot'], ['cli'])).toEqual([]);
    expect(crossing(['cli'], ['bot'])).toEqual([]);
  });
});
