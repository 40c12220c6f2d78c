package io.uv4j.bench;

import io.uv4j.Loop;
import java.util.concurrent.Callable;

/**
 * The uv4j side of bench/c/work_loop.c, in exactly its shape: N no-op {@code loop.queueWork}
 * items (callable and callback form), at most K in flight, each completion queueing the next,
 * timed from the first queue to the return of {@code loop.run()}.
 *
 * <p>The first ROUNDS - 1 rounds warm the JIT up on the same loop; the last one is reported as
 * {@code work_per_sec}. Every round is also printed to stderr.
 *
 * <p>usage: WorkLoop [N [K [ROUNDS]]] (defaults 1000000, 1024, 3)
 */
public final class WorkLoop {
  /** What every work item returns; the callback checks it arrived. */
  private static final Object DONE = new Object();
  private static final Callable<Object> NO_OP = () -> DONE;

  private final Loop loop;
  private final long total;
  private final Loop.WorkCallback<Object> onDone;
  private long queued;
  private long completed;

  private WorkLoop(Loop loop, long total) {
    this.loop = loop;
    this.total = total;
    this.onDone =
        (value, error) -> {
          if (error != null) throw new IllegalStateException("work failed", error);
          if (value == DONE) completed++;
          if (queued < total) queueOne();
        };
  }

  private void queueOne() throws Exception {
    queued++;
    loop.queueWork(NO_OP, onDone);
  }

  /** One round: nanoseconds from the first queue to the last completion. */
  private long round(long inFlight) throws Exception {
    long start = System.nanoTime();
    for (long i = 0; i < inFlight; i++) queueOne();
    loop.run();
    long ns = System.nanoTime() - start;
    if (completed != total) throw new IllegalStateException(completed + " of " + total + " work items completed");
    return ns;
  }

  public static void main(String[] args) throws Exception {
    long n = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
    long k = Math.min(n, args.length > 1 ? Long.parseLong(args[1]) : 1024);
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    if (n <= 0 || k <= 0 || rounds <= 0) throw new IllegalArgumentException("N, K and ROUNDS must be > 0");
    double perSec = 0;
    try (Loop loop = Loop.create()) {
      for (int r = 1; r <= rounds; r++) {
        long ns = new WorkLoop(loop, n).round(k);
        perSec = n * 1e9 / ns;
        System.err.printf("WorkLoop round %d/%d: %.0f work items/s%n", r, rounds, perSec);
      }
    }
    System.out.printf("work_per_sec=%.0f n=%d k=%d rounds=%d%n", perSec, n, k, rounds);
  }
}
