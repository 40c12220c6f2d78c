package io.uv4j.bench;

import io.uv4j.Loop;
import io.uv4j.UvException;

/**
 * Node-style scheduling throughput, in the same shape as bench/node/scheduling.js so that the two
 * can run side by side: N one-millisecond timeouts set at once, a chain of N immediates each
 * setting the next, and chains of N next-ticks and N microtasks. Each kind runs for a few rounds
 * on a fresh loop (the first ones warm the JIT) and the last round's rate is printed.
 *
 * <p>Usage: {@code SchedulingLoop KIND N ROUNDS}, KIND one of timeouts, immediates, ticks,
 * microtasks. Prints {@code KIND_per_sec=<rate>}.
 */
public final class SchedulingLoop {
  private SchedulingLoop() {}

  public static void main(String[] args) throws UvException {
    String kind = args[0];
    int n = Integer.parseInt(args[1]);
    int rounds = Integer.parseInt(args[2]);
    double rate = 0;
    for (int round = 0; round < rounds; round++) rate = round(kind, n);
    System.out.printf("%s_per_sec=%.0f%n", kind, rate);
  }

  private static double round(String kind, int n) throws UvException {
    Loop loop = Loop.create();
    int[] left = {n};
    long start = System.nanoTime();
    switch (kind) {
      case "timeouts":
        Runnable fire = () -> left[0]--;
        for (int i = 0; i < n; i++) loop.setTimeout(fire, 1);
        break;
      case "immediates":
        Runnable[] next = new Runnable[1];
        next[0] = () -> {
          if (--left[0] > 0) loop.setImmediate(next[0]);
        };
        loop.setImmediate(next[0]);
        break;
      case "ticks":
        Runnable[] tick = new Runnable[1];
        tick[0] = () -> {
          if (--left[0] > 0) loop.nextTick(tick[0]);
        };
        loop.setImmediate(() -> loop.nextTick(tick[0]));
        break;
      case "microtasks":
        Runnable[] micro = new Runnable[1];
        micro[0] = () -> {
          if (--left[0] > 0) loop.queueMicrotask(micro[0]);
        };
        loop.setImmediate(() -> loop.queueMicrotask(micro[0]));
        break;
      default:
        throw new IllegalArgumentException("unknown kind " + kind);
    }
    loop.runToCompletion();
    long elapsed = System.nanoTime() - start;
    loop.close();
    if (left[0] != 0) throw new IllegalStateException(kind + ": " + left[0] + " callbacks did not run");
    return n / (elapsed / 1e9);
  }
}
