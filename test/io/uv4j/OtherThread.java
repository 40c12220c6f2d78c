package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;

/** Runs calls on a thread that does not own the loop, to check thread confinement. */
final class OtherThread {
  /** A call that may throw anything. */
  @FunctionalInterface
  interface Call {
    void run() throws Throwable;
  }

  private OtherThread() {}

  /** Runs {@code call} on a new thread and returns what it threw, or null. */
  static Throwable thrownBy(Call call) throws InterruptedException {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                call.run();
              } catch (Throwable t) {
                thrown.set(t);
              }
            },
            "not-the-loop-thread");
    thread.start();
    thread.join(10_000);
    assertFalse(thread.isAlive(), "the call on the other thread did not return");
    return thrown.get();
  }

  /** Asserts that {@code call}, made from another thread, fails the loop's thread check. */
  static void assertRejected(Call call) throws InterruptedException {
    Throwable thrown = thrownBy(call);
    assertNotNull(thrown, "the call from another thread returned normally");
    IllegalStateException e = assertInstanceOf(IllegalStateException.class, thrown);
    assertTrue(
        e.getMessage().contains("not-the-loop-thread"),
        "message should name the calling thread: " + e.getMessage());
  }
}
