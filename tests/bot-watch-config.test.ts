/** The bot's settings for live re-index (WATCH_NOTES) and citation links (NOTES_URL). */
import { describe, expect, it } from 'vitest';
import { parseBotConfig } from '../src/bot/config.js';

const valid = { DISCORD_TOKEN: 'MTAwMDAwMDAwMDAwMDAwMDAx.GzK3xQ.secret-part-of-the-token', DISCORD_CLIENT_ID: '100000000000000001' };

describe('WATCH_NOTES', () => {
  it('is on by default (also when empty) and reads true/false, yes/no, on/off, 1/0', () => {
    expect(parseBotConfig(valid)).toMatchObject({ ok: true, config: { watchNotes: true } });
    expect(parseBotConfig({ ...valid, WATCH_NOTES: ' ' })).toMatchObject({ ok: true, config: { watchNotes: true } });
    for (const off of ['false', 'FALSE', 'no', 'off', '0'])
      expect(parseBotConfig({ ...valid, WATCH_NOTES: off })).toMatchObject({ ok: true, config: { watchNotes: false } });
    for (const on of ['true', 'yes', 'on', '1'])
      expect(parseBotConfig({ ...valid, WATCH_NOTES: on })).toMatchObject({ ok: true, config: { watchNotes: true } });
  });

  it('refuses anything else, naming the variable', () => {
    const result = parseBotConfig({ ...valid, WATCH_NOTES: 'sometimes' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain('WATCH_NOTES must be true or false');
  });
});

describe('NOTES_URL', () => {
  it('is unset by default: citations stay plain text', () => {
    expect(parseBotConfig(valid)).toMatchObject({ ok: true, config: { notesUrl: null } });
  });

  it('reads a template or "obsidian"', () => {
    expect(parseBotConfig({ ...valid, NOTES_URL: 'https://github.com/you/notes/blob/{commit}/{path}#L{start}-L{end}' })).toMatchObject({
      ok: true,
      config: { notesUrl: { kind: 'template', template: 'https://github.com/you/notes/blob/{commit}/{path}#L{start}-L{end}' } },
    });
    expect(parseBotConfig({ ...valid, NOTES_URL: 'obsidian' })).toMatchObject({
      ok: true,
      config: { notesUrl: { kind: 'obsidian', vault: null } },
    });
  });

  it('refuses a malformed template with how to write one, alongside other problems', () => {
    const result = parseBotConfig({ ...valid, NOTES_URL: 'https://x.example/{file}', WATCH_NOTES: 'maybe' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toContain('NOTES_URL must be "obsidian"');
      expect(result.message).toContain('{file}');
      expect(result.message).toContain('WATCH_NOTES must be');
    }
  });
});
