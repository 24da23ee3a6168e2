// One term's postings: the document slots that hold it, ascending, with the term's weighted
// frequency in each. Typed arrays that double when full, so 20,000 articles of a few hundred terms
// each cost a few bytes per posting instead of a JavaScript object each.

export class PostingList {
  slots = new Int32Array(4);
  values = new Float32Array(4);
  length = 0;

  add(slot: number, value: number): void {
    if (this.length === this.slots.length) this.grow();
    this.slots[this.length] = slot;
    this.values[this.length] = value;
    this.length += 1;
  }

  /** Drops the slots `dead` marks; keeps the order. */
  compact(dead: (slot: number) => boolean): void {
    let kept = 0;
    for (let i = 0; i < this.length; i += 1) {
      const slot = this.slots[i] as number;
      if (dead(slot)) continue;
      this.slots[kept] = slot;
      this.values[kept] = this.values[i] as number;
      kept += 1;
    }
    this.length = kept;
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const values = new Float32Array(this.values.length * 2);
    slots.set(this.slots);
    values.set(this.values);
    this.slots = slots;
    this.values = values;
  }
}
