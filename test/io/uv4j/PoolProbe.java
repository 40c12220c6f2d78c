package io.uv4j;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Run in a fresh JVM by {@link WorkTest}, with UV_THREADPOOL_SIZE set: queues blocking work items
 * and reports which pool threads ran them and how many ran at once.
 */
public final class PoolProbe {
  private PoolProbe() {}

  /**
   * Arguments: the number of items, then "pairs" (each waits up to 10 s for one other item to be
   * running with it) or "gather" (each waits up to 10 s for all the others to be running). Prints "threads=N concurrent=M gathered=B
   * names=OK|BAD" and exits 0.
   */
  public static void main(String[] args) throws Exception {
    int items = Integer.parseInt(args[0]);
    boolean gather = args[1].equals("gather");
    Set<String> names = ConcurrentHashMap.newKeySet();
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    CountDownLatch all = new CountDownLatch(items);
    CyclicBarrier pair = new CyclicBarrier(2);
    boolean[] gathered = {true};
    int[] done = {0};
    try (Loop loop = Loop.create()) {
      for (int i = 0; i < items; i++) {
        loop.queueWork(() -> {
          names.add(Thread.currentThread().getName());
          most.accumulateAndGet(running.incrementAndGet(), Math::max);
          all.countDown();
          boolean met = true;
          if (gather) {
            met = all.await(10, TimeUnit.SECONDS);
          } else {
            pair.await(10, TimeUnit.SECONDS);
          }
          running.decrementAndGet();
          return met;
        }, (met, error) -> {
          if (error != null) throw new AssertionError(error);
          gathered[0] &= met;
          done[0]++;
        });
      }
      loop.run();
    }
    boolean named = names.stream().allMatch(n -> n.startsWith("uv4j-pool-"));
    System.out.println("threads=" + names.size() + " concurrent=" + most.get() + " gathered=" + gathered[0]
        + " done=" + done[0] + " names=" + (named ? "OK" : "BAD " + names));
    System.exit(0);
  }
}
