package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Poll watches the ends of a named pipe, descriptors that no uv4j handle owns (a handle's own
 * descriptor is refused: see {@link DescriptorOwnershipTest}).
 */
class PollTest {
  private Loop loop;
  private Fifo fifo;
  @TempDir Path dir;

  @BeforeEach
  void create() throws Exception {
    loop = Loop.create();
    Net.guard(loop, 30_000);
    fifo = Fifo.in(dir);
  }

  @AfterEach
  void close() throws UvException {
    loop.close();
    if (fifo != null) fifo.close();
  }

  @Test
  void readableFiresOnceTheWriterWrites() throws Exception {
    Poll poll = new Poll(loop, fifo.reader);
    List<String> events = new ArrayList<>();
    poll.start(Poll.READABLE, (ready, error) -> {
      assertNull(error);
      events.add("ready " + ready);
      poll.close();
    });
    Timer quiet = new Timer(loop);
    quiet.start(50, Net.unchecked(() -> {
      events.add("quiet");
      assertEquals(5, Fs.writeSync(fifo.writer, ByteBuffer.wrap("hello".getBytes()), -1));
      quiet.close();
    }));
    loop.run();
    assertEquals(List.of("quiet", "ready " + Poll.READABLE), events);
  }

  @Test
  void writableFiresAtOnceOnAPipeWithRoom() throws Exception {
    Poll poll = new Poll(loop, fifo.writer);
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
    Poll poll = new Poll(loop, fifo.writer);
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
    Poll poll = new Poll(loop, fifo.writer);
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
    Poll poll = new Poll(loop, fifo.reader);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> poll.start(16, (r, x) -> {}));
    assertEquals("unknown poll events: 16", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> poll.start(-1, (r, x) -> {}));
    assertFalse(poll.isActive());
  }

  @Test
  void aNullCallbackIsRejected() throws Exception {
    Poll poll = new Poll(loop, fifo.reader);
    assertThrows(NullPointerException.class, () -> poll.start(Poll.READABLE, null));
    assertFalse(poll.isActive());
  }

  @Test
  void aNegativeDescriptorIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Poll(loop, -1));
    assertEquals("fd must be >= 0, got -1", e.getMessage());
  }

  @Test
  void aDescriptorAnotherPollWatchesIsRefusedNamingThatPoll() throws Exception {
    Poll first = new Poll(loop, fifo.reader);
    first.start(Poll.READABLE, (r, x) -> {});
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Poll(loop, fifo.reader));
    assertEquals("cannot watch descriptor " + fifo.reader + ": it is watched by Poll[open] of " + loop
        + "; close that handle first", e.getMessage());
  }

  @Test
  void aClosedPollsDescriptorMayBeWatchedAgain() throws Exception {
    new Poll(loop, fifo.reader).close();
    Poll second = new Poll(loop, fifo.reader);
    assertFalse(second.isActive());
  }

  @Test
  void methodsAfterCloseThrowIllegalState() throws Exception {
    Poll poll = new Poll(loop, fifo.reader);
    poll.close();
    assertThrows(IllegalStateException.class, () -> poll.start(Poll.READABLE, (r, x) -> {}));
    assertThrows(IllegalStateException.class, poll::stop);
  }

  @Test
  void pollsCannotBeMadeOrUsedFromAnotherThread() throws Exception {
    Poll poll = new Poll(loop, fifo.reader);
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
