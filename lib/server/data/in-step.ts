import "server-only";
import type { Batch, Statement, Txn } from "@/lib/server/data/sql";

/**
 * Many transaction bodies run in step, in one transaction (an import's
 * thousands of seats, an undo's drops): at each step every body's batch
 * goes in one batch with the others', in the bodies' order, so on
 * PostgreSQL a thousand seats cost a few requests, not a thousand
 * (decision 033). Each body reads its own answers, as if alone. A single
 * statement (a refusal's read, a note, a notice) goes on its own, as the
 * body yields it.
 *
 * For bodies whose batches stand on their own (seats and drops of other
 * links: each batch's statements still run after the batches before it,
 * so a class's count and a student's clash check see the earlier ones),
 * and that fail only by throwing, which ends the whole transaction: a
 * batch with a `must` or a COMMIT goes on its own.
 */
export function* inStep<T>(bodies: (() => Txn<T>)[], onDone: (i: number, value: T) => void = () => {}): Txn<T[]> {
  const txns = bodies.map((body) => body());
  const values: T[] = new Array(bodies.length);
  const steps = txns.map((txn) => txn.next());
  for (;;) {
    // Single statements (and batches that must go alone) first, each body's in turn.
    for (let i = 0; i < txns.length; i++) {
      let step = steps[i]!;
      while (!step.done && !mayShare(step.value)) {
        let answer: unknown;
        try {
          answer = yield step.value;
        } catch (error) {
          step = txns[i]!.throw(error);
          continue;
        }
        step = txns[i]!.next(answer);
      }
      steps[i] = step;
    }
    const live = steps.flatMap((step, i) => (step.done ? [] : [i]));
    for (const [i, step] of steps.entries()) {
      if (step.done && !(i in values)) onDone(i, (values[i] = step.value));
    }
    if (live.length === 0) return values;
    const shared = live.map((i) => (steps[i]!.value as Batch).batch);
    // A statement that fails ends the transaction (thrown from here, whichever body's it was).
    const answers = (yield { batch: shared.flat() }) as unknown[];
    let at = 0;
    for (const [k, i] of live.entries()) {
      steps[i] = txns[i]!.next(answers.slice(at, at + shared[k]!.length));
      at += shared[k]!.length;
    }
  }
}

/** A batch that may go with others': one without a COMMIT or a statement that must answer a row. */
function mayShare(request: Statement | Batch): boolean {
  return "batch" in request && !request.commit && !request.together && request.batch.every((s) => s.mode !== "must");
}
