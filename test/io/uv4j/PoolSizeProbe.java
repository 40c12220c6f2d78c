package io.uv4j;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Run in a fresh JVM by {@link ThreadPoolSizeTest}: sets the pool's size from Java before its
 * first use, then checks that that many work items run at once.
 */
public final class PoolSizeProbe {
  private PoolSizeProbe() {}

  /**
   * Argument: the size to set. Prints "before=N concurrent=M after=MESSAGE", where MESSAGE is
   * what setting the size again once the pool has started throws, and exits 0.
   */
  public static void main(String[] args) throws Exception {
    int size = Integer.parseInt(args[0]);
    Uv.setThreadPoolSize(size);
    int before = Uv.threadPoolSize();
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    CountDownLatch all = new CountDownLatch(size);
    try (Loop loop = Loop.create()) {
      for (int i = 0; i < size; i++) {
        // each item waits until every one is running: only a pool of `size` threads lets them
        loop.queueWork(() -> {
          most.accumulateAndGet(running.incrementAndGet(), Math::max);
          all.countDown();
          all.await();
          return null;
        }, (value, error) -> {
          if (error != null) throw new AssertionError(error);
        });
      }
      loop.run();
    }
    String after;
    try {
      Uv.setThreadPoolSize(size + 1);
      after = "accepted";
    } catch (IllegalStateException e) {
      after = e.getMessage();
    }
    System.out.println("before=" + before + " concurrent=" + most.get() + " after=" + after);
    System.exit(0);
  }
}
