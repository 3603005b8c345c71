/**
 * A socket's set of mailbox sequence numbers (on their way, being acknowledged), in one typed
 * array that only ever grows. A `Set` reallocates its table each time it empties and fills
 * again, which for a socket is once per message; each table then lived until the socket's next
 * message, long enough to survive a scavenge, and copying a thousand sockets' tables was part
 * of every minor GC's pause. Sets here hold a few entries, at most about the delivery window,
 * so a linear scan is the fast lookup.
 */
export class SeqSet {
  private seqs: Float64Array;
  private count = 0;

  constructor(capacity: number) {
    this.seqs = new Float64Array(Math.max(1, capacity));
  }

  get size(): number {
    return this.count;
  }

  has(seq: number): boolean {
    return this.indexOf(seq) >= 0;
  }

  add(seq: number): void {
    if (this.indexOf(seq) >= 0) return;
    if (this.count === this.seqs.length) {
      const grown = new Float64Array(this.seqs.length * 2);
      grown.set(this.seqs);
      this.seqs = grown;
    }
    this.seqs[this.count++] = seq;
  }

  /** Removes `seq` and says whether it was there. */
  delete(seq: number): boolean {
    const i = this.indexOf(seq);
    if (i < 0) return false;
    this.seqs[i] = this.seqs[--this.count]!;
    return true;
  }

  private indexOf(seq: number): number {
    for (let i = 0; i < this.count; i++) if (this.seqs[i] === seq) return i;
    return -1;
  }
}
