package io.uv4j;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The base of tests that each need a fresh loop of the test's thread. After each test it asserts
 * that the test left nothing open on the loop (no handle it did not close, no request still in
 * flight), then closes the loop; a test that closed the loop itself is not checked.
 */
abstract class LoopTestBase {
  Loop loop;
  private final long watchdogMs;
  private Timer watchdog;

  /** A base without a watchdog, for tests that inspect every handle of their loop. */
  LoopTestBase() {
    this(0);
  }

  /**
   * A base whose loop has a {@link Watchdog} of {@code watchdogMs}, so that a run that hangs fails
   * the test; the base closes it before checking what the test left.
   */
  LoopTestBase(long watchdogMs) {
    this.watchdogMs = watchdogMs;
  }

  @BeforeEach
  void createLoop() throws UvException {
    loop = Loop.create();
    if (watchdogMs > 0) watchdog = Watchdog.arm(loop, watchdogMs);
  }

  @AfterEach
  void closeLoop() {
    try {
      if (!loop.isClosed()) {
        if (watchdog != null) watchdog.close();
        assertNothingLeft(loop);
      }
    } finally {
      loop.close();
    }
  }

  /** Fails, naming what is left, unless {@code loop} has no open handle and nothing in flight. */
  static void assertNothingLeft(Loop loop) {
    List<String> left = new ArrayList<>();
    for (Handle handle : loop.handles()) left.add("handle " + handle.getClass().getSimpleName());
    for (Peer request : loop.inFlightRequests()) {
      left.add("request " + request.getClass().getName().substring(Loop.class.getPackageName().length() + 1));
    }
    if (!left.isEmpty()) fail("the test left on its loop: " + String.join(", ", left));
  }
}
