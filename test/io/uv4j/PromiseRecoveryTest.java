package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Promise#onRejected}: a rejection handler that returns nothing. */
class PromiseRecoveryTest extends LoopTestBase {
  private final List<String> labels = new ArrayList<>();

  private void log(Throwable reason) {
    labels.add("logged " + reason.getMessage());
  }

  @Test
  void onRejectedFulfilsWithNullOnceTheActionHasSeenTheReason() {
    Promise<String> p = Promise.<String>reject(loop, new IllegalStateException("r")).onRejected(e -> {
      labels.add("saw " + e.getMessage());
    });
    loop.run();
    assertNull(p.value());
    assertEquals(List.of("saw r"), labels);
  }

  @Test
  void onRejectedTakesAnExpressionLambdaAndAMethodReference() {
    Promise<String> rejected = Promise.reject(loop, new IllegalStateException("r"));
    rejected.onRejected(e -> log(e));
    rejected.onRejected(this::log);
    loop.run();
    assertEquals(List.of("logged r", "logged r"), labels);
  }

  @Test
  void onRejectedPassesAValueThroughWithoutRunningTheAction() {
    Promise<String> p = Promise.resolve(loop, "v").onRejected(e -> labels.add("must not run"));
    loop.run();
    assertEquals("v", p.value());
    assertEquals(List.of(), labels);
  }

  @Test
  void onRejectedHandlesTheRejectionSoItIsNotReported() {
    loop.onUnhandledRejection((reason, promise) -> labels.add("unhandled " + reason.getMessage()));
    Promise.reject(loop, new IllegalStateException("r")).onRejected(e -> labels.add("handled"));
    loop.run();
    assertEquals(List.of("handled"), labels);
  }

  @Test
  void onRejectedActionThatThrowsACheckedExceptionRejectsWithIt() {
    IOException rethrown = new IOException("rethrown");
    Promise<String> p = Promise.<String>reject(loop, new IllegalStateException("r")).onRejected(e -> {
      throw rethrown;
    });
    p.catchError(e -> null);
    loop.run();
    assertSame(rethrown, p.reason());
  }

  @Test
  void catchErrorStillTakesAnExpressionLambdaThatReturnsAValue() {
    Promise<String> p = Promise.<String>reject(loop, new IllegalStateException("r")).catchError(e -> e.getMessage());
    loop.run();
    assertEquals("r", p.value());
  }
}
