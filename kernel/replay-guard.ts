// Refuses a signed message seen before, as jupyter_client's digest history
// does: a captured execute_request replayed on the wire must not run twice.
// Signatures are HMACs over header (with its unique msg_id and date) and
// content, so a genuine client never repeats one.
export class ReplayGuard {
  private readonly seen = new Set<string>();

  constructor(private readonly limit = 65536) {}

  // True the first time a signature is seen. Unsigned sessions (empty key) have no signatures to track.
  fresh(signature: string): boolean {
    if (signature === '') return true;
    if (this.seen.has(signature)) return false;
    this.seen.add(signature);
    if (this.seen.size > this.limit) {
      // Forget the older half (a Set iterates in insertion order), as jupyter_client culls.
      let drop = this.seen.size / 2;
      for (const s of this.seen) {
        if (drop-- <= 0) break;
        this.seen.delete(s);
      }
    }
    return true;
  }
}
