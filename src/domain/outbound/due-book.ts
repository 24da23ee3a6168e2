// Tasks waiting for their turn, one heap per trunk ordered by due time (then by arrival), so a tick
// looks only at the heads of the trunks with a free line: O(trunks + dialed · log n), never a scan.
import { IndexedHeap } from '../acd/indexed-heap.js';

interface DueEntry {
  readonly taskId: string;
  readonly dueAt: number;
  readonly seq: number;
}

const before = (a: DueEntry, b: DueEntry): boolean => a.dueAt < b.dueAt || (a.dueAt === b.dueAt && a.seq < b.seq);

export class DueBook {
  private readonly heaps = new Map<string, IndexedHeap<DueEntry>>();
  private seq = 0;

  add(trunk: string, taskId: string, dueAt: number): void {
    let heap = this.heaps.get(trunk);
    if (!heap) {
      heap = new IndexedHeap<DueEntry>(before, (entry) => entry.taskId);
      this.heaps.set(trunk, heap);
    }
    heap.remove(taskId);
    this.seq += 1;
    heap.push({ taskId, dueAt, seq: this.seq });
  }

  remove(trunk: string, taskId: string): void {
    this.heaps.get(trunk)?.remove(taskId);
  }

  /** The earliest task of a trunk due at or before `at`, taken off the book; undefined when none is. */
  takeDue(trunk: string, at: number): { readonly taskId: string; readonly dueAt: number } | undefined {
    const heap = this.heaps.get(trunk);
    const head = heap?.peek();
    if (!heap || !head || head.dueAt > at) return undefined;
    heap.pop();
    return head;
  }

  /** When a trunk's earliest task is due; null when it has none. */
  nextDue(trunk: string): number | null {
    return this.heaps.get(trunk)?.peek()?.dueAt ?? null;
  }

  trunks(): IterableIterator<string> {
    return this.heaps.keys();
  }

  size(trunk: string): number {
    return this.heaps.get(trunk)?.size ?? 0;
  }
}
