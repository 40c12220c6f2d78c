package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AsyncTest extends LoopTestBase {

  AsyncTest() {
    super(30_000);
  }

  @Test
  void sendFromAnotherThreadRunsTheCallbackOnTheLoopThread() throws Exception {
    List<Thread> ranOn = new ArrayList<>();
    AtomicReference<Async> async = new AtomicReference<>();
    async.set(
        new Async(
            loop,
            () -> {
              ranOn.add(Thread.currentThread());
              async.get().close();
            }));
    Thread sender = new Thread(() -> async.get().send(), "sender");

    sender.start();
    assertFalse(loop.run());
    sender.join();

    assertEquals(List.of(Thread.currentThread()), ranOn);
  }

  @Test
  void sendFromTheLoopThreadRunsTheCallbackLater() throws UvException {
    AtomicInteger calls = new AtomicInteger();
    Async async = new Async(loop, calls::incrementAndGet);

    async.send();
    assertEquals(0, calls.get(), "the callback ran inside send()");

    loop.run(RunMode.NOWAIT);
    assertEquals(1, calls.get());
    async.close();
  }

  @Test
  void sendsBeforeTheLoopRunsCoalesceIntoFewerCallbacks() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Async async = new Async(loop, calls::incrementAndGet);
    assertNull(
        OtherThread.thrownBy(
            () -> {
              for (int i = 0; i < 1_000; i++) async.send();
            }));

    loop.run(RunMode.NOWAIT);
    loop.run(RunMode.NOWAIT);

    assertTrue(calls.get() >= 1, "no callback for 1000 sends");
    assertTrue(calls.get() < 1_000, calls.get() + " callbacks for 1000 sends");
    async.close();
  }

  @Test
  void everySendIsFollowedByACallbackThatSeesIt() throws Exception {
    AtomicLong sent = new AtomicLong();
    AtomicLong seenByCallback = new AtomicLong();
    Async async = new Async(loop, () -> seenByCallback.set(sent.get()));
    Thread sender =
        new Thread(
            () -> {
              for (int i = 0; i < 10_000; i++) {
                sent.incrementAndGet();
                async.send();
              }
            });

    sender.start();
    // ONCE blocks until the next callback; the watchdog ends a wait that never ends
    while (seenByCallback.get() < 10_000) loop.run(RunMode.ONCE);
    sender.join();

    assertEquals(10_000, seenByCallback.get());
    async.close();
  }

  @Test
  void sendAfterCloseThrowsIllegalStateException() throws UvException {
    Async async = new Async(loop, () -> {});

    async.close();

    IllegalStateException e = assertThrows(IllegalStateException.class, async::send);
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
  }

  @Test
  void sendFromAnotherThreadAfterCloseThrowsIllegalStateException() throws Exception {
    Async async = new Async(loop, () -> {});
    async.close();
    loop.run();

    assertInstanceOf(IllegalStateException.class, OtherThread.thrownBy(async::send));
  }

  @Test
  void sendAfterTheLoopClosedThrowsIllegalStateException() throws Exception {
    Async async = new Async(loop, () -> {});
    loop.close();

    assertInstanceOf(IllegalStateException.class, OtherThread.thrownBy(async::send));
  }

  @Test
  void callbackIsRequired() {
    assertThrows(NullPointerException.class, () -> new Async(loop, null));
    assertThrows(NullPointerException.class, () -> new Async(null, () -> {}));
  }

  @Test
  void sendRacingCloseFromAnotherThreadNeverCrashes() throws Exception {
    AtomicReference<Async> current = new AtomicReference<>();
    AtomicBoolean done = new AtomicBoolean();
    AtomicLong sends = new AtomicLong();
    AtomicLong rejected = new AtomicLong();
    AtomicReference<Throwable> unexpected = new AtomicReference<>();
    Thread sender =
        new Thread(
            () -> {
              while (!done.get()) {
                Async async = current.get();
                if (async == null) continue;
                try {
                  async.send();
                  sends.incrementAndGet();
                } catch (IllegalStateException e) {
                  rejected.incrementAndGet();
                } catch (Throwable t) {
                  unexpected.compareAndSet(null, t);
                  return;
                }
              }
            },
            "hammer");
    sender.start();

    AtomicLong callbacks = new AtomicLong();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    int rounds = 0;
    try {
      while (System.nanoTime() < deadline || rounds < 100) {
        Async async = new Async(loop, callbacks::incrementAndGet);
        current.set(async);
        loop.run(RunMode.NOWAIT);
        if (rounds % 2 == 0) loop.run(RunMode.NOWAIT);
        async.close();
        loop.run();
        rounds++;
      }
      // and once more while the loop itself closes under the sender
      current.set(new Async(loop, callbacks::incrementAndGet));
      loop.close();
    } finally {
      done.set(true);
      sender.join(10_000);
    }

    assertNull(unexpected.get());
    assertTrue(sends.get() > 0, "no send got through");
    assertTrue(rejected.get() > 0, "no send hit a closed handle");
    assertTrue(callbacks.get() > 0, "no callback ran");
  }
}
