/**
 * Coalesces single requests into batches, group-commit style: a request goes out at once when fewer than
 * `maxInFlight` batches are running, and otherwise joins the next batch, which leaves as soon as one returns.
 * Nothing waits on a timer, so a lone request costs no latency; under load each round trip carries many.
 *
 * `run` gets the batch in arrival order and answers with one outcome per item, in the same order: an item's
 * own failure is its outcome (an Error), a thrown error fails the whole batch.
 */
export class Coalescer<I, O> {
  private queue: { item: I; resolve: (o: O) => void; reject: (e: unknown) => void }[] = [];
  private inFlight = 0;

  constructor(
    private readonly run: (items: I[]) => Promise<(O | Error)[]>,
    private readonly options: { maxInFlight: number; maxBatch: number },
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length > 0 && this.inFlight < this.options.maxInFlight) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      this.inFlight++;
      void this.send(batch);
    }
  }

  private async send(batch: typeof this.queue): Promise<void> {
    try {
      const outcomes = await this.run(batch.map((b) => b.item));
      if (outcomes.length !== batch.length) throw new Error(`a batch of ${batch.length} got ${outcomes.length} outcomes`);
      batch.forEach((b, i) => {
        const o = outcomes[i]!;
        if (o instanceof Error) b.reject(o);
        else b.resolve(o);
      });
    } catch (err) {
      for (const b of batch) b.reject(err);
    } finally {
      this.inFlight--;
      this.pump();
    }
  }
}
