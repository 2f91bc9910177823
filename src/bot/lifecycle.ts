import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, type Interaction } from 'discord.js';
import type { BotConfig } from './config.js';
import { FatalGatewayClose, isFatalCloseCode } from './gateway-close.js';
import { InFlight, settlesWithin } from './in-flight.js';
import type { BotLogger } from './logger.js';

/** How long shutdown waits for answers in progress (and for work such as a daily post being sent). */
const DRAIN_TIMEOUT_MS = 10_000;

/**
 * The client's default for every message it sends (discord.js applies it when a
 * message sets none): quoted notes or questions must never ping @everyone, roles or users.
 */
const NO_MENTIONS = { parse: [] as [] };

/** The Discord client with the bot's defaults. */
export function createClient(config: Pick<BotConfig, 'apiUrl'>): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: NO_MENTIONS,
    ...(config.apiUrl ? { rest: { api: config.apiUrl } } : {}),
  });
}

export interface LifecycleHooks {
  /** Does the work of one interaction; never throws (see handleInteraction). */
  handle(interaction: Interaction): Promise<void>;
  /** Answers an interaction that arrives while shutting down. */
  refuse(interaction: Interaction): Promise<void>;
  /** Stops background work (timers, the daily scheduler); resolves when work in progress is done (waited for up to the drain timeout). */
  stopWork(): Promise<void>;
  /** Closes what outlives the client (database, index), after it disconnected. */
  release(): void;
}

/**
 * Start, ready and shutdown of a connected bot: the gateway listeners, the
 * interactions in flight, and the order things stop in. Built around a client
 * that is not logged in yet; everything the bot does is passed in as hooks.
 */
export class BotLifecycle {
  private readonly inFlight = new InFlight();
  private accepting = true;
  private stopping: Promise<void> | null = null;
  private failWith: (err: FatalGatewayClose) => void = () => {};
  private closedWith: FatalGatewayClose | null = null;
  /** Settles when the gateway closed for good: the process should stop and exit non-zero. */
  readonly fatal: Promise<FatalGatewayClose>;

  constructor(
    readonly client: Client,
    private readonly logger: BotLogger,
    private readonly hooks: LifecycleHooks,
  ) {
    this.fatal = new Promise((resolve) => {
      this.failWith = resolve;
    });
    client.on(Events.InteractionCreate, (interaction) => {
      // Each interaction runs on its own; nothing here awaits, so a slow answer never holds up the gateway.
      this.inFlight.track(this.accepting ? hooks.handle(interaction) : hooks.refuse(interaction));
    });
    client.on(Events.Error, (err) => logger.error({ err }, 'discord client error'));
    client.on(Events.Warn, (message) => logger.warn({ message }, 'discord client warning'));
    client.on(Events.ShardResume, (shardId) => logger.info({ shardId }, 'gateway resumed'));
    client.on(Events.ShardDisconnect, (event, shardId) => {
      logger.warn({ code: event.code, shardId }, 'gateway disconnected');
      if (isFatalCloseCode(event.code) && !this.closedWith) {
        this.closedWith = new FatalGatewayClose(event.code);
        this.failWith(this.closedWith);
      }
    });
  }

  /** Logs in and resolves once Discord says the bot is ready; rejects when the gateway refuses it for good. */
  async connect(token: string): Promise<void> {
    const ready = Promise.all([once(this.client, Events.ClientReady), this.client.login(token)]);
    const refused = this.fatal.then((err) => Promise.reject(err));
    try {
      await Promise.race([ready, refused]);
    } catch (err) {
      // discord.js may also fail the login its own way; the close code says more about what to fix.
      throw this.closedWith ?? err;
    }
    this.logger.info({ user: this.client.user?.tag, guilds: this.client.guilds.cache.size }, 'ready');
  }

  /** Stops taking new work, lets in-flight answers finish, then disconnects and releases the rest. Idempotent. */
  stop(reason: string): Promise<void> {
    this.stopping ??= (async () => {
      this.accepting = false;
      this.logger.info({ reason, inFlight: this.inFlight.size }, 'shutting down');
      // Background work may finish (as long as answers may) before the client and database go.
      const workStopped = settlesWithin(this.hooks.stopWork(), DRAIN_TIMEOUT_MS);
      const finished = await this.inFlight.drain(DRAIN_TIMEOUT_MS);
      if (!finished) this.logger.warn({ inFlight: this.inFlight.size }, 'gave up waiting for answers in progress');
      if (!(await workStopped)) this.logger.warn('gave up waiting for the daily post in progress');
      await this.client.destroy();
      this.hooks.release();
      this.logger.info('stopped');
    })();
    return this.stopping;
  }

  /** After a failed start: disconnect and release without waiting for anything. */
  async abort(): Promise<void> {
    this.accepting = false;
    await this.client.destroy().catch(() => {});
    this.hooks.release();
  }
}
