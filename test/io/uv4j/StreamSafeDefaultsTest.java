package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * What a stream does by itself at end of stream and on errors, as Node's sockets do with {@code
 * allowHalfOpen} off. No uncaught-exception handler is set unless a test says so: a stream error
 * that reached the uncaught handling would make {@link Loop#run()} throw.
 */
class StreamSafeDefaultsTest extends ConnectedTcpPairBase {
  /** Far more than the socket buffers the tests shrink can hold, so that writes queue. */
  private static final int QUEUED_BYTES = 4 << 20;
  private static final int SMALL_BUFFER = 16 << 10;

  private final List<String> events = new ArrayList<>();
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();

  private Runnable record(String event) {
    return () -> events.add(event);
  }

  /** Reads everything the client gets into {@link #received}; tells of the end as "client end". */
  private Stream.Reader clientCollector() {
    return new Stream.Reader() {
      @Override
      public void onData(ByteBuffer data) {
        received.write(Net.bytes(data), 0, data.remaining());
      }

      @Override
      public void onEnd() {
        events.add("client end");
      }
    };
  }

  /** Queues {@link #QUEUED_BYTES} on the server, toward a client that does not read yet. */
  private byte[] queueOnServer() throws UvException {
    server.setSendBufferSize(SMALL_BUFFER);
    client.setReceiveBufferSize(SMALL_BUFFER);
    byte[] sent = new byte[QUEUED_BYTES];
    new SplittableRandom(11).nextBytes(sent);
    server.write(sent, null);
    assertTrue(server.writeQueueSize() > 0, "the write is queued");
    return sent;
  }

  @Test
  void aPeerResetReachesOnErrorThenClosesTheStream() throws Exception {
    server.readStart(new Stream.Reader() {
      @Override
      public void onData(ByteBuffer data) {}

      @Override
      public void onError(UvException error) {
        events.add("onError " + error.code() + ", closing " + server.isClosing());
      }
    });
    server.onClose(record("closed"));
    client.closeReset(null);
    loop.run();
    assertEquals(List.of("onError ECONNRESET, closing false", "closed"), events);
  }

  @Test
  void aLambdaReaderSurvivesAPeerReset() throws Exception {
    server.readStart(data -> {});
    server.onClose(record("closed"));
    client.closeReset(null);
    loop.run();
    assertEquals(List.of("closed"), events);
  }

  @Test
  void endOfStreamEndsTheWritingSideOnceTheQueuedWritesAreOutThenCloses() throws Exception {
    byte[] sent = queueOnServer();
    server.readStart(new Stream.Reader() {
      @Override
      public void onData(ByteBuffer data) {}

      @Override
      public void onEnd() throws UvException {
        events.add("server end, writes queued " + (server.writeQueueSize() > 0));
        client.readStart(clientCollector());
      }
    });
    server.onClose(record("server closed"));
    client.shutdown(null);
    loop.run();
    assertArrayEquals(sent, received.toByteArray());
    assertEquals("server end, writes queued true", events.get(0));
    // the client's end and the server's close race: the server closes once the last bytes are out
    assertEquals(List.of("client end", "server closed"), events.subList(1, events.size()).stream().sorted().toList());
  }

  @Test
  void aShutdownInFlightAtEndOfStreamClosesTheStreamOnceItCompletes() throws Exception {
    byte[] sent = queueOnServer();
    server.shutdown(error -> events.add("server shutdown " + error + ", closing " + server.isClosing()));
    server.readStart(new Stream.Reader() {
      @Override
      public void onData(ByteBuffer data) {}

      @Override
      public void onEnd() throws UvException {
        events.add("server end");
        client.readStart(data -> received.write(Net.bytes(data), 0, data.remaining()));
      }
    });
    server.onClose(record("server closed"));
    client.shutdown(null);
    loop.run();
    assertArrayEquals(sent, received.toByteArray());
    assertEquals(List.of("server end", "server shutdown null, closing false", "server closed"), events);
  }

  @Test
  void aWriteMadeInOnEndGoesOutBeforeTheStreamEnds() throws Exception {
    server.readStart(new Stream.Reader() {
      @Override
      public void onData(ByteBuffer data) {}

      @Override
      public void onEnd() {
        server.write("bye", null);
      }
    });
    client.readStart(clientCollector());
    client.shutdown(null);
    loop.run();
    assertEquals("bye", received.toString(StandardCharsets.UTF_8));
    assertEquals(List.of("client end"), events);
  }

  @Test
  void halfOpenIsOffUntilAskedFor() {
    assertFalse(server.allowsHalfOpen());
    assertSame(server, server.allowHalfOpen(true));
    assertTrue(server.allowsHalfOpen());
    server.allowHalfOpen(false);
    assertFalse(server.allowsHalfOpen());
  }

  @Test
  void halfOpenIsRefusedFromAnotherThread() throws Exception {
    OtherThread.assertRejected(() -> server.allowHalfOpen(true));
    OtherThread.assertRejected(server::allowsHalfOpen);
  }

  @Test
  void aHalfOpenStreamStaysWritableAfterEndOfStream() throws Exception {
    server.allowHalfOpen(true);
    server.readStart(new Stream.Reader() {
      @Override
      public void onData(ByteBuffer data) {}

      @Override
      public void onEnd() {
        events.add("server end");
        loop.setImmediate(() -> {
          events.add("later, closing " + server.isClosing());
          server.write("after the end", error -> {
            events.add("written " + error);
            server.close();
          });
        });
      }
    });
    client.readStart(clientCollector());
    client.shutdown(null);
    loop.run();
    assertEquals("after the end", received.toString(StandardCharsets.UTF_8));
    assertEquals(List.of("server end", "later, closing false", "written null", "client end"), events);
  }

  @Test
  void aStreamThatCannotShutDownClosesAtEndOfStream() throws Exception {
    Pipe.Ends ends = Pipe.anonymous(loop);
    Pipe readEnd = ends.readEnd();
    assertFalse(readEnd.isWritable());
    readEnd.readStart(new Stream.Reader() {
      @Override
      public void onData(ByteBuffer data) {
        events.add("data " + StandardCharsets.UTF_8.decode(data));
      }

      @Override
      public void onEnd() {
        events.add("end");
      }
    });
    readEnd.onClose(record("read end closed"));
    ends.writeEnd().write("x", error -> ends.writeEnd().close());
    client.close();
    server.close();
    loop.run();
    assertEquals(List.of("data x", "end", "read end closed"), events);
  }

  @Test
  void aStreamClosedInOnEndIsLeftAsItIs() throws Exception {
    server.readStart(new Stream.Reader() {
      @Override
      public void onData(ByteBuffer data) {}

      @Override
      public void onEnd() {
        server.close(record("close callback"));
      }
    });
    server.onClose(record("listener"));
    client.shutdown(null);
    loop.run();
    assertEquals(List.of("close callback", "listener"), events);
  }

  @Test
  void aFailedWriteWithNoCallbackReachesTheReaderThenClosesTheStream() throws Exception {
    server.readStart(new Stream.Reader() {
      @Override
      public void onData(ByteBuffer data) {}

      @Override
      public void onError(UvException error) {
        events.add("onError " + error.code() + " from " + error.syscall() + ", closing " + server.isClosing());
      }
    });
    server.onClose(record("closed"));
    server.shutdown(null);
    server.write("after shutdown", null);
    loop.run();
    assertEquals(List.of("onError EPIPE from write, closing false", "closed"), events);
  }

  @Test
  void aFailedWriteWithNoCallbackOnAStreamNotReadingClosesIt() {
    server.onClose(record("closed"));
    server.shutdown(null);
    server.write("after shutdown", null);
    loop.run();
    assertEquals(List.of("closed"), events);
  }

  @Test
  void aFailedShutdownWithNoCallbackGoesTheWayOfAFailedWrite() throws Exception {
    server.readStart(new Stream.Reader() {
      @Override
      public void onData(ByteBuffer data) {}

      @Override
      public void onError(UvException error) {
        events.add("onError " + error.code() + " from " + error.syscall());
      }
    });
    server.onClose(record("closed"));
    server.shutdown(null);
    server.shutdown(null);
    loop.run();
    assertEquals(List.of("onError ENOTCONN from shutdown", "closed"), events);
  }

  @Test
  void whatTheReaderThrowsStillGoesToTheUncaughtHandling() throws Exception {
    IllegalStateException thrown = new IllegalStateException("from onData");
    server.readStart(data -> {
      throw thrown;
    });
    client.write("x", null);
    assertSame(thrown, assertThrows(IllegalStateException.class, loop::run));
  }

  @Test
  void aReaderThatThrowsAtEndOfStreamStillHasTheStreamClosed() throws Exception {
    List<Throwable> uncaught = new ArrayList<>();
    loop.onUncaughtException((error, origin) -> uncaught.add(error));
    IllegalStateException thrown = new IllegalStateException("from onEnd");
    server.readStart(new Stream.Reader() {
      @Override
      public void onData(ByteBuffer data) {}

      @Override
      public void onEnd() {
        throw thrown;
      }
    });
    server.onClose(record("closed"));
    client.shutdown(null);
    loop.run();
    assertEquals(List.of(thrown), uncaught);
    assertEquals(List.of("closed"), events);
  }
}
