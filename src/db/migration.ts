/**
 * One step of the database schema. `id` is the `user_version` a database has
 * once the step has run, so ids are frozen: a database out in the wild records
 * the id of the last step it ran, and a step's id must never change or be reused.
 * A feature adds a step by giving it the next free id; it never edits a released one.
 */
export interface Migration {
  readonly id: number;
  /** `feature: what the step adds`, for the log. */
  readonly name: string;
  readonly sql: string;
}

/**
 * The steps in the order they run (by id). Throws unless the ids are exactly
 * 1, 2, ..., n: a gap or a repeat would make `user_version` mean different
 * schemas to different builds.
 */
export function orderedMigrations(steps: readonly Migration[]): readonly Migration[] {
  const ordered = [...steps].sort((a, b) => a.id - b.id);
  ordered.forEach((step, i) => {
    if (step.id !== i + 1) {
      const ids = ordered.map((s) => s.id).join(', ');
      throw new Error(`Migration ids must be 1..${ordered.length} with no gap or repeat; got ${ids} (at "${step.name}").`);
    }
  });
  return ordered;
}
