package io.uv4j.bench;

import io.uv4j.Callback;
import io.uv4j.Fs;
import io.uv4j.Loop;
import io.uv4j.Stat;

/**
 * The uv4j side of bench/c/stat_loop.c, in exactly its shape: N {@code loop.fs().stat} calls of
 * one file (callback form), at most K in flight, each completion starting the next, timed from
 * the first start to the return of {@code loop.run()}. A plain main rather than JMH so that the
 * C, Java and Node programs measure the same thing.
 *
 * <p>The first ROUNDS - 1 rounds warm the JIT up on the same loop; the last one is reported as
 * {@code stats_per_sec}. Every round is also printed to stderr.
 *
 * <p>usage: StatLoop PATH [N [K [ROUNDS]]] (defaults 100000, 1024, 5)
 */
public final class StatLoop {
  private final Fs fs;
  private final String path;
  private final long total;
  private final Callback<Stat> onStat;
  private long started;
  private long completed;
  private long failed;

  private StatLoop(Loop loop, String path, long total) {
    this.fs = loop.fs();
    this.path = path;
    this.total = total;
    this.onStat =
        (stat, error) -> {
          if (error != null || stat.size() < 0) failed++;
          completed++;
          if (started < total) startOne();
        };
  }

  private void startOne() {
    started++;
    fs.stat(path, onStat);
  }

  /** One round: nanoseconds from the first start to the last completion. */
  private long round(Loop loop, long inFlight) {
    long start = System.nanoTime();
    for (long i = 0; i < inFlight; i++) startOne();
    loop.run();
    long ns = System.nanoTime() - start;
    if (completed != total || failed != 0) {
      throw new IllegalStateException(completed + " of " + total + " stats completed, " + failed + " failed");
    }
    return ns;
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: StatLoop PATH [N [K [ROUNDS]]]");
      System.exit(2);
    }
    String path = args[0];
    long n = args.length > 1 ? Long.parseLong(args[1]) : 100_000;
    long k = Math.min(n, args.length > 2 ? Long.parseLong(args[2]) : 1024);
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    if (n <= 0 || k <= 0 || rounds <= 0) throw new IllegalArgumentException("N, K and ROUNDS must be > 0");
    double perSec = 0;
    try (Loop loop = Loop.create()) {
      for (int r = 1; r <= rounds; r++) {
        long ns = new StatLoop(loop, path, n).round(loop, k);
        perSec = n * 1e9 / ns;
        System.err.printf("StatLoop round %d/%d: %.0f stats/s%n", r, rounds, perSec);
      }
    }
    System.out.printf("stats_per_sec=%.0f n=%d k=%d rounds=%d failed=0%n", perSec, n, k, rounds);
  }
}
