#!/usr/bin/env node
/**
 * Latency of the real bot against the fake Discord (run `npm run build` first):
 *
 *   node scripts/bench-discord.mjs [--n 50] [--burst]
 *
 * Starts tests/support/fake-discord.ts (transpiled on the fly with the
 * project's TypeScript: no extra tooling) and `node dist/bot/main.js` with
 * EMBEDDING_MODEL=none unless set, then sends N /ask interactions, each from
 * its own user (cooldowns are per user), and measures from the moment the
 * interaction is dispatched on the gateway to the moment the fake records
 *   ack    — the deferral callback (Discord's 3 s deadline applies to this), and
 *   answer — the PATCH @original carrying the answer.
 * Sequential by default (latency of one question); --burst sends all at once
 * (queueing under load).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import ts from 'typescript';
import { percentile } from '../dist/bench/stats.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { n: { type: 'string', default: '50' }, burst: { type: 'boolean', default: false } } });
const N = Number(values.n);

const QUESTIONS = [
  'what is focal loss',
  'what is FPN',
  'how does RoI pooling work',
  'what is knowledge distillation',
  'what is the temperature in distillation',
  'why does DETR not need NMS',
  'what is bipartite matching',
  'what is a transposed convolution',
  'what is the pyramid pooling module',
  'what is polar representation in PolarMask',
  'what is an anchor box',
  'what is backpropagation',
  'what is weight sharing in CNNs',
  'how to prevent overfitting',
  'what is a virtual function',
  'const pointer vs pointer to const',
  'what is operator overloading',
  '什么是焦点损失',
  '特征金字塔网络的侧向连接',
  '知识蒸馏中的软目标',
];

async function loadFake() {
  // Emit next to node_modules so the transpiled module resolves `ws` like the TypeScript original.
  const source = readFileSync(path.join(repo, 'tests/support/fake-discord.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  const dir = path.join(repo, 'node_modules/.cache/studybot');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'fake-discord.mjs');
  writeFileSync(file, outputText);
  return import(pathToFileURL(file).href);
}

const summary = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return `median ${percentile(s, 50).toFixed(1)} ms, p95 ${percentile(s, 95).toFixed(1)} ms, max ${s[s.length - 1].toFixed(1)} ms`;
};

const { startFakeDiscord } = await loadFake();
const fake = await startFakeDiscord();
const dataDir = mkdtempSync(path.join(tmpdir(), 'studybot-bench-'));
const token = `${Buffer.from(fake.botUserId).toString('base64')}.bench.not-a-real-token`;
const bot = spawn(process.execPath, [path.join(repo, 'dist/bot/main.js')], {
  cwd: dataDir,
  env: {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DISCORD_TOKEN: token,
    DISCORD_CLIENT_ID: fake.applicationId,
    DISCORD_GUILD_ID: fake.guildId,
    DISCORD_API_URL: fake.apiBase,
    NOTES_DIR: path.join(repo, 'notes'),
    DATA_DIR: dataDir,
    EMBEDDING_MODEL: process.env.EMBEDDING_MODEL ?? 'none',
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});

try {
  const t0 = Date.now();
  // The commands are registered just before login; IDENTIFY means the gateway is up.
  await fake.waitForIdentify(60_000);
  await new Promise((r) => setTimeout(r, 300)); // let discord.js process READY + GUILD_CREATE
  process.stderr.write(`bot up in ${Date.now() - t0} ms; sending ${N} /ask ${values.burst ? 'at once' : 'one after another'}\n`);

  const ask = (i) => {
    const user = { id: String(200000000000001000n + BigInt(i)), username: `bench${i}` };
    const sentAtMs = Date.now();
    const { id, token: itoken } = fake.sendCommand({
      name: 'ask',
      user,
      options: [{ type: 3, name: 'question', value: QUESTIONS[i % QUESTIONS.length] }],
    });
    return (async () => {
      const callback = await fake.waitForRequest((r) => r.method === 'POST' && r.path === `/interactions/${id}/${itoken}/callback`, 30_000);
      const edit = await fake.waitForRequest(
        (r) => r.method === 'PATCH' && r.path === `/webhooks/${fake.applicationId}/${itoken}/messages/@original`,
        30_000,
      );
      // Recorded `at` is ms wall clock, so the start is taken on the same clock.
      return { ack: callback.at - sentAtMs, answer: edit.at - sentAtMs };
    })();
  };

  const results = [];
  if (values.burst) results.push(...(await Promise.all(Array.from({ length: N }, (_, i) => ask(i)))));
  else for (let i = 0; i < N; i++) results.push(await ask(i));

  console.log(`/ask × ${N} (${values.burst ? 'burst' : 'sequential'}, EMBEDDING_MODEL=${process.env.EMBEDDING_MODEL ?? 'none'})`);
  console.log(`  ack    (interaction → deferral recorded): ${summary(results.map((r) => r.ack))}`);
  console.log(`  answer (interaction → PATCH @original):   ${summary(results.map((r) => r.answer))}`);
} finally {
  bot.kill('SIGTERM');
  await new Promise((r) => bot.once('exit', r));
  await fake.close();
  rmSync(dataDir, { recursive: true, force: true });
}
