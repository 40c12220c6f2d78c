package io.uv4j;

import static io.uv4j.Net.V4;
import static io.uv4j.Net.V6;
import static io.uv4j.Net.any;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class TcpTest extends LoopTestBase {

  TcpTest() {
    super(60_000);
  }

  /** A server on an ephemeral loopback port that echoes every connection until EOF. */
  private Tcp echoServer(InetAddress host, int[] accepted) throws UvException {
    Tcp server = new Tcp(loop);
    server.bind(any(host));
    server.listen(128, error -> {
      assertNull(error);
      Tcp conn = new Tcp(loop);
      server.accept(conn);
      accepted[0]++;
      conn.readStart(new Stream.Reader() {
        @Override
        public void onData(ByteBuffer data) {
          conn.write(data, null);
        }

        @Override
        public void onEnd() {
          conn.close();
        }
      });
    });
    return server;
  }

  private String echoOnce(InetAddress host) throws Exception {
    Tcp server = echoServer(host, new int[1]);
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    Tcp client = new Tcp(loop);
    List<String> events = new ArrayList<>();
    client.connect(server.localAddress(), error -> {
      assertNull(error);
      events.add("connect");
      client.readStart(data -> {
        received.write(Net.bytes(data));
        if (received.size() == 5) {
          client.close();
          server.close();
        }
      });
      client.write("hello", e -> events.add("written " + e));
    });
    loop.run();
    assertEquals(List.of("connect", "written null"), events);
    return received.toString(StandardCharsets.UTF_8);
  }

  @Test
  void echoRoundTripOverIpv4() throws Exception {
    assertEquals("hello", echoOnce(V4));
  }

  @Test
  void echoRoundTripOverIpv6() throws Exception {
    assertEquals("hello", echoOnce(V6));
  }

  @Test
  void hundredMegabytesOfMixedWritesArriveIntactAndInOrder() throws Exception {
    long total = 100L << 20;
    Tcp[] pair = Net.connectedPair(loop, V4);
    Tcp client = pair[0];
    Tcp server = pair[1];
    CRC32 sentCrc = new CRC32();
    CRC32 receivedCrc = new CRC32();
    long[] received = new long[1];
    server.readStart(new Stream.Reader() {
      @Override
      public void onData(ByteBuffer data) {
        received[0] += data.remaining();
        receivedCrc.update(data);
      }

      @Override
      public void onEnd() {
        server.close();
      }
    });
    Random random = new Random(42);
    ArrayDeque<ByteBuffer> freeDirect = new ArrayDeque<>();
    for (int i = 0; i < 8; i++) freeDirect.add(ByteBuffer.allocateDirect(256 << 10));
    long[] sent = new long[1];
    int[] kinds = new int[5];
    Runnable[] pump = new Runnable[1];
    pump[0] = () -> {
      while (sent[0] < total && !freeDirect.isEmpty()) {
        int size = (int) Math.min(total - sent[0], 1 + random.nextInt(256 << 10));
        byte[] chunk = new byte[size];
        random.nextBytes(chunk);
        sentCrc.update(chunk);
        sent[0] += size;
        ByteBuffer slot = freeDirect.poll();
        Completion done = error -> {
          assertNull(error);
          freeDirect.add(slot);
          pump[0].run();
        };
        int kind = (int) ((sent[0] / 7919) % 5);
        kinds[kind]++;
        switch (kind) {
          case 0 -> client.write(slot.clear().put(chunk).flip(), done);
          case 1 -> {
            // a heap buffer whose bytes start past the array's beginning
            byte[] backing = new byte[size + 3];
            System.arraycopy(chunk, 0, backing, 3, size);
            client.write(ByteBuffer.wrap(backing, 3, size).slice(), done);
          }
          case 2 -> client.write(chunk, done);
          case 3 -> {
            int half = size / 2;
            slot.clear().put(chunk, 0, half).flip();
            ByteBuffer second = ByteBuffer.allocateDirect(size - half).put(chunk, half, size - half).flip();
            client.write(new ByteBuffer[] {slot, second}, done);
          }
          default -> {
            int half = size / 2;
            slot.clear().put(chunk, 0, half).flip();
            client.write(new ByteBuffer[] {slot, ByteBuffer.wrap(chunk, half, size - half)}, done);
          }
        }
      }
      if (sent[0] == total && freeDirect.size() == 8 && !client.isClosing()) {
        client.shutdown(error -> client.close());
      }
    };
    pump[0].run();
    loop.run();
    assertEquals(total, received[0]);
    assertEquals(sentCrc.getValue(), receivedCrc.getValue());
    for (int count : kinds) assertTrue(count > 0, "every kind of write was used");
  }

  @Test
  void aThousandConnectionsInBatchesEachEchoOnceAndClose() throws Exception {
    int connections = 1000;
    int batch = 50;
    int[] accepted = new int[1];
    Tcp server = echoServer(V4, accepted);
    InetSocketAddress address = server.localAddress();
    List<String> echoes = new ArrayList<>();
    int[] started = new int[1];
    int[] finished = new int[1];
    Runnable[] nextBatch = new Runnable[1];
    nextBatch[0] = () -> {
      int end = Math.min(connections, started[0] + batch);
      for (; started[0] < end; started[0]++) {
        String message = "connection " + started[0];
        Tcp client = new Tcp(loop);
        client.connect(address, error -> {
          assertNull(error);
          ByteArrayOutputStream got = new ByteArrayOutputStream();
          client.readStart(data -> {
            got.write(Net.bytes(data));
            if (got.size() < message.length()) return;
            echoes.add(got.toString(StandardCharsets.UTF_8));
            client.close(() -> {
              finished[0]++;
              if (finished[0] == connections) server.close();
              else if (finished[0] == started[0]) nextBatch[0].run();
            });
          });
          client.write(message, null);
        });
      }
    };
    nextBatch[0].run();
    loop.run();
    assertEquals(connections, accepted[0]);
    assertEquals(connections, echoes.size());
    for (int i = 0; i < connections; i++) assertTrue(echoes.contains("connection " + i), "echo of " + i);
  }

  @Test
  void afterTheClientShutsDownTheServerReadsEndAndCanStillReply() throws Exception {
    Tcp[] pair = Net.connectedPair(loop, V4);
    Tcp client = pair[0];
    Tcp server = pair[1];
    List<String> events = new ArrayList<>();
    server.readStart(new Stream.Reader() {
      @Override
      public void onData(ByteBuffer data) {
        events.add("server got " + StandardCharsets.UTF_8.decode(data));
      }

      @Override
      public void onEnd() {
        events.add("server end");
        server.write("pong", error -> {
          events.add("server wrote " + error);
          server.close();
        });
      }
    });
    client.readStart(new Stream.Reader() {
      @Override
      public void onData(ByteBuffer data) {
        events.add("client got " + StandardCharsets.UTF_8.decode(data));
      }

      @Override
      public void onEnd() {
        events.add("client end");
        client.close();
      }
    });
    client.write("ping", null);
    client.shutdown(error -> events.add("shutdown " + error));
    loop.run();
    assertEquals(
        List.of("shutdown null", "server got ping", "server end", "server wrote null", "client got pong", "client end"),
        events);
  }

  @Test
  void connectToAClosedPortFailsWithEconnrefusedNamingTheAddress() throws Exception {
    Tcp probe = new Tcp(loop);
    probe.bind(any(V4));
    InetSocketAddress unused = probe.localAddress();
    probe.close();
    Tcp client = new Tcp(loop);
    UvException[] failure = new UvException[1];
    client.connect(unused, error -> {
      failure[0] = error;
      client.close();
    });
    loop.run();
    assertEquals("ECONNREFUSED", failure[0].code());
    assertEquals("connect", failure[0].syscall());
    assertEquals("127.0.0.1:" + unused.getPort(), failure[0].path());
    assertEquals("ECONNREFUSED: connection refused, connect '127.0.0.1:" + unused.getPort() + "'", failure[0].getMessage());
  }

  @Test
  void secondListenerOnTheSamePortFailsWithEaddrinuse() throws Exception {
    Tcp first = new Tcp(loop);
    first.bind(any(V4));
    first.listen(1, error -> {});
    Tcp second = new Tcp(loop);
    // libuv may report the conflict at bind or defer it to listen, as Node sees it
    UvException e = assertThrows(UvException.class, () -> {
      second.bind(first.localAddress());
      second.listen(1, error -> {});
    });
    assertEquals("EADDRINUSE", e.code());
    first.close();
    second.close();
  }

  @Test
  void ipv6OnlyFlagIsRefusedForAnIpv4Address() {
    Tcp tcp = new Tcp(loop);
    UvException e = assertThrows(UvException.class, () -> tcp.bind(any(V4), Tcp.IPV6_ONLY));
    assertEquals("EINVAL", e.code());
    tcp.close();
  }

  @Test
  void ipv6OnlyListenerOnLoopbackServesIpv6Clients() throws Exception {
    Tcp server = new Tcp(loop);
    server.bind(any(V6), Tcp.IPV6_ONLY);
    assertInstanceOf(Inet6Address.class, server.localAddress().getAddress());
    List<InetSocketAddress> peers = new ArrayList<>();
    server.listen(1, error -> {
      Tcp conn = new Tcp(loop);
      server.accept(conn);
      peers.add(conn.remoteAddress());
      conn.close();
      server.close();
    });
    Tcp client = new Tcp(loop);
    client.connect(server.localAddress(), error -> {
      assertNull(error);
      client.close();
    });
    loop.run();
    assertEquals(V6, peers.get(0).getAddress());
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void ipv6OnlyFlagRefusesAnIpv4MappedAddress() throws Exception {
    InetAddress mapped = Inet6Address.getByAddress(null, new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, 127, 0, 0, 1}, 0);
    Tcp v6only = new Tcp(loop);
    UvException e = assertThrows(UvException.class, () -> v6only.bind(any(mapped), Tcp.IPV6_ONLY));
    assertEquals("EINVAL", e.code());
    Tcp dual = new Tcp(loop);
    dual.bind(any(mapped));
    assertEquals(V4, dual.localAddress().getAddress());
    v6only.close();
    dual.close();
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void reusePortLetsTwoListenersShareOnePort() throws Exception {
    Tcp first = new Tcp(loop);
    first.bind(any(V4), Tcp.REUSE_PORT);
    first.listen(1, error -> {});
    Tcp second = new Tcp(loop);
    second.bind(first.localAddress(), Tcp.REUSE_PORT);
    second.listen(1, error -> {});
    assertEquals(first.localAddress(), second.localAddress());
    assertTrue(first.isActive() && second.isActive());
    first.close();
    second.close();
  }

  @Test
  void bindRejectsUnknownFlags() {
    Tcp tcp = new Tcp(loop);
    assertThrows(IllegalArgumentException.class, () -> tcp.bind(any(V4), 4));
    tcp.close();
  }

  @Test
  void socketOptionsApplyToAConnectedSocket() throws Exception {
    Tcp[] pair = Net.connectedPair(loop, V4);
    Tcp client = pair[0];
    client.noDelay(true);
    client.noDelay(false);
    client.keepAlive(true, 30);
    client.keepAlive(false, 0);
    client.setSendBufferSize(64 << 10);
    client.setReceiveBufferSize(64 << 10);
    assertTrue(client.sendBufferSize() >= 64 << 10, "send buffer " + client.sendBufferSize());
    assertTrue(client.receiveBufferSize() >= 64 << 10, "receive buffer " + client.receiveBufferSize());
    // the options leave the connection usable
    pair[1].readStart(data -> {
      assertEquals("still fine", StandardCharsets.UTF_8.decode(data).toString());
      pair[1].close();
      client.close();
    });
    client.write("still fine", null);
    loop.run();
    assertTrue(client.isClosing());
  }

  @Test
  void keepAliveNeedsADelayOfAtLeastOneSecond() {
    Tcp tcp = new Tcp(loop);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tcp.keepAlive(true, 0));
    assertEquals("delay must be >= 1 s, got 0", e.getMessage());
    tcp.close();
  }

  @Test
  void bufferSizesMustBePositive() {
    Tcp tcp = new Tcp(loop);
    assertThrows(IllegalArgumentException.class, () -> tcp.setSendBufferSize(0));
    assertThrows(IllegalArgumentException.class, () -> tcp.setReceiveBufferSize(-1));
    tcp.close();
  }

  @Test
  void bufferSizesOfASocketlessHandleFailWithEbadf() {
    Tcp tcp = new Tcp(loop);
    assertEquals("EBADF", assertThrows(UvException.class, tcp::sendBufferSize).code());
    assertEquals("EBADF", assertThrows(UvException.class, tcp::receiveBufferSize).code());
    tcp.close();
  }

  @Test
  void filenoIsEbadfBeforeASocketExistsAndDistinctAfter() throws Exception {
    Tcp fresh = new Tcp(loop);
    assertEquals("EBADF", assertThrows(UvException.class, fresh::fileno).code());
    Tcp[] pair = Net.connectedPair(loop, V4);
    long a = pair[0].fileno();
    long b = pair[1].fileno();
    assertTrue(a >= 0 && b >= 0);
    assertNotEquals(a, b);
    assertEquals(a, pair[0].fileno());
    fresh.close();
    pair[0].close();
    pair[1].close();
  }

  @Test
  void localAndRemoteAddressesMirrorEachOther() throws Exception {
    Tcp[] pair = Net.connectedPair(loop, V4);
    assertEquals(pair[0].localAddress(), pair[1].remoteAddress());
    assertEquals(pair[0].remoteAddress(), pair[1].localAddress());
    assertEquals(V4, pair[0].remoteAddress().getAddress());
    pair[0].close();
    pair[1].close();
  }

  @Test
  void addressesOfAnUnconnectedHandleFail() throws Exception {
    Tcp tcp = new Tcp(loop);
    assertEquals("EBADF", assertThrows(UvException.class, tcp::localAddress).code());
    tcp.bind(any(V4));
    assertEquals(V4, tcp.localAddress().getAddress());
    assertTrue(tcp.localAddress().getPort() > 0);
    UvException e = assertThrows(UvException.class, tcp::remoteAddress);
    assertEquals("ENOTCONN", e.code());
    assertEquals("getpeername", e.syscall());
    tcp.close();
  }

  @Test
  void writeAfterShutdownFailsThroughItsCallbackLater() throws Exception {
    Tcp[] pair = Net.connectedPair(loop, V4);
    Tcp client = pair[0];
    List<String> events = new ArrayList<>();
    client.shutdown(error -> events.add("shutdown " + error));
    boolean[] inside = {true};
    client.write("too late", error -> events.add("write " + error.code() + " inside=" + inside[0]));
    inside[0] = false;
    events.add("returned");
    loop.run();
    assertEquals("returned", events.get(0));
    assertTrue(events.contains("write EPIPE inside=false"), events.toString());
    pair[0].close();
    pair[1].close();
  }

  @Test
  void closingWithQueuedWritesCancelsEachBeforeTheCloseCallback() throws Exception {
    Tcp[] pair = Net.connectedPair(loop, V4);
    Tcp client = pair[0];
    List<String> events = new ArrayList<>();
    // more than the socket's buffers can hold while the peer reads nothing: the first write stays
    // queued, whenever the peer's acknowledgements free room, and the others queue behind it
    client.write(ByteBuffer.allocateDirect(64 << 20), error -> events.add("direct " + error.code()));
    client.write(new byte[1000], error -> events.add("array " + error.code()));
    client.write(new ByteBuffer[] {ByteBuffer.allocateDirect(10), ByteBuffer.allocateDirect(10)},
        error -> events.add("vector " + error.code()));
    Promise<Void> promised = client.write(ByteBuffer.allocate(100));
    promised.catchError(e -> {
      events.add("promise " + ((UvException) e).code());
      return null;
    });
    assertTrue(client.writeQueueSize() >= 2120, "queued " + client.writeQueueSize());
    client.close(() -> events.add("close"));
    pair[1].close();
    loop.run();
    assertEquals(List.of("direct ECANCELED", "array ECANCELED", "vector ECANCELED", "promise ECANCELED", "close"), events);
  }

  @Test
  void closingAConnectingHandleCancelsTheConnectBeforeTheCloseCallback() throws Exception {
    Tcp server = new Tcp(loop);
    server.bind(any(V4));
    server.listen(1, error -> {
      Tcp conn = new Tcp(loop);
      server.accept(conn);
      conn.close();
    });
    Tcp client = new Tcp(loop);
    List<String> events = new ArrayList<>();
    client.connect(server.localAddress(), error -> events.add("connect " + error.code()));
    client.close(() -> {
      events.add("close");
      server.close();
    });
    loop.run();
    assertEquals(List.of("connect ECANCELED", "close"), events);
  }

  @Test
  void closeResetMakesThePeerReadEconnreset() throws Exception {
    Tcp[] pair = Net.connectedPair(loop, V4);
    List<String> events = new ArrayList<>();
    pair[1].readStart(new Stream.Reader() {
      @Override
      public void onData(ByteBuffer data) {
        events.add("data");
      }

      @Override
      public void onEnd() {
        events.add("end");
        pair[1].close();
      }

      @Override
      public void onError(UvException error) {
        events.add(error.code() + " " + error.syscall());
        pair[1].close();
      }
    });
    pair[0].closeReset(() -> events.add("reset closed"));
    assertTrue(pair[0].isClosing());
    loop.run();
    assertTrue(events.contains("ECONNRESET read"), events.toString());
    assertTrue(events.contains("reset closed"), events.toString());
  }

  @Test
  void closeResetAfterShutdownIsRefusedAndLeavesTheHandleOpen() throws Exception {
    Tcp[] pair = Net.connectedPair(loop, V4);
    List<UvException> shutdown = new ArrayList<>();
    pair[0].shutdown(shutdown::add);
    UvException e = assertThrows(UvException.class, () -> pair[0].closeReset(null));
    assertEquals("EINVAL", e.code());
    assertTrue(!pair[0].isClosing());
    assertTrue(!pair[0].isWritable());
    loop.run();
    assertEquals(1, shutdown.size());
    assertNull(shutdown.get(0));
    pair[0].close();
    pair[1].close();
  }

  @Test
  void tryWriteReturnsTheBytesTakenAndZeroWhenTheSocketIsFull() throws Exception {
    Tcp[] pair = Net.connectedPair(loop, V4);
    Tcp client = pair[0];
    ByteBuffer chunk = ByteBuffer.allocateDirect(64 << 10);
    int first = client.tryWrite(chunk);
    assertTrue(first > 0 && first <= chunk.capacity(), "first tryWrite took " + first);
    assertEquals(0, chunk.position(), "tryWrite leaves the position alone");
    long total = first;
    int n;
    while ((n = client.tryWrite(chunk)) > 0) total += n;
    assertEquals(0, n);
    long expected = total;
    long[] received = new long[1];
    pair[1].readStart(data -> {
      received[0] += data.remaining();
      if (received[0] == expected) {
        pair[0].close();
        pair[1].close();
      }
    });
    loop.run();
    assertEquals(total, received[0]);
  }

  @Test
  void readStopPausesDeliveryAndReadStartResumesIt() throws Exception {
    Tcp[] pair = Net.connectedPair(loop, V4);
    Tcp client = pair[0];
    Tcp server = pair[1];
    List<String> events = new ArrayList<>();
    server.readStart(data -> {
      events.add("first reader " + StandardCharsets.UTF_8.decode(data));
      server.readStop();
      client.write("b", null);
      Timer holdBack = new Timer(loop);
      holdBack.start(100, Net.unchecked(() -> {
        events.add("timer");
        holdBack.close();
        server.readStart(more -> {
          events.add("second reader " + StandardCharsets.UTF_8.decode(more));
          server.close();
          client.close();
        });
      }));
    });
    client.write("a", null);
    loop.run();
    assertEquals(List.of("first reader a", "timer", "second reader b"), events);
  }

  @Test
  void readsFillTheBuffersTheAllocatorSupplies() throws Exception {
    Tcp[] pair = Net.connectedPair(loop, V4);
    List<ByteBuffer> supplied = new ArrayList<>();
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    String message = "hello allocator, in pieces";
    pair[1].readStart(() -> {
      ByteBuffer buffer = ByteBuffer.allocateDirect(16).position(3);
      supplied.add(buffer);
      return buffer;
    }, data -> {
      assertSame(supplied.get(supplied.size() - 1), data);
      assertEquals(3, data.position());
      received.write(Net.bytes(data));
      if (received.size() == message.length()) {
        pair[0].close();
        pair[1].close();
      }
    });
    pair[0].write(message, null);
    loop.run();
    assertEquals(message, received.toString(StandardCharsets.UTF_8));
    // 13 bytes of room a buffer: two reads, each into a buffer of its own
    assertEquals(2, supplied.size());
  }

  @Test
  void aHeapBufferFromTheAllocatorIsRejected() throws Exception {
    Tcp[] pair = Net.connectedPair(loop, V4);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> pair[1].readStart(() -> ByteBuffer.allocate(16), data -> {}));
    assertTrue(e.getMessage().startsWith("read buffers must be direct"), e.getMessage());
    assertTrue(!pair[1].isActive(), "reading did not start");
    pair[0].close();
    pair[1].close();
  }

  @Test
  void aReadOnlyBufferFromTheAllocatorIsRejected() throws Exception {
    Tcp[] pair = Net.connectedPair(loop, V4);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> pair[1].readStart(() -> ByteBuffer.allocateDirect(16).asReadOnlyBuffer(), data -> {}));
    assertTrue(e.getMessage().startsWith("read buffer is read-only"), e.getMessage());
    pair[0].close();
    pair[1].close();
  }

  @Test
  void aLaterHeapBufferFromTheAllocatorGoesToTheUncaughtHandler() throws Exception {
    Tcp[] pair = Net.connectedPair(loop, V4);
    List<Throwable> uncaught = new ArrayList<>();
    loop.onUncaughtException((error, origin) -> {
      uncaught.add(error);
      pair[0].close();
      pair[1].close();
    });
    int[] calls = new int[1];
    pair[1].readStart(() -> calls[0]++ == 0 ? ByteBuffer.allocateDirect(16) : ByteBuffer.allocate(16), data -> {});
    pair[0].write("x", null);
    loop.run();
    assertEquals(1, uncaught.size());
    assertInstanceOf(IllegalArgumentException.class, uncaught.get(0));
  }

  @Test
  void slabBuffersKeptPastTheirCallbackStayReadable() throws Exception {
    Tcp[] pair = Net.connectedPair(loop, V4);
    byte[] payload = new byte[6 << 20];
    new Random(7).nextBytes(payload);
    int chunk = 12_345;
    List<ByteBuffer> kept = new ArrayList<>();
    ByteArrayOutputStream copied = new ByteArrayOutputStream();
    long[] received = new long[1];
    int[] sent = {Math.min(chunk, payload.length)};
    // one chunk at a time, the next once the last has arrived: many reads reuse the loop's slab
    pair[1].readStart(data -> {
      kept.add(data);
      copied.write(Net.bytes(data));
      received[0] += data.remaining();
      if (received[0] == payload.length) {
        pair[0].close();
        pair[1].close();
      } else if (received[0] == sent[0]) {
        int n = Math.min(chunk, payload.length - sent[0]);
        pair[0].write(payload, sent[0], n, null);
        sent[0] += n;
      }
    });
    pair[0].write(payload, 0, sent[0], null);
    loop.run();
    // valid during the callback; afterwards stale but still memory Java owns, never freed
    assertArrayEquals(payload, copied.toByteArray());
    assertTrue(kept.size() >= payload.length / chunk, "reads: " + kept.size());
    for (ByteBuffer buffer : kept) Net.bytes(buffer.clear());
  }

  @Test
  void echoOfReadBytesThatHasToWaitIsNotOverwrittenByLaterReads() throws Exception {
    Tcp[] pair = Net.connectedPair(loop, V4);
    Tcp client = pair[0];
    Tcp server = pair[1];
    byte[] payload = new byte[16 << 20];
    new Random(11).nextBytes(payload);
    // the server echoes straight from the loop's read buffer; the client reads nothing at first,
    // so the echoes queue while later reads keep refilling that buffer
    server.readStart(data -> server.write(data, null));
    ByteArrayOutputStream echoed = new ByteArrayOutputStream();
    client.write(payload, null);
    Timer readLater = new Timer(loop);
    readLater.start(200, Net.unchecked(() -> client.readStart(data -> {
      echoed.write(Net.bytes(data));
      if (echoed.size() == payload.length) {
        client.close();
        server.close();
        readLater.close();
      }
    })));
    Timer guard = Net.guard(loop, 20_000);
    loop.run();
    guard.close();
    assertArrayEquals(payload, echoed.toByteArray());
  }
}
