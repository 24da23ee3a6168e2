// What each agent's desktop shows of a call (the screen pop, and the call's end with its ticket while
// the agent wraps up), copied to Redis by the server that runs the call, so a desktop connected to
// another server of the cluster gets it back when it asks for its state (a reload, a reconnect).
// One key per agent, lapsing after a working shift in case no server clears it.
import type { AgentDesk, SharedDesks } from './shared-desks.js';
import type { RedisConnection } from '../redis/open-redis.js';
import { redisErrorOf } from '../redis/redis-error.js';

const LIVES_MS = 12 * 3_600_000;

export class RedisAgentDesks implements SharedDesks {
  constructor(
    private readonly redis: RedisConnection,
    private readonly url: string,
    private readonly prefix = 'desk:',
  ) {}

  async save(agentId: string, desk: AgentDesk | null): Promise<void> {
    try {
      if (desk === null) await this.redis.del(this.prefix + agentId);
      else await this.redis.set(this.prefix + agentId, JSON.stringify(desk), { expiration: { type: 'PX', value: LIVES_MS } });
    } catch (error) {
      throw redisErrorOf(error, this.url, "saving an agent's desk");
    }
  }

  async read(agentId: string): Promise<AgentDesk | null> {
    let text: string | null;
    try {
      text = await this.redis.get(this.prefix + agentId);
    } catch (error) {
      throw redisErrorOf(error, this.url, "reading an agent's desk");
    }
    return text === null ? null : (JSON.parse(text) as AgentDesk);
  }
}
