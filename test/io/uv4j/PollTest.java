package io.uv4j;

import static io.uv4j.Net.V4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Poll watches one end of a connected TCP pair. The pair lives on a second loop that is never
 * run afterwards, so that loop's handles never watch the descriptor the poll watches.
 */
class PollTest {
  private Loop loop;
  private Loop sockets;
  private Tcp watched;
  private Tcp peer;

  @BeforeEach
  void create() throws UvException {
    loop = Loop.create();
    Net.guard(loop, 30_000);
    sockets = Loop.create();
    Tcp[] pair = Net.connectedPair(sockets, V4);
    watched = pair[0];
    peer = pair[1];
  }

  @AfterEach
  void close() {
    loop.close();
    sockets.close();
  }

  @Test
  void readableFiresOnceThePeerWrites() throws Exception {
    Poll poll = new Poll(loop, watched.fileno());
    List<String> events = new ArrayList<>();
    poll.start(Poll.READABLE, (ready, error) -> {
      assertNull(error);
      events.add("ready " + ready);
      poll.close();
    });
    Timer quiet = new Timer(loop);
    quiet.start(50, Net.unchecked(() -> {
      events.add("quiet");
      assertEquals(5, peer.tryWrite(ByteBuffer.wrap("hello".getBytes())));
      quiet.close();
    }));
    loop.run();
    assertEquals(List.of("quiet", "ready " + Poll.READABLE), events);
  }

  @Test
  void writableFiresAtOnceOnAConnectedSocket() throws Exception {
    Poll poll = new Poll(loop, watched.fileno());
    List<Integer> events = new ArrayList<>();
    poll.start(Poll.WRITABLE, (ready, error) -> {
      assertNull(error);
      events.add(ready);
      poll.close();
    });
    loop.run();
    assertEquals(List.of(Poll.WRITABLE), events);
  }

  @Test
  void stopEndsDelivery() throws Exception {
    Poll poll = new Poll(loop, watched.fileno());
    int[] calls = {0};
    poll.start(Poll.WRITABLE, (ready, error) -> {
      calls[0]++;
      poll.stop();
    });
    assertTrue(poll.isActive());
    // writability is level-triggered: without the stop, every iteration would report it again
    new Timer(loop).start(100, () -> {});
    loop.run();
    assertEquals(1, calls[0]);
    assertFalse(poll.isActive());
  }

  @Test
  void startingAgainChangesTheEventsAndTheCallback() throws Exception {
    Poll poll = new Poll(loop, watched.fileno());
    List<String> events = new ArrayList<>();
    poll.start(Poll.READABLE, (ready, error) -> events.add("first " + ready));
    poll.start(Poll.WRITABLE, (ready, error) -> {
      events.add("second " + ready);
      poll.close();
    });
    loop.run();
    assertEquals(List.of("second " + Poll.WRITABLE), events);
  }

  @Test
  void unknownEventBitsAreRejected() throws Exception {
    Poll poll = new Poll(loop, watched.fileno());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> poll.start(16, (r, x) -> {}));
    assertEquals("unknown poll events: 16", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> poll.start(-1, (r, x) -> {}));
    assertFalse(poll.isActive());
  }

  @Test
  void aNullCallbackIsRejected() throws Exception {
    Poll poll = new Poll(loop, watched.fileno());
    assertThrows(NullPointerException.class, () -> poll.start(Poll.READABLE, null));
    assertFalse(poll.isActive());
  }

  @Test
  void aNegativeDescriptorIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Poll(loop, -1));
    assertEquals("fd must be >= 0, got -1", e.getMessage());
  }

  @Test
  void aDescriptorTheLoopAlreadyWatchesIsRefused() throws Exception {
    Poll first = new Poll(loop, watched.fileno());
    first.start(Poll.READABLE, (r, x) -> {});
    UvException e = assertThrows(UvException.class, () -> new Poll(loop, watched.fileno()));
    assertEquals("EEXIST", e.code());
    assertEquals("uv_poll_init", e.syscall());
  }

  @Test
  void methodsAfterCloseThrowIllegalState() throws Exception {
    Poll poll = new Poll(loop, watched.fileno());
    poll.close();
    assertThrows(IllegalStateException.class, () -> poll.start(Poll.READABLE, (r, x) -> {}));
    assertThrows(IllegalStateException.class, poll::stop);
  }

  @Test
  void pollsCannotBeMadeOrUsedFromAnotherThread() throws Exception {
    Poll poll = new Poll(loop, watched.fileno());
    List<Throwable> thrown = new ArrayList<>();
    Thread other = new Thread(() -> {
      for (Runnable call : List.<Runnable>of(
          Net.unchecked(() -> new Poll(loop, 0)),
          Net.unchecked(() -> poll.start(Poll.READABLE, (r, x) -> {})),
          poll::stop)) {
        try {
          call.run();
        } catch (Throwable t) {
          thrown.add(t);
        }
      }
    });
    other.start();
    other.join();
    assertEquals(3, thrown.size());
    for (Throwable t : thrown) assertTrue(t instanceof IllegalStateException, t.toString());
    assertFalse(poll.isActive());
  }
}
