package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

/** Passing a handle over an IPC pipe without queueing ({@code uv_try_write2}). */
class TryWrite2Test extends LoopTestBase {
  @TempDir Path dir;

  /** The two ends of one IPC pipe. */
  private Pipe sender;
  private Pipe receiver;

  TryWrite2Test() {
    super(30_000);
  }

  @BeforeEach
  void connectAnIpcPipe() throws Exception {
    String name = dir.resolve("ipc.sock").toString();
    Pipe server = new Pipe(loop, false);
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
  void closeThePipe() {
    if (loop.isClosed()) return;
    sender.close();
    receiver.close();
  }

  private Tcp boundTcp() throws UvException {
    Tcp tcp = new Tcp(loop);
    tcp.bind(Net.any(Net.V4));
    return tcp;
  }

  private static ByteBuffer direct(String text) {
    ByteBuffer buffer = ByteBuffer.allocateDirect(text.length());
    for (char c : text.toCharArray()) buffer.put((byte) c);
    return buffer.flip();
  }

  /**
   * Reads until a handle is pending, accepts it into a new Tcp, records its port in {@code got}
   * and closes both ends of the pipe.
   */
  private void acceptOnePassedTcp(List<Integer> got) throws UvException {
    receiver.readStart(data -> {
      if (receiver.pendingCount() == 0) return;
      Tcp passed = new Tcp(loop);
      receiver.accept(passed);
      got.add(passed.localAddress().getPort());
      passed.close();
      receiver.close();
      sender.close();
    });
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "libuv on Windows cannot pass a handle without queueing")
  void tryWriteSendsTheBytesAndTheHandleAtOnce() throws Exception {
    Tcp sent = boundTcp();
    int port = sent.localAddress().getPort();
    List<Integer> got = new ArrayList<>();
    acceptOnePassedTcp(got);

    int written = sender.tryWrite(direct("h"), sent);
    loop.run();

    assertEquals(1, written);
    assertEquals(List.of(port), got);
    sent.close();
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "libuv on Windows cannot pass a handle without queueing")
  void theReceiverKeepsAWorkingHandleThoughTheSenderClosedItsOwnRightAfterTheCall() throws Exception {
    Tcp sent = boundTcp();
    sender.tryWrite(direct("h"), sent);
    sent.close();
    List<String> outcome = new ArrayList<>();
    receiver.readStart(data -> {
      if (receiver.pendingCount() == 0) return;
      Tcp passed = new Tcp(loop);
      receiver.accept(passed);
      receiver.close();
      sender.close();
      passed.listen(1, error -> {});
      Tcp client = new Tcp(loop);
      client.connect(passed.localAddress(), error -> {
        outcome.add(error == null ? "connected" : error.code());
        client.close();
        passed.close();
      });
    });

    loop.run();

    assertEquals(List.of("connected"), outcome);
  }

  @Test
  void tryWriteTakesNothingWhileWritesAreQueued() throws Exception {
    Net.fill(sender);
    sender.write(direct("queued"), error -> {});
    Tcp sent = boundTcp();

    int written = sender.tryWrite(direct("h"), sent);

    assertEquals(0, written);
    sent.close();
  }

  @Test
  void aTcpWithoutADescriptorFailsWithEbadf() {
    Tcp unbound = new Tcp(loop);

    UvException e = assertThrows(UvException.class, () -> sender.tryWrite(direct("h"), unbound));

    assertEquals("EBADF", e.code());
    assertEquals("write", e.syscall());
    unbound.close();
  }

  @Test
  void aPipeThatIsNotIpcIsRejected() throws Exception {
    Pipe plain = new Pipe(loop, false);
    Tcp sent = boundTcp();

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> plain.tryWrite(direct("h"), sent));

    assertEquals(plain + " is not an IPC pipe", e.getMessage());
    plain.close();
    sent.close();
  }

  @Test
  void aPipeCannotPassItself() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sender.tryWrite(direct("h"), sender));

    assertEquals(sender + " cannot pass itself", e.getMessage());
  }

  @Test
  void aHandleOfAnotherLoopIsRejected() throws Exception {
    try (Loop other = Loop.create()) {
      Pipe foreign = new Pipe(other, false);

      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sender.tryWrite(direct("h"), foreign));

      assertEquals(foreign + " belongs to another loop", e.getMessage());
    }
  }

  @Test
  void emptyDataIsRejected() throws Exception {
    ByteBuffer empty = ByteBuffer.allocateDirect(0);
    Tcp sent = boundTcp();

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sender.tryWrite(empty, sent));

    assertEquals("data sent with a handle must be a non-empty direct buffer: " + empty, e.getMessage());
    sent.close();
  }

  @Test
  void heapDataIsRejected() throws Exception {
    ByteBuffer heap = ByteBuffer.allocate(1);
    Tcp sent = boundTcp();

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sender.tryWrite(heap, sent));

    assertEquals("data sent with a handle must be a non-empty direct buffer: " + heap, e.getMessage());
    sent.close();
  }

  @Test
  void aClosedHandleIsRefused() throws Exception {
    Tcp sent = boundTcp();
    sent.close();

    assertThrows(IllegalStateException.class, () -> sender.tryWrite(direct("h"), sent));
  }
}
