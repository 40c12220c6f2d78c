package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The high-water mark, what write returns against it, and the drain that follows. */
class StreamBackpressureTest extends ConnectedTcpPairBase {
  /** For writes still queued when the loop closes: they fail with ECANCELED, as they should. */
  private static final Completion CANCELLED_AT_CLOSE = error -> {};


  /**
   * Fills the client's socket and queues a large write behind it, so that every later write
   * queues whole; the mark is set above it. Returns the bytes queued.
   */
  private long queueBehindAFullSocket() throws UvException {
    Net.fill(client);
    client.setHighWaterMark(Long.MAX_VALUE);
    client.write(new byte[1 << 20], CANCELLED_AT_CLOSE);
    long queued = client.writeQueueSize();
    assertTrue(queued > 0, "the large write queued");
    return queued;
  }

  /** Fills the socket and writes 1 MiB behind it, which queues; returns what write returned. */
  private boolean writeBehindAFullSocket() throws UvException {
    Net.fill(client);
    return client.write(new byte[1 << 20], CANCELLED_AT_CLOSE);
  }

  /** The server reads and discards everything, so that the client's queue empties. */
  private void discardOnServer() throws UvException {
    server.readStart(data -> {});
  }

  private void closeBoth() {
    client.close();
    server.close();
  }

  @Test
  void theHighWaterMarkIs64KiBUnlessSet() {
    assertEquals(65536, client.highWaterMark());
  }

  @Test
  void setHighWaterMarkChangesTheMarkAndReturnsTheStream() {
    assertSame(client, client.setHighWaterMark(1234));
    assertEquals(1234, client.highWaterMark());
  }

  @Test
  void aNegativeHighWaterMarkIsRejectedNamingTheValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> client.setHighWaterMark(-5));
    assertEquals("high-water mark must be >= 0, got -5", e.getMessage());
    assertEquals(65536, client.highWaterMark());
  }

  @Test
  void aWriteTheSocketTakesAtOnceReturnsTrue() {
    assertTrue(client.write(new byte[1000], null));
    assertEquals(0, client.writeQueueSize());
  }

  @Test
  void writeReturnsTrueWhileTheQueuedBytesStayBelowTheMark() throws UvException {
    long queued = queueBehindAFullSocket();
    client.setHighWaterMark(queued + 3000);
    assertTrue(client.write(new byte[2999], CANCELLED_AT_CLOSE));
    assertEquals(queued + 2999, client.writeQueueSize());
  }

  @Test
  void writeReturnsFalseOnceTheQueuedBytesReachTheMark() throws UvException {
    long queued = queueBehindAFullSocket();
    client.setHighWaterMark(queued + 3000);
    client.write(new byte[2999], CANCELLED_AT_CLOSE);
    assertFalse(client.write(new byte[1], CANCELLED_AT_CLOSE));
    assertEquals(queued + 3000, client.writeQueueSize());
  }

  @Test
  void everyCallbackFormOfWriteReturnsFalseAtTheMark() throws UvException {
    long queued = queueBehindAFullSocket();
    client.setHighWaterMark(queued + 1);
    assertFalse(client.write(ByteBuffer.allocateDirect(1), CANCELLED_AT_CLOSE), "direct buffer");
    assertFalse(client.write(ByteBuffer.allocate(1), CANCELLED_AT_CLOSE), "heap buffer");
    assertFalse(client.write(new byte[1], CANCELLED_AT_CLOSE), "array");
    assertFalse(client.write(new byte[3], 1, 1, CANCELLED_AT_CLOSE), "array range");
    assertFalse(client.write("x", CANCELLED_AT_CLOSE), "string");
    assertFalse(client.write(new ByteBuffer[] {ByteBuffer.allocateDirect(1)}, CANCELLED_AT_CLOSE), "buffers");
    assertEquals(queued + 6, client.writeQueueSize());
  }

  @Test
  void aPromisedWriteThatReachesTheMarkSetsNeedsDrainUntilTheDrain() throws UvException {
    long queued = queueBehindAFullSocket();
    client.setHighWaterMark(queued + 100);
    assertFalse(client.needsDrain());
    client.write(new byte[100]);
    assertTrue(client.needsDrain());
    List<Boolean> atDrain = new ArrayList<>();
    client.onDrain(() -> {
      atDrain.add(client.needsDrain());
      closeBoth();
    });
    discardOnServer();
    loop.run();
    assertEquals(List.of(false), atDrain);
  }

  @Test
  void theDrainRunsOnceRightAfterTheCallbackOfTheWriteThatCompletedLast() throws UvException {
    long queued = queueBehindAFullSocket();
    client.setHighWaterMark(queued + 1000);
    List<String> events = new ArrayList<>();
    client.onDrain(() -> {
      events.add("drain");
      closeBoth();
    });
    client.write(new byte[1000], error -> events.add("write 1"));
    client.write(new byte[1000], error -> events.add("write 2"));
    client.write(new byte[1000], error -> events.add("write 3"));
    discardOnServer();
    loop.run();
    assertEquals(List.of("write 1", "write 2", "write 3", "drain"), events);
  }

  @Test
  void drainListenersRunInTheOrderTheyWereAdded() throws UvException {
    client.setHighWaterMark(0);
    List<String> order = new ArrayList<>();
    client.onDrain(() -> order.add("first")).onDrain(() -> order.add("second")).onDrain(() -> {
      order.add("third");
      closeBoth();
    });
    client.write("x", null);
    discardOnServer();
    loop.run();
    assertEquals(List.of("first", "second", "third"), order);
  }

  @Test
  void eachTimeTheQueueReachesTheMarkAgainItDrainsAgain() throws UvException {
    client.setHighWaterMark(1);
    int[] drains = {0};
    client.onDrain(Net.unchecked(() -> {
      if (++drains[0] == 2) closeBoth();
      else assertFalse(writeBehindAFullSocket(), "the second write reached the mark");
    }));
    assertFalse(writeBehindAFullSocket(), "the first write reached the mark");
    discardOnServer();
    loop.run();
    assertEquals(2, drains[0]);
  }

  @Test
  void thereIsNoDrainWhenTheQueueNeverReachedTheMark() throws UvException {
    client.setHighWaterMark(2 << 20);
    Net.fill(client);
    List<String> events = new ArrayList<>();
    client.onDrain(() -> events.add("drain"));
    assertTrue(client.write(new byte[1 << 20], error -> {
      events.add("written");
      // a drain would run right after this callback: look once it is over
      loop.nextTick(this::closeBoth);
    }));
    assertTrue(client.writeQueueSize() > 0, "the write queued");
    discardOnServer();
    loop.run();
    assertEquals(List.of("written"), events);
  }

  @Test
  void withAMarkOfZeroEveryWriteReturnsFalseAndIsFollowedByADrain() {
    client.setHighWaterMark(0);
    List<String> events = new ArrayList<>();
    client.onDrain(() -> {
      events.add("drain");
      closeBoth();
    });
    assertFalse(client.write("x", error -> events.add("written")));
    assertEquals(0, client.writeQueueSize(), "the write went out at once");
    loop.run();
    assertEquals(List.of("written", "drain"), events);
  }

  @Test
  void aThrowingDrainListenerGoesToTheUncaughtHandlerAndTheNextListenerStillRuns() {
    List<String> events = new ArrayList<>();
    loop.onUncaughtException((error, origin) -> events.add(origin + " " + error.getMessage()));
    client.setHighWaterMark(0);
    client.onDrain(() -> {
      throw new IllegalStateException("listener failed");
    });
    client.onDrain(() -> {
      events.add("next listener");
      closeBoth();
    });
    client.write("x", null);
    loop.run();
    assertEquals(List.of(ErrorOrigin.UNCAUGHT_EXCEPTION + " listener failed", "next listener"), events);
  }

  @Test
  void aStreamClosedWithWritesQueuedDoesNotDrain() throws UvException {
    client.setHighWaterMark(1);
    Net.fill(client);
    List<String> events = new ArrayList<>();
    client.onDrain(() -> events.add("drain"));
    assertFalse(client.write(new byte[1 << 20], error -> events.add(error.code())));
    closeBoth();
    loop.run();
    assertEquals(List.of("ECANCELED"), events);
  }

  @Test
  void aFastProducerIntoASlowConsumerKeepsTheQueueWithinTheMarkPlusOneChunk() throws UvException {
    long total = 16 << 20;
    int chunk = 16 << 10;
    long mark = client.highWaterMark();
    // small socket buffers: the consumer's window is narrow, so the producer's queue builds
    client.setSendBufferSize(16 << 10);
    server.setReceiveBufferSize(16 << 10);
    long[] sent = {0};
    long[] largestQueue = {0};
    int[] fullQueues = {0};
    Runnable produce = () -> {
      while (sent[0] < total) {
        int n = (int) Math.min(chunk, total - sent[0]);
        boolean belowMark = client.write(PatternBytes.range(sent[0], n), error -> assertNull(error));
        sent[0] += n;
        largestQueue[0] = Math.max(largestQueue[0], client.writeQueueSize());
        if (!belowMark) {
          fullQueues[0]++;
          return;
        }
      }
    };
    client.onDrain(produce);
    PatternBytes consumed = new PatternBytes();
    server.readStart(data -> {
      consumed.check(data);
      if (consumed.received() == total) closeBoth();
    });
    produce.run();
    loop.run();
    assertEquals(total, consumed.received());
    assertTrue(fullQueues[0] > 0, "the producer reached the mark");
    assertTrue(largestQueue[0] <= mark + chunk, "queue peaked at " + largestQueue[0]);
  }
}
