// A binary min-heap that also knows where each item sits. Callers hang up and agents leave from the
// middle of a line, not only from its head, so removal by key must be O(log n) too.

export class IndexedHeap<T> {
  private readonly items: T[] = [];
  private readonly where = new Map<string, number>();

  constructor(
    private readonly before: (a: T, b: T) => boolean,
    private readonly keyOf: (item: T) => string,
  ) {}

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  has(key: string): boolean {
    return this.where.has(key);
  }

  /** Unordered: for the rare whole-line questions (position, longest wait, statistics). */
  values(): readonly T[] {
    return this.items;
  }

  push(item: T): void {
    const key = this.keyOf(item);
    if (this.where.has(key)) throw new Error(`heap already holds ${key}`);
    this.items.push(item);
    this.place(this.items.length - 1, item);
    this.up(this.items.length - 1);
  }

  pop(): T | undefined {
    const top = this.items[0];
    if (top !== undefined) this.remove(this.keyOf(top));
    return top;
  }

  remove(key: string): T | undefined {
    const index = this.where.get(key);
    if (index === undefined) return undefined;
    const item = this.items[index] as T;
    const last = this.items.pop() as T;
    this.where.delete(key);
    if (index < this.items.length) {
      this.place(index, last);
      this.down(this.up(index));
    }
    return item;
  }

  private at(index: number): T {
    return this.items[index] as T;
  }

  private place(index: number, item: T): void {
    this.items[index] = item;
    this.where.set(this.keyOf(item), index);
  }

  /** Returns where the item came to rest, so remove() can continue downwards from there. */
  private up(index: number): number {
    const item = this.at(index);
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.before(item, this.at(parent))) break;
      this.place(index, this.at(parent));
      index = parent;
    }
    this.place(index, item);
    return index;
  }

  private down(index: number): void {
    const item = this.at(index);
    const n = this.items.length;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && this.before(this.at(right), this.at(left)) ? right : left;
      if (!this.before(this.at(child), item)) break;
      this.place(index, this.at(child));
      index = child;
    }
    this.place(index, item);
  }
}
