// SHA-256 of served recordings, remembered while the file's size and modification time stay the
// same: a player seeking sends many Range requests, and each must not re-read the whole file.
import crypto from 'node:crypto';
import fs from 'node:fs';

export class ChecksumCache {
  private readonly known = new Map<string, { size: number; mtimeMs: number; sha256: string }>();

  async sha256(file: string): Promise<string> {
    const stat = await fs.promises.stat(file);
    const hit = this.known.get(file);
    if (hit && hit.size === stat.size && hit.mtimeMs === stat.mtimeMs) return hit.sha256;
    const hash = crypto.createHash('sha256');
    for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
    const sha256 = hash.digest('hex');
    if (this.known.size > 1000) this.known.clear();
    this.known.set(file, { size: stat.size, mtimeMs: stat.mtimeMs, sha256 });
    return sha256;
  }
}
