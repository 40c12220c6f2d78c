package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A handle passed over an IPC pipe while the write that passes it waits in the queue (the pipe's
 * socket buffer is full): whatever happens to the handle meanwhile, the peer receives that handle
 * or nothing, and the writer hears how it went.
 *
 * <p>On Unix libuv reads the handle when the write goes out, and a handle closed by then fails the
 * write with EBADF. (On Windows it duplicates the socket inside the write call, so a queued write
 * no longer depends on the handle; these tests are for the Unix behaviour.)
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "Windows duplicates the passed socket inside the write call")
class PipeHandlePassingTest extends LoopTestBase {
  private static final InetSocketAddress LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
  /**
   * Handles closed in the same tick as the sent one, after it: more than the allocator's per-thread
   * cache holds, so that freed memory goes back where new handles are allocated from.
   */
  private static final int CLOSED_ALONGSIDE = 16;
  /** Handles opened once the sent handle's close has completed, while its write still waits. */
  private static final int OPENED_AFTER = 16;

  @TempDir Path dir;

  /** The two ends of one IPC pipe. */
  private Pipe sender;
  private Pipe receiver;
  /** What the receiver got: the bytes, and each passed handle as "TCP port N" or its kind. */
  private long bytesReceived;
  private final List<String> handlesReceived = new ArrayList<>();
  private final List<Handle> opened = new ArrayList<>();

  PipeHandlePassingTest() {
    super(30_000);
  }

  @BeforeEach
  void connectAnIpcPipe() throws Exception {
    String name = dir.resolve("ipc.sock").toString();
    Pipe server = new Pipe(loop, false); // libuv listens on plain pipes; accepted ends may be IPC
    server.bind(name);
    sender = new Pipe(loop, true);
    receiver = new Pipe(loop, true);
    server.listen(1, error -> {
      assertNull(error);
      server.accept(receiver);
      server.close();
    });
    UvException[] failure = new UvException[1];
    sender.connect(name, error -> failure[0] = error);
    loop.run();
    if (failure[0] != null) throw failure[0];
  }

  @AfterEach
  void closeTheFixture() {
    if (loop.isClosed()) return;
    sender.close();
    receiver.close();
  }

  /** A TCP socket with a descriptor, told apart from every other by its port. */
  private Tcp boundTcp() throws UvException {
    Tcp tcp = new Tcp(loop);
    tcp.bind(LOOPBACK);
    opened.add(tcp);
    return tcp;
  }

  private static String describe(Tcp tcp) throws UvException {
    return "TCP port " + tcp.localAddress().getPort();
  }

  private static ByteBuffer oneByte() {
    return ByteBuffer.allocateDirect(1).put((byte) 'h').flip();
  }

  /**
   * Starts the receiver reading: it counts bytes, accepts each passed handle and records what it
   * is, and closes both ends once it has {@code expected[0]} bytes (-1 while not yet known).
   */
  private void receive(long[] expected) throws UvException {
    receiver.readStart(data -> {
      bytesReceived += data.remaining();
      while (receiver.pendingCount() > 0) {
        Pipe.PendingType type = receiver.pendingType();
        if (type != Pipe.PendingType.TCP) {
          handlesReceived.add(type.toString());
          break;
        }
        Tcp passed = new Tcp(loop);
        receiver.accept(passed);
        handlesReceived.add(describe(passed));
        passed.close();
      }
      finishIfAllReceived(expected);
    });
  }

  private void finishIfAllReceived(long[] expected) {
    if (expected[0] < 0 || bytesReceived < expected[0]) return;
    receiver.close();
    sender.close();
    for (Handle handle : opened) handle.close();
  }

  /**
   * Writes one byte that passes {@code handle} behind the {@code filled} bytes already queued; its
   * outcome goes to {@code outcomes}, and the bytes the receiver is then to get to {@code expected}.
   */
  private void pass(Tcp handle, long filled, long[] expected, List<String> outcomes) {
    sender.write(oneByte(), handle, error -> {
      outcomes.add(error == null ? "sent" : error.code());
      expected[0] = filled + (error == null ? 1 : 0);
      finishIfAllReceived(expected);
    });
  }

  @Test
  void closingTheSentHandleWhileItsWriteIsQueuedFailsThatWriteWithEbadf() throws Exception {
    long filled = Net.fill(sender);
    Tcp sent = boundTcp();
    long[] expected = {-1};
    List<String> outcomes = new ArrayList<>();
    pass(sent, filled, expected, outcomes);
    sent.close();
    receive(expected);
    loop.run();
    assertEquals(List.of("EBADF"), outcomes);
    assertEquals(List.of(), handlesReceived);
    assertEquals(filled, bytesReceived);
  }

  @ParameterizedTest(name = "sent handle closed first: {0}")
  @ValueSource(booleans = {true, false})
  void closingTheSendingPipeAndTheSentHandleInOneTickCancelsTheWrite(boolean sentHandleFirst) throws Exception {
    Net.fill(sender);
    Tcp sent = boundTcp();
    List<String> events = new ArrayList<>();
    sender.write(oneByte(), sent, error -> events.add("write " + (error == null ? "sent" : error.code())));
    if (sentHandleFirst) sent.close(() -> events.add("handle closed"));
    sender.close(() -> events.add("pipe closed"));
    if (!sentHandleFirst) sent.close(() -> events.add("handle closed"));
    receiver.close();
    loop.run();
    assertEquals(List.of("handle closed", "pipe closed", "write ECANCELED"), events.stream().sorted().toList());
  }

  @Test
  void handlesOpenedAfterTheSentHandleClosesAreNeverSentInItsPlace() throws Exception {
    long filled = Net.fill(sender);
    Tcp sent = boundTcp();
    String sentHandle = describe(sent);
    List<Tcp> closedAlongside = new ArrayList<>();
    for (int i = 0; i < CLOSED_ALONGSIDE; i++) closedAlongside.add(new Tcp(loop));
    long[] expected = {-1};
    List<String> outcomes = new ArrayList<>();
    pass(sent, filled, expected, outcomes);
    // Started from the sent handle's close callback, the timer fires in the next loop iteration,
    // after every close of this tick has completed; handles opened then may get the memory those
    // closes released. Only then does the receiver read, so the write goes out after they exist.
    Timer afterTheCloses = new Timer(loop);
    sent.close(() -> afterTheCloses.start(0, Net.unchecked(() -> {
      afterTheCloses.close();
      for (int i = 0; i < OPENED_AFTER; i++) boundTcp();
      receive(expected);
    })));
    for (Tcp tcp : closedAlongside) tcp.close();
    loop.run();
    for (String received : handlesReceived) assertEquals(sentHandle, received, "the receiver got another descriptor");
    assertEquals(List.of("EBADF"), outcomes);
  }
}
