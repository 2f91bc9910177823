import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { PermissionFlagsBits, PermissionsBitField } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { inviteUrl, invitePermissions } from '../src/bot/invite.js';
import { repoRoot } from './support/paths.js';

describe('the invite link', () => {
  it('asks for the bot and slash-command scopes and exactly the channel permissions the features use', () => {
    const url = new URL(inviteUrl('100000000000000001'));
    expect(url.origin + url.pathname).toBe('https://discord.com/oauth2/authorize');
    expect(url.searchParams.get('client_id')).toBe('100000000000000001');
    expect(url.searchParams.get('scope')).toBe('bot applications.commands');
    const granted = new PermissionsBitField(BigInt(url.searchParams.get('permissions')!));
    expect(granted.toArray().sort()).toEqual(['AttachFiles', 'EmbedLinks', 'SendMessages', 'ViewChannel']);
    expect(granted.has(PermissionFlagsBits.Administrator)).toBe(false);
    expect(invitePermissions()).toBe(52224n);
  });

  it('`npm run invite` prints it for DISCORD_CLIENT_ID, and explains a missing or malformed id', () => {
    const run = (clientId: string | undefined) =>
      spawnSync(process.execPath, [path.join(repoRoot, 'dist/bot/invite-cli.js')], {
        // An empty folder: no .env there to fill in DISCORD_CLIENT_ID behind the test's back.
        cwd: path.join(repoRoot, 'tests'),
        env: { PATH: process.env.PATH, ...(clientId === undefined ? {} : { DISCORD_CLIENT_ID: clientId }) },
        encoding: 'utf8',
      });
    const ok = run('100000000000000001');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('client_id=100000000000000001');
    expect(ok.stdout).toContain('permissions=52224');
    const missing = run(undefined);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/DISCORD_CLIENT_ID is not set.*Application ID/);
    expect(run('my-bot').stderr).toMatch(/"my-bot" is not a Discord id/);
  });
});
