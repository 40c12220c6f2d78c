package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Stream#setIdleTimeout}: Node's {@code socket.setTimeout}. Tests order events against
 * probe timers of the loop's own clock: timers of one duration fire in the order they were
 * started, so a probe started just after the idle timeout fires first only if activity pushed the
 * idle timeout back.
 */
class StreamIdleTimeoutTest extends ConnectedTcpPairBase {
  private static final long SHORT = 10;
  /** Long enough that the loop reads the activity, 1 ms in, well before the first deadline. */
  private static final long PUSHED = 300;

  private final List<String> events = new ArrayList<>();

  private Runnable record(String event) {
    return () -> events.add(event);
  }

  private void closeBoth() {
    server.close();
    client.close();
  }

  @Test
  void itFiresAfterNoActivityAndLeavesTheStreamOpen() throws Exception {
    server.readStart(data -> {});
    server.setIdleTimeout(SHORT, () -> {
      events.add("idle");
      loop.setImmediate(() -> {
        events.add("after it, closing " + server.isClosing());
        closeBoth();
      });
    });
    loop.run();
    assertEquals(List.of("idle", "after it, closing false"), events);
  }

  @Test
  void aReadPushesItBack() throws Exception {
    server.readStart(data -> events.add("read"));
    server.setIdleTimeout(PUSHED, () -> {
      events.add("idle");
      closeBoth();
    });
    loop.setTimeout(record("probe"), PUSHED);
    loop.setTimeout(() -> client.write("x", null), 1);
    loop.run();
    assertEquals(List.of("read", "probe", "idle"), events);
  }

  @Test
  void aWritePushesItBack() throws Exception {
    server.readStart(data -> {});
    server.setIdleTimeout(PUSHED, () -> {
      events.add("idle");
      closeBoth();
    });
    loop.setTimeout(record("probe"), PUSHED);
    loop.setTimeout(() -> server.write("x", error -> events.add("written " + error)), 1);
    loop.run();
    assertEquals(List.of("written null", "probe", "idle"), events);
  }

  @Test
  void activityAfterItFiredArmsItAgain() throws Exception {
    server.readStart(data -> events.add("read"));
    int[] fired = {0};
    server.setIdleTimeout(SHORT, () -> {
      events.add("idle");
      if (++fired[0] == 1) client.write("x", null);
      else closeBoth();
    });
    loop.run();
    assertEquals(List.of("idle", "read", "idle"), events);
  }

  @Test
  void zeroTurnsItOff() throws Exception {
    server.readStart(data -> {});
    server.setIdleTimeout(SHORT, record("idle"));
    server.setIdleTimeout(0, null);
    loop.setTimeout(() -> {
      events.add("probe");
      closeBoth();
    }, 2 * SHORT);
    loop.run();
    assertEquals(List.of("probe"), events);
  }

  @Test
  void settingItAgainReplacesIt() throws Exception {
    server.readStart(data -> {});
    server.setIdleTimeout(SHORT, record("first"));
    server.setIdleTimeout(SHORT, () -> {
      events.add("second");
      closeBoth();
    });
    loop.run();
    assertEquals(List.of("second"), events);
  }

  @Test
  void closingTheStreamStopsIt() {
    server.setIdleTimeout(SHORT, record("idle"));
    server.close();
    loop.setTimeout(() -> {
      events.add("probe");
      client.close();
    }, 2 * SHORT);
    loop.run();
    assertEquals(List.of("probe"), events);
  }

  @Test
  void itDoesNotKeepTheLoopAlive() {
    server.setIdleTimeout(SHORT, record("idle"));
    assertFalse(server.isActive(), "a stream that does not read keeps nothing alive");
    assertFalse(loop.run());
    assertEquals(List.of(), events);
  }

  @Test
  void aNegativeTimeoutIsRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> server.setIdleTimeout(-1, () -> {}));
    assertTrue(e.getMessage().contains("-1"), e.getMessage());
  }

  @Test
  void aTimeoutAboveTheTimerLimitIsRefused() {
    long tooLong = Integer.MAX_VALUE + 1L;
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> server.setIdleTimeout(tooLong, () -> {}));
    assertTrue(e.getMessage().contains(Long.toString(tooLong)), e.getMessage());
  }

  @Test
  void aNullCallbackIsRefusedForAPositiveTimeout() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> server.setIdleTimeout(SHORT, null));
    assertEquals("onIdle", e.getMessage());
  }

  @Test
  void anotherThreadIsRefused() throws Exception {
    OtherThread.assertRejected(() -> server.setIdleTimeout(SHORT, () -> {}));
  }

  @Test
  void aClosedStreamIsRefused() {
    server.close();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> server.setIdleTimeout(SHORT, () -> {}));
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
  }
}
