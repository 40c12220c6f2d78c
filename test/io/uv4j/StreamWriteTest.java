package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamWriteTest extends ConnectedTcpPairBase {
  /** Reads {@code expected} bytes on the server side, then closes both ends. */
  private ByteArrayOutputStream receive(long expected) throws UvException {
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    server.readStart(data -> {
      received.write(Net.bytes(data));
      if (received.size() == expected) {
        server.close();
        client.close();
      }
    });
    return received;
  }

  private static ByteBuffer direct(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
  }

  @Test
  void callbacksOfWritesThatCompleteAtOnceNeverRunInsideWrite() throws Exception {
    List<String> events = new ArrayList<>();
    boolean[] inside = {false};
    Completion record = error -> events.add((inside[0] ? "inside " : "outside ") + error);
    inside[0] = true;
    client.write(direct("a"), record);
    client.write(ByteBuffer.wrap(new byte[] {'b'}), record);
    client.write(new byte[] {'c'}, record);
    client.write("d", record);
    client.write(new ByteBuffer[] {direct("e"), direct("f")}, record);
    client.write(new ByteBuffer[] {direct("g"), ByteBuffer.wrap(new byte[] {'h'})}, record);
    client.write(new ByteBuffer[0], record);
    client.write(ByteBuffer.allocate(0), record);
    inside[0] = false;
    assertEquals(List.of(), events);
    ByteArrayOutputStream received = receive(8);
    loop.run();
    assertEquals(8, events.size());
    for (String event : events) assertEquals("outside null", event);
    assertEquals("abcdefgh", received.toString(StandardCharsets.UTF_8));
  }

  @Test
  void callbacksOfWritesThatFailAtOnceNeverRunInsideWrite() {
    Tcp socketless = new Tcp(loop);
    List<String> events = new ArrayList<>();
    boolean[] inside = {true};
    socketless.write("x", error -> events.add(error.code() + (inside[0] ? " inside" : " outside")));
    inside[0] = false;
    assertEquals(List.of(), events);
    client.close();
    server.close();
    socketless.close();
    loop.run();
    assertEquals(List.of("EBADF outside"), events);
  }

  @Test
  void writeOrderIsKeptWhenEarlyWritesCompleteAtOnceAndLaterOnesQueue() throws Exception {
    int big = 32 << 20;
    List<String> completions = new ArrayList<>();
    byte[] small1 = filled(10, 'a');
    ByteBuffer big2 = ByteBuffer.allocateDirect(big);
    while (big2.hasRemaining()) big2.put((byte) 'b');
    big2.flip();
    byte[] small3 = filled(10, 'c');
    ByteBuffer big4 = ByteBuffer.wrap(filled(big / 2, 'd'));
    client.write(small1, error -> completions.add("1 " + error));
    assertEquals(0, client.writeQueueSize(), "the first write went out at once");
    client.write(big2, error -> completions.add("2 " + error));
    assertTrue(client.writeQueueSize() > 0, "the second write queued");
    client.write(small3, error -> completions.add("3 " + error));
    client.write(big4, error -> completions.add("4 " + error));
    long total = 10 + big + 10 + big / 2;
    long[] received = {0};
    StringBuilder runs = new StringBuilder();
    server.readStart(data -> {
      while (data.hasRemaining()) {
        char c = (char) data.get();
        if (runs.length() == 0 || runs.charAt(runs.length() - 1) != c) runs.append(c);
      }
      received[0] += data.limit();
      if (received[0] == total) {
        server.close();
        client.close();
      }
    });
    loop.run();
    assertEquals(List.of("1 null", "2 null", "3 null", "4 null"), completions);
    assertEquals("abcd", runs.toString(), "bytes arrive in the order written");
  }

  @Test
  void writesLeaveTheBufferPositionAndLimitAlone() throws Exception {
    ByteBuffer directBuffer = direct("0123456789").position(2).limit(5);
    ByteBuffer heapBuffer = ByteBuffer.wrap("abcdefghij".getBytes(StandardCharsets.US_ASCII)).position(7).limit(9);
    client.write(directBuffer, null);
    client.write(heapBuffer, null);
    assertEquals(2, directBuffer.position());
    assertEquals(5, directBuffer.limit());
    assertEquals(7, heapBuffer.position());
    assertEquals(9, heapBuffer.limit());
    ByteArrayOutputStream received = receive(5);
    loop.run();
    assertEquals("234hi", received.toString(StandardCharsets.US_ASCII));
  }

  @Test
  void aHeapSliceWritesOnlyItsWindowOfTheArray() throws Exception {
    byte[] backing = "xxxxWINDOWyyyy".getBytes(StandardCharsets.US_ASCII);
    ByteBuffer slice = ByteBuffer.wrap(backing, 4, 6).slice();
    assertEquals(4, slice.arrayOffset());
    client.write(slice, null);
    ByteArrayOutputStream received = receive(6);
    loop.run();
    assertEquals("WINDOW", received.toString(StandardCharsets.US_ASCII));
  }

  @Test
  void aReadOnlyHeapBufferIsWritten() throws Exception {
    client.write(ByteBuffer.wrap("read-only".getBytes(StandardCharsets.US_ASCII)).asReadOnlyBuffer(), null);
    ByteArrayOutputStream received = receive(9);
    loop.run();
    assertEquals("read-only", received.toString(StandardCharsets.US_ASCII));
  }

  @Test
  void anArrayRangeWritesOnlyThatRange() throws Exception {
    client.write("..range..".getBytes(StandardCharsets.US_ASCII), 2, 5, null);
    ByteArrayOutputStream received = receive(5);
    loop.run();
    assertEquals("range", received.toString(StandardCharsets.US_ASCII));
  }

  @Test
  void aStringIsWrittenAsUtf8() throws Exception {
    client.write("héllo ✓", null);
    byte[] expected = "héllo ✓".getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream received = receive(expected.length);
    loop.run();
    assertArrayEquals(expected, received.toByteArray());
  }

  @Test
  void aVectoredWriteOfMoreThanSixtyFourBuffersKeepsTheirOrder() throws Exception {
    ByteBuffer[] parts = new ByteBuffer[200];
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      String part = i + ",";
      expected.append(part);
      parts[i] = i % 2 == 0 ? direct(part) : ByteBuffer.wrap(part.getBytes(StandardCharsets.US_ASCII));
    }
    List<UvException> done = new ArrayList<>();
    client.write(parts, done::add);
    ByteArrayOutputStream received = receive(expected.length());
    loop.run();
    assertEquals(Arrays.asList((UvException) null), done);
    assertEquals(expected.toString(), received.toString(StandardCharsets.US_ASCII));
  }

  @Test
  void anArrayMayBeReusedOnceWriteReturnsEvenWhenTheWriteQueued() throws Exception {
    long filled = Net.fill(client);
    byte[] data = filled(1000, 'q');
    client.write(data, null);
    assertTrue(client.writeQueueSize() >= 1000, "the write queued");
    Arrays.fill(data, (byte) 'z');
    long[] received = {0};
    int[] q = {0};
    server.readStart(bytes -> {
      received[0] += bytes.remaining();
      while (bytes.hasRemaining()) if (bytes.get() == 'q') q[0]++;
      if (received[0] == filled + 1000) {
        server.close();
        client.close();
      }
    });
    loop.run();
    assertEquals(1000, q[0]);
  }

  @Test
  void writeQueueSizeCountsQueuedBytesAndDrainsToZero() throws Exception {
    long filled = Net.fill(client);
    List<Long> queueAtCompletion = new ArrayList<>();
    client.write(ByteBuffer.allocateDirect(3000), error -> {
      assertNull(error);
      queueAtCompletion.add(client.writeQueueSize());
    });
    assertEquals(3000, client.writeQueueSize());
    long[] received = {0};
    server.readStart(bytes -> {
      received[0] += bytes.remaining();
      if (received[0] == filled + 3000) {
        server.close();
        client.close();
      }
    });
    loop.run();
    assertEquals(List.of(0L), queueAtCompletion);
  }

  @Test
  void tryWriteTakesNothingWhileWritesAreQueued() throws Exception {
    Net.fill(client);
    List<String> queued = new ArrayList<>();
    client.write(ByteBuffer.allocateDirect(10), error -> queued.add(error.code()));
    assertTrue(client.writeQueueSize() > 0);
    assertEquals(0, client.tryWrite(ByteBuffer.allocateDirect(10)));
    assertEquals(0, client.tryWrite(ByteBuffer.allocate(10)));
    client.close();
    loop.run();
    assertEquals(List.of("ECANCELED"), queued);
  }

  @Test
  void aPromisedWriteAfterShutdownIsRejectedWithEpipe() {
    List<String> shutdown = new ArrayList<>();
    client.shutdown(error -> shutdown.add(String.valueOf(error)));
    Promise<Void> write = client.write("late");
    write.catchError(e -> null);
    loop.run();
    client.close();
    server.close();
    assertEquals(List.of("null"), shutdown);
    UvException error = (UvException) write.reason();
    assertEquals("EPIPE", error.code());
    assertEquals("write", error.syscall());
  }

  @Test
  void aPromisedWriteIsFulfilledOnceTheBytesAreOut() throws Exception {
    Promise<Void> write = client.write(direct("promised"));
    ByteArrayOutputStream received = receive(8);
    loop.run();
    assertTrue(write.isFulfilled());
    assertEquals("promised", received.toString(StandardCharsets.US_ASCII));
  }

  private static byte[] filled(int length, char c) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, (byte) c);
    return bytes;
  }
}
