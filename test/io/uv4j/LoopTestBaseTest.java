package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The check {@link LoopTestBase} makes after every test: what it catches and what it names. */
class LoopTestBaseTest {
  @Test
  void aHandleLeftOpenFailsTheCheckByItsKind() throws UvException {
    try (Loop loop = Loop.create()) {
      new Timer(loop);
      new Idle(loop);

      AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> LoopTestBase.assertNothingLeft(loop));

      assertEquals("the test left on its loop: handle Timer, handle Idle", e.getMessage());
    }
  }

  @Test
  void aRequestStillInFlightFailsTheCheckByItsKind() throws UvException {
    try (Loop loop = Loop.create()) {
      // closing the loop cancels the work, unless a pool thread already took it
      loop.queueWork(() -> "done").onRejected(cancelled -> {});

      AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> LoopTestBase.assertNothingLeft(loop));

      assertEquals("the test left on its loop: request Work", e.getMessage());
    }
  }

  @Test
  void handlesTheTestClosedPassTheCheckBeforeTheirCloseCompletes() throws UvException {
    try (Loop loop = Loop.create()) {
      new Timer(loop).close();

      assertDoesNotThrow(() -> LoopTestBase.assertNothingLeft(loop));
    }
  }

  @Test
  void aRequestWhoseCompletionRanPassesTheCheck() throws UvException {
    try (Loop loop = Loop.create()) {
      Promise<String> work = loop.queueWork(() -> "done");
      loop.run();

      assertEquals("done", work.value());
      assertDoesNotThrow(() -> LoopTestBase.assertNothingLeft(loop));
    }
  }
}
