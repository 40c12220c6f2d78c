package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreadPoolSizeTest {
  @Test
  void aSizeBelowOneIsRefusedWithIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Uv.setThreadPoolSize(0));
    assertEquals("thread pool size must be 1..1024, got 0", e.getMessage());
  }

  @Test
  void aSizeAboveLibuvsMaximumIsRefusedWithIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Uv.setThreadPoolSize(1025));
    assertEquals("thread pool size must be 1..1024, got 1025", e.getMessage());
  }

  @Test
  void onceThePoolHasStartedItsSizeIsRefusedNamingTheSizeItHas() throws Exception {
    try (Loop loop = Loop.create()) {
      loop.queueWork(() -> 1);
      loop.run();
    }
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Uv.setThreadPoolSize(2));
    assertEquals(
        "libuv's thread pool has started already, with " + PoolSize.get()
            + " threads; set its size before its first use",
        e.getMessage());
  }

  @Test
  void theSizeOfAStartedPoolIsTheOneLibuvRead() throws Exception {
    try (Loop loop = Loop.create()) {
      loop.queueWork(() -> 1);
      loop.run();
    }
    assertEquals(PoolSize.get(), Uv.threadPoolSize());
  }

  @Test
  void aSizeSetBeforeTheFirstUseIsThePoolsWhateverTheEnvironmentSays() throws Exception {
    // the probe JVM starts with UV_THREADPOOL_SIZE=8
    assertEquals("before=3 concurrent=3 after=libuv's thread pool has started already, with 3 threads;"
        + " set its size before its first use", probe(3));
  }

  /** Runs {@link PoolSizeProbe} in a fresh JVM, with UV_THREADPOOL_SIZE=8; returns its report. */
  private static String probe(int size) throws Exception {
    return ChildJvm.run(Map.of("UV_THREADPOOL_SIZE", "8"), PoolSizeProbe.class, String.valueOf(size));
  }
}
