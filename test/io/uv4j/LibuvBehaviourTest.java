package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Behaviours that libuv's own test suite checks, each expressed through uv4j's API as a user
 * would write it. Every test names the libuv test it comes from.
 */
class LibuvBehaviourTest extends LoopTestBase {

  LibuvBehaviourTest() {
    super(10_000);
  }

  /**
   * Moves the loop's clock on until it has passed {@code until}, without running the loop (where
   * libuv's tests sleep, this waits on the loop's own clock).
   */
  private void advanceLoopClockPast(long until) {
    while (loop.now() <= until) loop.updateTime();
  }

  private static void closeAll(Handle... handles) {
    for (Handle handle : handles) handle.close();
  }

  @Test
  void timersRestartedInTheOppositeOrderFireInTheirNewStartOrder() {
    // libuv test-timer.c: timer_order
    List<String> order = new ArrayList<>();
    Timer a = new Timer(loop);
    Timer b = new Timer(loop);
    a.start(0, () -> order.add("a"));
    b.start(0, () -> order.add("b"));
    loop.run();

    b.start(0, () -> order.add("b"));
    a.start(0, () -> order.add("a"));
    loop.run();

    assertEquals(List.of("a", "b", "b", "a"), order);
    a.close();
    b.close();
  }

  @Test
  void timerRestartedWithZeroTimeoutInItsOwnCallbackWaitsForTheNextIteration() {
    // libuv test-timer.c: timer_zero_timeout
    AtomicInteger calls = new AtomicInteger();
    Timer timer = new Timer(loop);
    Runnable[] restartAndStop = new Runnable[1];
    restartAndStop[0] = () -> {
      calls.incrementAndGet();
      timer.start(0, restartAndStop[0]);
      loop.stop();
    };
    timer.start(0, restartAndStop[0]);

    assertTrue(loop.run(), "stopped with the restarted timer still pending");
    assertEquals(1, calls.get());

    timer.close();
    assertFalse(loop.run());
    assertEquals(1, calls.get());
  }

  @Test
  void hugeTimeoutsAreDueInExactlyTheirTimeoutAndDoNotFire() {
    // libuv test-timer.c: timer_huge_timeout
    List<String> fired = new ArrayList<>();
    Timer huge = new Timer(loop).start(0xffff_ffff_ffffL, () -> fired.add("huge"));
    Timer largest = new Timer(loop).start(Long.MAX_VALUE, () -> fired.add("largest"));
    Timer tiny = new Timer(loop);
    tiny.start(1, () -> {
      fired.add("tiny");
      tiny.close();
      huge.close();
      largest.close();
    });

    assertEquals(0xffff_ffff_ffffL, huge.dueIn());
    assertEquals(Long.MAX_VALUE, largest.dueIn());
    assertFalse(loop.run());
    assertEquals(List.of("tiny"), fired);
  }

  @Test
  void hugeRepeatDoesNotWrapAroundIntoAnEarlyRepeat() {
    // libuv test-timer.c: timer_huge_repeat
    List<String> fired = new ArrayList<>();
    Timer huge = new Timer(loop);
    Timer tiny = new Timer(loop);
    huge.start(1, Long.MAX_VALUE, () -> {
      fired.add("huge");
      if (fired.size() == 10) closeAll(tiny, huge);
    });
    tiny.start(2, 2, () -> {
      fired.add("tiny");
      if (fired.size() == 10) closeAll(tiny, huge);
    });

    assertFalse(loop.run());

    List<String> expected = new ArrayList<>(List.of("huge"));
    for (int i = 0; i < 9; i++) expected.add("tiny");
    assertEquals(expected, fired);
  }

  @Test
  void repeatingTimerOverdueBySeveralRepeatsFiresOnceInARunOnce() {
    // libuv test-timer.c: timer_no_double_call_once
    AtomicInteger calls = new AtomicInteger();
    Timer timer = new Timer(loop).start(10, 10, calls::incrementAndGet);
    advanceLoopClockPast(loop.now() + 30);

    assertTrue(loop.run(RunMode.ONCE));

    assertEquals(1, calls.get());
    timer.close();
  }

  @Test
  void repeatingTimerOverdueBySeveralRepeatsFiresOnceInARunNowait() {
    // libuv test-timer.c: timer_no_double_call_nowait
    AtomicInteger calls = new AtomicInteger();
    Timer timer = new Timer(loop).start(10, 10, calls::incrementAndGet);
    advanceLoopClockPast(loop.now() + 30);

    assertTrue(loop.run(RunMode.NOWAIT));

    assertEquals(1, calls.get());
    timer.close();
  }

  @Test
  void runOnceWaitsForTheOnlyTimerRunsItAndReportsNoWorkLeft() {
    // libuv test-timer.c: timer_run_once
    AtomicInteger calls = new AtomicInteger();
    Timer timer = new Timer(loop).start(0, calls::incrementAndGet);
    assertFalse(loop.run(RunMode.ONCE));
    assertEquals(1, calls.get());

    timer.start(1, calls::incrementAndGet);
    assertFalse(loop.run(RunMode.ONCE));
    assertEquals(2, calls.get());
    timer.close();
  }

  @Test
  void againFromAnotherTimersCallbackKeepsPostponingARepeatingTimer() {
    // libuv test-timer-again.c: timer_again
    List<String> fired = new ArrayList<>();
    Timer postponed = new Timer(loop);
    postponed.start(10, 10, () -> {
      fired.add("postponed");
      postponed.close();
    });
    Timer ticker = new Timer(loop);
    ticker.start(5, 5, () -> {
      fired.add("tick");
      postponed.again();
      if (fired.size() == 3) ticker.close();
    });

    assertFalse(loop.run());

    assertEquals(List.of("tick", "tick", "tick", "postponed"), fired);
  }

  @Test
  void idleThatStopsItselfStillKeepsThatRunOnceFromBlocking() {
    // libuv test-idle.c: idle_check
    AtomicInteger checks = new AtomicInteger();
    Idle idle = new Idle(loop);
    idle.start(idle::stop);
    Check check = new Check(loop).start(checks::incrementAndGet);

    assertTrue(loop.run(RunMode.ONCE), "the check handle keeps the loop alive");

    assertEquals(1, checks.get());
    idle.close();
    check.close();
  }

  @Test
  void activeIdleDoesNotStarveATimer() {
    // libuv test-idle.c: idle_starvation
    AtomicInteger idles = new AtomicInteger();
    AtomicInteger checks = new AtomicInteger();
    AtomicInteger timers = new AtomicInteger();
    Idle idle = new Idle(loop).start(idles::incrementAndGet);
    Check check = new Check(loop).start(checks::incrementAndGet);
    Timer timer = new Timer(loop);
    timer.start(50, () -> {
      timers.incrementAndGet();
      closeAll(idle, check, timer);
    });

    assertFalse(loop.run());

    assertEquals(1, timers.get());
    assertTrue(idles.get() > 0, "the idle ran while the timer was pending");
    assertTrue(checks.get() > 0, "the check ran while the timer was pending");
  }

  @Test
  void queuedWorkKeepsTheLoopAliveUntilItsCallbackHasRun() throws UvException {
    // libuv test-loop-alive.c: loop_alive
    AtomicInteger results = new AtomicInteger();
    loop.queueWork(() -> 42, (value, error) -> results.addAndGet(value));

    assertTrue(loop.isAlive());
    assertFalse(loop.run());

    assertFalse(loop.isAlive());
    assertEquals(42, results.get());
  }

  @Test
  void unreferencedActiveHandlesNeverRunTheirCallbacksInADefaultRun() throws UvException {
    // libuv test-ref.c: idle_ref, prepare_ref, check_ref, timer_ref2, async_ref
    List<String> fired = new ArrayList<>();
    List<Handle> handles = List.of(
        new Idle(loop).start(() -> fired.add("idle")),
        new Prepare(loop).start(() -> fired.add("prepare")),
        new Check(loop).start(() -> fired.add("check")),
        new Timer(loop).start(42, 42, () -> fired.add("timer")),
        new Async(loop, () -> fired.add("async")));
    for (Handle handle : handles) handle.unref();

    assertFalse(loop.run());

    assertEquals(List.of(), fired);
    for (Handle handle : handles) handle.close();
  }

  @Test
  void unreferencedListeningReceivingAndWatchingHandlesDoNotKeepTheLoopAlive(@TempDir Path dir)
      throws UvException {
    // libuv test-ref.c: tcp_ref2, pipe_ref2, udp_ref2, fs_event_ref, fs_poll_ref
    List<String> fired = new ArrayList<>();
    Tcp tcp = new Tcp(loop);
    tcp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    tcp.listen(128, error -> fired.add("tcp"));
    Pipe pipe = new Pipe(loop, false);
    pipe.bind(dir.resolve("listening.sock").toString());
    pipe.listen(128, error -> fired.add("pipe"));
    Udp udp = new Udp(loop);
    udp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    udp.recvStart((data, sender, flags) -> fired.add("udp"));
    FsEvent fsEvent = new FsEvent(loop);
    fsEvent.start(dir.toString(), 0, (filename, events, error) -> fired.add("fs event"));
    FsPoll fsPoll = new FsPoll(loop);
    fsPoll.start(dir.toString(), 999, (previous, current, error) -> fired.add("fs poll"));
    List<Handle> handles = List.of(tcp, pipe, udp, fsEvent, fsPoll);
    for (Handle handle : handles) handle.unref();

    // the fs poll's first stat is a request, which keeps this run going until it completes
    assertFalse(loop.run());

    assertEquals(List.of(), fired);
    for (Handle handle : handles) handle.close();
  }

  @Test
  void sendOnAnUnreferencedUdpKeepsTheLoopAliveUntilItCompletes() throws UvException {
    // libuv test-ref.c: udp_ref3
    Udp receiver = new Udp(loop);
    receiver.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Udp sender = new Udp(loop);
    sender.unref();
    AtomicInteger completions = new AtomicInteger();
    sender.send(ByteBuffer.wrap(new byte[] {'P', 'I', 'N', 'G'}), receiver.localAddress(), error -> {
      assertNull(error);
      completions.incrementAndGet();
    });

    assertTrue(loop.isAlive());
    assertFalse(loop.run());

    assertEquals(1, completions.get());
    receiver.close();
    sender.close();
  }

  @Test
  void connectOnAnUnreferencedTcpKeepsTheLoopAliveUntilItCompletes() throws UvException {
    // libuv test-ref.c: tcp_ref3
    Tcp boundButNotListening = new Tcp(loop);
    boundButNotListening.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Tcp client = new Tcp(loop);
    client.unref();
    List<UvError> outcomes = new ArrayList<>();
    client.connect(boundButNotListening.localAddress(), error -> outcomes.add(error.error()));

    assertTrue(loop.isAlive());
    assertFalse(loop.run());

    assertEquals(List.of(UvError.ECONNREFUSED), outcomes);
    boundButNotListening.close();
    client.close();
  }

  @Test
  void tcpAndPipeHaveNoDescriptorUntilBound(@TempDir Path dir) throws UvException {
    // libuv test-handle-fileno.c: handle_fileno
    Tcp tcp = new Tcp(loop);
    Pipe pipe = new Pipe(loop, false);
    assertEquals("EBADF", assertThrows(UvException.class, tcp::fileno).code());
    assertEquals("EBADF", assertThrows(UvException.class, pipe::fileno).code());

    tcp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    pipe.bind(dir.resolve("bound.sock").toString());

    assertTrue(tcp.fileno() >= 0);
    assertTrue(pipe.fileno() >= 0);
    tcp.close();
    pipe.close();
  }

  @Test
  void prepareThatUnrefsItselfInItsCallbackLetsTheRunEnd() {
    // libuv test-ref.c: unref_in_prepare_cb
    AtomicInteger calls = new AtomicInteger();
    Prepare prepare = new Prepare(loop);
    prepare.start(() -> {
      calls.incrementAndGet();
      prepare.unref();
    });

    assertFalse(loop.run());

    assertEquals(1, calls.get());
    assertTrue(prepare.isActive());
    prepare.close();
  }

  @Test
  void runOnceRepeatedWhileItReportsWorkRunsAnIdleUntilItStopsItself() {
    // libuv test-run-once.c: run_once
    AtomicInteger ticks = new AtomicInteger();
    Idle idle = new Idle(loop);
    idle.start(() -> {
      if (ticks.incrementAndGet() == 64) idle.stop();
    });

    while (loop.run(RunMode.ONCE)) {
      assertTrue(ticks.get() < 64, "run(ONCE) reported work after the idle stopped");
    }

    assertEquals(64, ticks.get());
    idle.close();
  }

  @Test
  void closeCallbacksRunAfterTheCheckPhaseOfTheIterationThatClosed() {
    // libuv test-close-order.c: close_order
    List<String> events = new ArrayList<>();
    Timer pending = new Timer(loop).start(100_000, () -> events.add("pending timer"));
    Timer due = new Timer(loop);
    due.start(0, () -> {
      events.add("due timer");
      due.close(() -> events.add("due timer closed"));
    });
    Check check = new Check(loop);
    check.start(() -> {
      events.add("check");
      check.close(() -> events.add("check closed"));
      pending.close(() -> events.add("pending timer closed"));
    });

    assertFalse(loop.run());

    assertEquals(5, events.size(), events::toString);
    // libuv runs the close callbacks of one close phase in no promised order among themselves
    assertEquals(List.of("due timer", "check"), events.subList(0, 2));
    assertEquals(
        Set.of("due timer closed", "check closed", "pending timer closed"), Set.copyOf(events.subList(2, events.size())));
  }

  @Test
  void stopBeforeRunEndsThatRunBeforeAnyCallback() {
    // libuv test-loop-stop.c: loop_stop_before_run
    AtomicInteger calls = new AtomicInteger();
    Timer timer = new Timer(loop).start(0, calls::incrementAndGet);

    loop.stop();

    assertTrue(loop.run(), "the due timer is still pending");
    assertEquals(0, calls.get());
    timer.close();
  }

  @Test
  void stoppedRunCanBeFollowedByNowaitAndDefaultRunsThatFinishTheWork() {
    // libuv test-loop-stop.c: loop_stop
    AtomicInteger prepares = new AtomicInteger();
    AtomicInteger timers = new AtomicInteger();
    Prepare prepare = new Prepare(loop);
    prepare.start(() -> {
      if (prepares.incrementAndGet() == 10) prepare.stop();
    });
    Timer timer = new Timer(loop);
    timer.start(10, 10, () -> {
      int n = timers.incrementAndGet();
      if (n == 1) loop.stop();
      if (n == 10) timer.stop();
    });

    assertTrue(loop.run());
    assertEquals(1, timers.get());
    int preparesBeforeNowait = prepares.get();
    assertTrue(loop.run(RunMode.NOWAIT));
    assertEquals(preparesBeforeNowait + 1, prepares.get());
    assertFalse(loop.run());

    assertEquals(10, timers.get());
    assertEquals(10, prepares.get());
    prepare.close();
    timer.close();
  }
}
