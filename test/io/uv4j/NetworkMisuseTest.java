package io.uv4j;

import static io.uv4j.Net.V4;
import static io.uv4j.Net.any;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class NetworkMisuseTest extends LoopTestBase {
  private static final InetSocketAddress UNRESOLVED = InetSocketAddress.createUnresolved("localhost", 80);
  private static final Stream.Reader IGNORE = data -> {};

  NetworkMisuseTest() {
    super(30_000);
  }

  /** Every public Stream and Tcp method, with arguments that are valid apart from the state. */
  private static Map<String, Executable> tcpCalls(Tcp tcp, Tcp other) {
    Map<String, Executable> calls = new LinkedHashMap<>();
    calls.put("readStart", () -> tcp.readStart(IGNORE));
    calls.put("readStart(allocator)", () -> tcp.readStart(() -> ByteBuffer.allocateDirect(16), IGNORE));
    calls.put("readStop", tcp::readStop);
    calls.put("write(ByteBuffer, cb)", () -> tcp.write(ByteBuffer.allocateDirect(1), e -> {}));
    calls.put("write(ByteBuffer)", () -> tcp.write(ByteBuffer.allocateDirect(1)));
    calls.put("write(byte[], off, len, cb)", () -> tcp.write(new byte[1], 0, 1, e -> {}));
    calls.put("write(byte[], cb)", () -> tcp.write(new byte[1], e -> {}));
    calls.put("write(byte[])", () -> tcp.write(new byte[1]));
    calls.put("write(String, cb)", () -> tcp.write("x", e -> {}));
    calls.put("write(String)", () -> tcp.write("x"));
    calls.put("write(ByteBuffer[], cb)", () -> tcp.write(new ByteBuffer[] {ByteBuffer.allocateDirect(1)}, e -> {}));
    calls.put("write(ByteBuffer...)", () -> tcp.write(ByteBuffer.allocateDirect(1), ByteBuffer.allocateDirect(1)));
    calls.put("tryWrite", () -> tcp.tryWrite(ByteBuffer.allocateDirect(1)));
    calls.put("writeQueueSize", tcp::writeQueueSize);
    calls.put("shutdown(cb)", () -> tcp.shutdown(e -> {}));
    calls.put("shutdown()", () -> tcp.shutdown());
    calls.put("listen", () -> tcp.listen(1, e -> {}));
    calls.put("accept", () -> tcp.accept(other));
    calls.put("isReadable", tcp::isReadable);
    calls.put("isWritable", tcp::isWritable);
    calls.put("setBlocking", () -> tcp.setBlocking(false));
    calls.put("sendBufferSize", tcp::sendBufferSize);
    calls.put("setSendBufferSize", () -> tcp.setSendBufferSize(1 << 16));
    calls.put("receiveBufferSize", tcp::receiveBufferSize);
    calls.put("setReceiveBufferSize", () -> tcp.setReceiveBufferSize(1 << 16));
    calls.put("fileno", tcp::fileno);
    calls.put("ref", tcp::ref);
    calls.put("unref", tcp::unref);
    calls.put("hasRef", tcp::hasRef);
    calls.put("isActive", tcp::isActive);
    calls.put("open", () -> tcp.open(0));
    calls.put("bind(address, flags)", () -> tcp.bind(any(V4), 0));
    calls.put("bind(address)", () -> tcp.bind(any(V4)));
    calls.put("connect(address, cb)", () -> tcp.connect(new InetSocketAddress(V4, 9), e -> {}));
    calls.put("connect(address)", () -> tcp.connect(new InetSocketAddress(V4, 9)));
    calls.put("noDelay", () -> tcp.noDelay(true));
    calls.put("keepAlive", () -> tcp.keepAlive(true, 10));
    calls.put("simultaneousAccepts", () -> tcp.simultaneousAccepts(true));
    calls.put("localAddress", tcp::localAddress);
    calls.put("remoteAddress", tcp::remoteAddress);
    calls.put("closeReset", () -> tcp.closeReset(null));
    return calls;
  }

  /** Every public Udp method, with arguments that are valid apart from the state. */
  private static Map<String, Executable> udpCalls(Udp udp) {
    InetSocketAddress to = new InetSocketAddress(V4, 9);
    Map<String, Executable> calls = new LinkedHashMap<>();
    calls.put("bind(address, flags)", () -> udp.bind(any(V4), 0));
    calls.put("bind(address)", () -> udp.bind(any(V4)));
    calls.put("connect", () -> udp.connect(to));
    calls.put("disconnect", udp::disconnect);
    calls.put("send(cb)", () -> udp.send(ByteBuffer.allocateDirect(1), to, e -> {}));
    calls.put("send()", () -> udp.send(ByteBuffer.allocateDirect(1), to));
    calls.put("trySend", () -> udp.trySend(ByteBuffer.allocateDirect(1), to));
    calls.put("recvStart", () -> udp.recvStart((data, from, flags) -> {}));
    calls.put("recvStop", udp::recvStop);
    calls.put("localAddress", udp::localAddress);
    calls.put("remoteAddress", udp::remoteAddress);
    calls.put("setMembership", () -> udp.setMembership("239.1.2.3", "127.0.0.1", true));
    calls.put("setSourceMembership", () -> udp.setSourceMembership("232.1.2.3", "127.0.0.1", "127.0.0.1", true));
    calls.put("setMulticastInterface", () -> udp.setMulticastInterface("127.0.0.1"));
    calls.put("setMulticastLoop", () -> udp.setMulticastLoop(true));
    calls.put("setMulticastTtl", () -> udp.setMulticastTtl(1));
    calls.put("setBroadcast", () -> udp.setBroadcast(true));
    calls.put("setTtl", () -> udp.setTtl(64));
    calls.put("sendQueueSize", udp::sendQueueSize);
    calls.put("ref", udp::ref);
    calls.put("unref", udp::unref);
    calls.put("hasRef", udp::hasRef);
    calls.put("isActive", udp::isActive);
    return calls;
  }

  /** Runs each call and lists the ones that did not throw IllegalStateException. */
  private static List<String> notRefused(Map<String, Executable> calls) {
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, Executable> call : calls.entrySet()) {
      try {
        call.getValue().execute();
        wrong.add(call.getKey() + " returned");
      } catch (IllegalStateException expected) {
        // refused, as it must be
      } catch (Throwable t) {
        wrong.add(call.getKey() + " threw " + t);
      }
    }
    return wrong;
  }

  /** Runs {@code calls} on a new thread and returns what {@link #notRefused} found there. */
  private static List<String> notRefusedFromAnotherThread(Map<String, Executable> calls) throws InterruptedException {
    List<String> wrong = new ArrayList<>();
    Thread other = new Thread(() -> wrong.addAll(notRefused(calls)), "not-the-loop-thread");
    other.start();
    other.join();
    return wrong;
  }

  @Test
  void nullAddressesAreRejected() {
    Tcp tcp = new Tcp(loop);
    Udp udp = new Udp(loop);
    assertThrows(NullPointerException.class, () -> tcp.bind(null));
    assertThrows(NullPointerException.class, () -> tcp.connect(null, e -> {}));
    assertThrows(NullPointerException.class, () -> tcp.connect(null));
    assertThrows(NullPointerException.class, () -> udp.bind(null));
    assertThrows(NullPointerException.class, () -> udp.connect(null));
    tcp.close();
    udp.close();
  }

  @Test
  void unresolvedAddressesAreRejected() {
    Tcp tcp = new Tcp(loop);
    Udp udp = new Udp(loop);
    assertThrows(IllegalArgumentException.class, () -> tcp.bind(UNRESOLVED));
    assertThrows(IllegalArgumentException.class, () -> tcp.connect(UNRESOLVED, e -> {}));
    assertThrows(IllegalArgumentException.class, () -> tcp.connect(UNRESOLVED));
    assertThrows(IllegalArgumentException.class, () -> udp.bind(UNRESOLVED));
    assertThrows(IllegalArgumentException.class, () -> udp.connect(UNRESOLVED));
    assertThrows(IllegalArgumentException.class, () -> udp.send(ByteBuffer.allocate(1), UNRESOLVED));
    assertThrows(IllegalArgumentException.class, () -> udp.trySend(ByteBuffer.allocateDirect(1), UNRESOLVED));
    tcp.close();
    udp.close();
  }

  @Test
  void negativeBacklogIsRejected() throws Exception {
    Tcp tcp = new Tcp(loop);
    tcp.bind(any(V4));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tcp.listen(-1, error -> {}));
    assertEquals("backlog must be >= 0, got -1", e.getMessage());
    assertFalse(tcp.isActive(), "not listening");
    tcp.close();
  }

  @Test
  void listenWithoutACallbackIsRejected() throws Exception {
    Tcp tcp = new Tcp(loop);
    tcp.bind(any(V4));
    assertThrows(NullPointerException.class, () -> tcp.listen(1, null));
    assertFalse(tcp.isActive(), "not listening");
    tcp.close();
  }

  @Test
  void acceptWithoutAPendingConnectionFailsWithEagain() throws Exception {
    Tcp server = new Tcp(loop);
    server.bind(any(V4));
    server.listen(1, error -> {});
    Tcp client = new Tcp(loop);
    UvException e = assertThrows(UvException.class, () -> server.accept(client));
    assertEquals("EAGAIN", e.code());
    assertEquals("accept", e.syscall());
    server.close();
    client.close();
  }

  @Test
  void acceptIntoAClientOfAnotherLoopIsRejected() throws Exception {
    Tcp server = new Tcp(loop);
    server.bind(any(V4));
    try (Loop other = Loop.create()) {
      Tcp foreign = new Tcp(other);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> server.accept(foreign));
      assertTrue(e.getMessage().endsWith("belongs to another loop"), e.getMessage());
    }
    server.close();
  }

  @Test
  void acceptIntoAStreamOfAnotherKindIsRejectedAndTheConnectionStaysPending() throws Exception {
    Tcp server = new Tcp(loop);
    server.bind(any(V4));
    List<String> events = new ArrayList<>();
    server.listen(1, error -> {
      Pipe wrongKind = new Pipe(loop, false);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> server.accept(wrongKind));
      events.add(e.getMessage());
      wrongKind.close();
      Tcp conn = new Tcp(loop);
      server.accept(conn);
      events.add("accepted from " + conn.remoteAddress().getAddress());
      conn.close();
      server.close();
    });
    Tcp client = new Tcp(loop);
    client.connect(server.localAddress(), error -> client.close());
    loop.run();
    assertEquals(List.of("Tcp[open] cannot accept into Pipe[open]", "accepted from " + V4), events);
  }

  @Test
  void acceptIntoAClosedClientIsRejected() throws Exception {
    Tcp server = new Tcp(loop);
    server.bind(any(V4));
    Tcp client = new Tcp(loop);
    client.close();
    assertThrows(IllegalStateException.class, () -> server.accept(client));
    server.close();
  }

  @Test
  void writesOfNullAreRejected() throws Exception {
    Tcp[] pair = Net.connectedPair(loop, V4);
    Tcp tcp = pair[0];
    assertThrows(NullPointerException.class, () -> tcp.write((ByteBuffer) null, e -> {}));
    assertThrows(NullPointerException.class, () -> tcp.write((ByteBuffer) null));
    assertThrows(NullPointerException.class, () -> tcp.write((byte[]) null, e -> {}));
    assertThrows(NullPointerException.class, () -> tcp.write((byte[]) null));
    assertThrows(NullPointerException.class, () -> tcp.write(null, 0, 0, e -> {}));
    assertThrows(NullPointerException.class, () -> tcp.write((String) null, e -> {}));
    assertThrows(NullPointerException.class, () -> tcp.write((String) null));
    assertThrows(NullPointerException.class, () -> tcp.write((ByteBuffer[]) null, e -> {}));
    assertThrows(NullPointerException.class, () -> tcp.write(new ByteBuffer[] {ByteBuffer.allocateDirect(1), null}, e -> {}));
    assertThrows(NullPointerException.class, () -> tcp.tryWrite(null));
    assertEquals(0, tcp.writeQueueSize(), "nothing was written");
    pair[0].close();
    pair[1].close();
  }

  @Test
  void anArrayRangeOutsideTheArrayIsRejected() throws Exception {
    Tcp[] pair = Net.connectedPair(loop, V4);
    assertThrows(IndexOutOfBoundsException.class, () -> pair[0].write(new byte[4], 2, 3, e -> {}));
    assertThrows(IndexOutOfBoundsException.class, () -> pair[0].write(new byte[4], -1, 1, e -> {}));
    pair[0].close();
    pair[1].close();
  }

  @Test
  void everyTcpMethodAfterCloseThrowsIllegalState() throws Exception {
    Tcp[] pair = Net.connectedPair(loop, V4);
    Tcp other = new Tcp(loop);
    pair[0].close();
    assertEquals(List.of(), notRefused(tcpCalls(pair[0], other)), "right after close()");
    loop.run();
    assertEquals(List.of(), notRefused(tcpCalls(pair[0], other)), "after the close callback");
    pair[1].close();
    other.close();
  }

  @Test
  void everyTcpMethodFromAnotherThreadThrowsIllegalState() throws Exception {
    Tcp[] pair = Net.connectedPair(loop, V4);
    Tcp other = new Tcp(loop);
    Map<String, Executable> calls = tcpCalls(pair[0], other);
    calls.put("close()", pair[0]::close);
    calls.put("close(cb)", () -> pair[0].close(() -> {}));
    calls.put("new Tcp", () -> new Tcp(loop));
    assertEquals(List.of(), notRefusedFromAnotherThread(calls));
    assertFalse(pair[0].isClosing());
    assertTrue(pair[0].isWritable(), "the connection is untouched");
    pair[0].close();
    pair[1].close();
    other.close();
  }

  @Test
  void everyUdpMethodAfterCloseThrowsIllegalState() throws Exception {
    Udp udp = new Udp(loop);
    udp.bind(any(V4));
    udp.close();
    assertEquals(List.of(), notRefused(udpCalls(udp)), "right after close()");
    loop.run();
    assertEquals(List.of(), notRefused(udpCalls(udp)), "after the close callback");
  }

  @Test
  void everyUdpMethodFromAnotherThreadThrowsIllegalState() throws Exception {
    Udp udp = new Udp(loop);
    udp.bind(any(V4));
    Map<String, Executable> calls = udpCalls(udp);
    calls.put("close()", udp::close);
    calls.put("new Udp", () -> new Udp(loop));
    assertEquals(List.of(), notRefusedFromAnotherThread(calls));
    assertFalse(udp.isClosing());
    udp.close();
  }

  @Test
  void handlesOnAFreshLoopCannotBeMadeFromAnotherThread() throws Exception {
    // a loop that has no stream yet: nothing may touch it before the thread check
    Map<String, Executable> calls = new LinkedHashMap<>();
    calls.put("new Tcp", () -> new Tcp(loop));
    calls.put("new Pipe", () -> new Pipe(loop, false));
    calls.put("new Udp", () -> new Udp(loop));
    assertEquals(List.of(), notRefusedFromAnotherThread(calls));
    assertTrue(loop.handles().stream().noneMatch(h -> h instanceof Stream || h instanceof Udp), loop.handles().toString());
  }

  @Test
  void handlesCannotBeMadeOnAClosedLoop() throws Exception {
    for (String kind : List.of("tcp", "pipe", "udp")) {
      Loop closed = Loop.create();
      closed.close();
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
        switch (kind) {
          case "tcp" -> new Tcp(closed);
          case "pipe" -> new Pipe(closed, false);
          default -> new Udp(closed);
        }
      }, kind);
      assertTrue(e.getMessage().endsWith("is closed"), e.getMessage());
    }
  }

  @Test
  void writeAfterCloseThrowsIllegalState() throws Exception {
    Tcp[] pair = Net.connectedPair(loop, V4);
    pair[0].close();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> pair[0].write("x", error -> {}));
    assertEquals("Tcp[closed] is closed", e.getMessage());
    pair[1].close();
  }

  @Test
  void readStartOnAClosedHandleThrowsIllegalState() throws Exception {
    Tcp[] pair = Net.connectedPair(loop, V4);
    pair[1].close();
    assertThrows(IllegalStateException.class, () -> pair[1].readStart(IGNORE));
    assertThrows(IllegalStateException.class, () -> pair[1].readStart(() -> ByteBuffer.allocateDirect(8), IGNORE));
    pair[0].close();
  }

  @Test
  void closingTwiceRunsTheCloseCallbackOnce() {
    Tcp tcp = new Tcp(loop);
    List<String> events = new ArrayList<>();
    tcp.close(() -> events.add("first"));
    tcp.close(() -> events.add("second"));
    tcp.close();
    loop.run();
    assertEquals(List.of("first"), events);
  }

  @Test
  void passingAHandleOverANonIpcPipeIsRejected() throws Exception {
    Pipe pipe = new Pipe(loop, false);
    Tcp tcp = new Tcp(loop);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> pipe.write(ByteBuffer.allocateDirect(1).put((byte) 1).flip(), tcp, error -> {}));
    assertEquals("Pipe[open] is not an IPC pipe", e.getMessage());
    pipe.close();
    tcp.close();
  }

  @Test
  void passingAHandleRequiresANonEmptyDirectBufferAndAHandleOfTheSameLoop() throws Exception {
    Pipe ipc = new Pipe(loop, true);
    Tcp tcp = new Tcp(loop);
    assertThrows(IllegalArgumentException.class, () -> ipc.write(ByteBuffer.allocate(1), tcp, e -> {}));
    assertThrows(IllegalArgumentException.class, () -> ipc.write(ByteBuffer.allocateDirect(0), tcp, e -> {}));
    assertThrows(NullPointerException.class, () -> ipc.write(ByteBuffer.allocateDirect(1), null, e -> {}));
    try (Loop other = Loop.create()) {
      Tcp foreign = new Tcp(other);
      assertThrows(IllegalArgumentException.class, () -> ipc.write(ByteBuffer.allocateDirect(1), foreign, e -> {}));
    }
    ipc.close();
    tcp.close();
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "Windows streams take handles, not POSIX descriptors, and IOCP refuses what it cannot watch")
  void tcpOpenOfARegularFileIsRefusedNamingTheDescriptor(@TempDir Path dir) throws Exception {
    int fd = Fs.openSync(dir.resolve("file").toString(), Fs.O_RDWR | Fs.O_CREAT, 0644);
    try {
      Tcp tcp = new Tcp(loop);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tcp.open(fd));
      assertTrue(e.getMessage().contains("descriptor " + fd + " is a regular file"), e.getMessage());
      tcp.close();
    } finally {
      Fs.closeSync(fd);
    }
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "Windows streams take handles, not POSIX descriptors, and IOCP refuses what it cannot watch")
  void pipeOpenOfADeviceThatIsNotATerminalIsRefusedNamingTheDescriptor() throws Exception {
    int fd = Fs.openSync("/dev/null", Fs.O_RDWR, 0);
    try {
      Pipe pipe = new Pipe(loop, false);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pipe.open(fd));
      assertTrue(e.getMessage().contains("descriptor " + fd + " is a character device"), e.getMessage());
      pipe.close();
    } finally {
      Fs.closeSync(fd);
    }
  }
}
