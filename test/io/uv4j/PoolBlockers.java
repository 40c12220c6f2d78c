package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One blocking work item per thread of libuv's pool, queued behind what is queued already, that
 * keeps the pool busy until released: work queued after them waits in libuv's queue, where a
 * cancel reaches it. The pool takes its items in order, so once they all run, everything queued
 * before them has finished.
 */
final class PoolBlockers {
  private final CountDownLatch running = new CountDownLatch(PoolSize.get());
  private final CountDownLatch release = new CountDownLatch(1);
  /** What each item's callback got: {@code true} once released, or the error (ECANCELED). */
  final List<Object> outcomes = new ArrayList<>();

  /** Queues the items on {@code loop}. */
  PoolBlockers(Loop loop) throws UvException {
    for (int i = 0; i < PoolSize.get(); i++) {
      loop.queueWork(() -> {
        running.countDown();
        return release.await(30, TimeUnit.SECONDS);
      }, (released, error) -> outcomes.add(error != null ? error : released));
    }
  }

  /** Returns once every item runs on a pool thread. */
  void awaitRunning() throws InterruptedException {
    assertTrue(running.await(30, TimeUnit.SECONDS), "the pool threads never all started");
  }

  /** Lets every item finish; a failed test calls it too, so that no pool thread waits 30 s. */
  void release() {
    release.countDown();
  }
}
