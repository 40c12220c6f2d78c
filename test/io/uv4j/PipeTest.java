package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class PipeTest extends LoopTestBase {
  @TempDir Path dir;

  PipeTest() {
    super(30_000);
  }

  @Test
  void listenOnAnUnboundPipeFailsWithEinval() {
    Pipe pipe = new Pipe(loop, false);
    UvException e = assertThrows(UvException.class, () -> pipe.listen(4, error -> {}));
    assertEquals("EINVAL", e.code());
    pipe.close();
  }

  @Test
  void clientAndServerExchangeBytesOverAUnixSocket() throws Exception {
    String name = dir.resolve("s.sock").toString();
    Pipe server = new Pipe(loop, false);
    server.bind(name);
    assertEquals(name, server.localName());
    List<String> got = new ArrayList<>();
    server.listen(4, error -> {
      Pipe conn = new Pipe(loop, false);
      server.accept(conn);
      conn.readStart(data -> {
        got.add(StandardCharsets.UTF_8.decode(data).toString());
        conn.close();
        server.close();
      });
    });
    Pipe client = new Pipe(loop, false);
    client.connect(name).thenAccept(v -> client.write("over the pipe").thenAccept(w -> client.close()));
    loop.run();
    assertEquals(List.of("over the pipe"), got);
  }

  @Test
  void tcpConnectionPassedOverAnIpcPipeKeepsWorkingOnTheOtherSide() throws Exception {
    String name = dir.resolve("ipc.sock").toString();
    Tcp listener = new Tcp(loop);
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Pipe ipcServer = new Pipe(loop, false); // libuv listens on plain pipes; accepted ends may be IPC
    ipcServer.bind(name);
    List<String> events = new ArrayList<>();
    // receiving side: accepts the passed TCP socket from its IPC pipe and echoes on it
    ipcServer.listen(4, error -> {
      Pipe channel = new Pipe(loop, true);
      ipcServer.accept(channel);
      channel.readStart(data -> {
        while (channel.pendingCount() > 0) {
          events.add("pending " + channel.pendingType());
          Pipe wrongKind = new Pipe(loop, false);
          events.add(assertThrows(IllegalArgumentException.class, () -> channel.accept(wrongKind)).getMessage());
          wrongKind.close();
          Tcp passed = new Tcp(loop);
          channel.accept(passed);
          passed.readStart(bytes -> {
            passed.write(bytes, null);
          });
        }
        channel.close();
        ipcServer.close();
      });
    });
    // sending side: accepts a TCP connection and passes it over the IPC pipe
    Pipe channel = new Pipe(loop, true);
    listener.listen(4, error -> {
      Tcp accepted = new Tcp(loop);
      listener.accept(accepted);
      ByteBuffer tag = ByteBuffer.allocateDirect(1).put((byte) 'h').flip();
      channel.write(tag, accepted, failure -> {
        events.add("handle sent " + failure);
        accepted.close();
        channel.close();
        listener.close();
      });
    });
    channel.connect(name, null);
    Tcp client = new Tcp(loop);
    client.connect(listener.localAddress()).then(v -> {
      client.readStart(data -> {
        events.add("echo " + StandardCharsets.UTF_8.decode(data));
        client.close();
      });
      client.write("via the passed socket");
      return null;
    });
    loop.run();
    assertEquals(
        List.of("handle sent null", "pending TCP", "Pipe[open] cannot accept into Pipe[open]", "echo via the passed socket"),
        events);
  }

  @Test
  void connectToAMissingPathFailsWithEnoentAndThePath() {
    String name = dir.resolve("missing.sock").toString();
    Pipe client = new Pipe(loop, false);
    Promise<Void> connect = client.connect(name);
    connect.catchError(e -> null);
    loop.run();
    UvException error = (UvException) connect.reason();
    assertEquals("ENOENT", error.code());
    assertEquals(name, error.path());
    assertEquals(Files.exists(dir.resolve("missing.sock")), false);
    client.close();
  }

  @Test
  void tcpConnectionAcceptedOnOneLoopIsEchoedByALoopOnAnotherThread() throws Exception {
    String name = dir.resolve("ipc-threads.sock").toString();
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    Throwable[] failed = new Throwable[1];
    Tcp listener = new Tcp(loop);
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Pipe ipcServer = new Pipe(loop, false);
    ipcServer.bind(name);
    Pipe channel = new Pipe(loop, true);
    Tcp client = new Tcp(loop);
    // loop A, this thread: once loop B is on the IPC channel, a client connects; A accepts the
    // connection and passes it to B, which echoes on it
    ipcServer.listen(1, error -> {
      ipcServer.accept(channel);
      ipcServer.close();
      client.connect(listener.localAddress()).then(v -> {
        client.readStart(data -> {
          events.add("echo " + StandardCharsets.UTF_8.decode(data) + " on " + Thread.currentThread().getName());
          client.close();
          channel.close();
        });
        client.write("across threads");
        return null;
      });
    });
    listener.listen(1, error -> {
      Tcp accepted = new Tcp(loop);
      listener.accept(accepted);
      listener.close();
      ByteBuffer tag = ByteBuffer.allocateDirect(1).put((byte) 'h').flip();
      channel.write(tag, accepted, failure -> {
        events.add("passed " + failure);
        accepted.close();
      });
    });
    Thread other = new Thread(() -> {
      try (Loop b = Loop.create()) {
        Pipe ipc = new Pipe(b, true);
        ipc.connect(name, error -> {
          assertNull(error);
          ipc.readStart(new Stream.Reader() {
            @Override
            public void onData(ByteBuffer data) throws Exception {
              while (ipc.pendingCount() > 0) {
                events.add("pending " + ipc.pendingType() + " on " + Thread.currentThread().getName());
                Tcp passed = new Tcp(b);
                ipc.accept(passed);
                passed.readStart(new Stream.Reader() {
                  @Override
                  public void onData(ByteBuffer bytes) {
                    passed.write(bytes, null);
                  }

                  @Override
                  public void onEnd() {
                    passed.close();
                  }
                });
              }
            }

            @Override
            public void onEnd() {
              ipc.close();
            }
          });
        });
        b.run();
      } catch (Throwable t) {
        failed[0] = t;
      }
    }, "loop-b");
    other.start();
    loop.run();
    other.join(TimeUnit.SECONDS.toMillis(30));
    assertNull(failed[0]);
    assertTrue(!other.isAlive(), "loop B finished");
    assertTrue(events.contains("pending TCP on loop-b"), events.toString());
    assertTrue(events.contains("passed null"), events.toString());
    assertTrue(events.contains("echo across threads on " + Thread.currentThread().getName()), events.toString());
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void chmodMakesTheSocketReadableAndWritableByEveryone() throws Exception {
    Path path = dir.resolve("chmod.sock");
    Pipe pipe = new Pipe(loop, false);
    pipe.bind(path.toString());
    pipe.chmod(Pipe.READABLE | Pipe.WRITABLE);
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
    assertTrue(permissions.contains(PosixFilePermission.OTHERS_READ), permissions.toString());
    assertTrue(permissions.contains(PosixFilePermission.OTHERS_WRITE), permissions.toString());
    assertTrue(permissions.contains(PosixFilePermission.GROUP_WRITE), permissions.toString());
    pipe.close();
  }

  @Test
  void chmodFlagsMustBeReadableOrWritable() throws Exception {
    Pipe pipe = new Pipe(loop, false);
    pipe.bind(dir.resolve("flags.sock").toString());
    for (int flags : new int[] {0, 4, -1, Pipe.READABLE | 8}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pipe.chmod(flags));
      assertEquals("chmod flags must be READABLE and/or WRITABLE, got " + flags, e.getMessage());
    }
    pipe.close();
  }

  @Test
  void chmodOfAnUnboundPipeFails() {
    Pipe pipe = new Pipe(loop, false);
    UvException e = assertThrows(UvException.class, () -> pipe.chmod(Pipe.READABLE));
    assertEquals("EBADF", e.code());
    pipe.close();
  }

  @Test
  void namesOfBothEndsAreTheBoundPath() throws Exception {
    String name = dir.resolve("names.sock").toString();
    Pipe server = new Pipe(loop, false);
    server.bind(name);
    List<String> names = new ArrayList<>();
    server.listen(1, error -> {
      Pipe conn = new Pipe(loop, false);
      server.accept(conn);
      names.add("accepted local " + conn.localName());
      conn.close();
      server.close();
    });
    Pipe client = new Pipe(loop, false);
    client.connect(name, error -> {
      assertNull(error);
      names.add("client peer " + client.peerName());
      client.close();
    });
    loop.run();
    assertTrue(names.contains("accepted local " + name), names.toString());
    assertTrue(names.contains("client peer " + name), names.toString());
  }

  @Test
  void namesOfAnUnconnectedPipeFail() {
    Pipe pipe = new Pipe(loop, false);
    assertThrows(UvException.class, pipe::localName);
    assertThrows(UvException.class, pipe::peerName);
    pipe.close();
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void anAbstractNameKeepsItsLeadingNul() throws Exception {
    String name = "\0uv4j-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    Pipe pipe = new Pipe(loop, false);
    pipe.bind(name);
    assertEquals(name, pipe.localName());
    pipe.close();
  }

  /** A path in the test's directory of {@code length} bytes, longer than any platform allows. */
  private String nameOfLength(int length) {
    String prefix = dir.toString() + "/";
    return prefix + "n".repeat(length - prefix.length());
  }

  @Test
  void bindingANameTooLongFailsWithEinvalNamingItAndItsLengthInsteadOfTruncatingIt() {
    String name = nameOfLength(300);
    Pipe pipe = new Pipe(loop, false);

    UvException e = assertThrows(UvException.class, () -> pipe.bind(name));

    assertEquals("EINVAL", e.code());
    assertEquals(name, e.path());
    assertTrue(e.getMessage().contains("'" + name + "'"), e.getMessage());
    assertTrue(e.getMessage().contains("300 bytes"), e.getMessage());
    pipe.close();
  }

  @Test
  void connectingToANameTooLongFailsWithEinvalNamingItAndItsLength() {
    String name = nameOfLength(300);
    Pipe client = new Pipe(loop, false);

    Promise<Void> connect = client.connect(name);
    connect.catchError(e -> null);
    loop.run();

    UvException e = assertInstanceOf(UvException.class, connect.reason());
    assertEquals("EINVAL", e.code());
    assertEquals(name, e.path());
    assertTrue(e.getMessage().contains("300 bytes"), e.getMessage());
    client.close();
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void anAbstractNameAsLongAsLinuxAllowsIsBoundAndConnectedInFull() throws Exception {
    // Linux's sun_path holds 108 bytes; an abstract name may use all of them, its leading NUL included
    String name = "\0uv4j-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + "-";
    String full = name + "x".repeat(108 - name.length());
    Pipe server = new Pipe(loop, false);
    server.bind(full);
    List<String> names = new ArrayList<>(List.of(server.localName()));
    server.listen(1, error -> {
      Pipe conn = new Pipe(loop, false);
      server.accept(conn);
      conn.close();
      server.close();
    });
    Pipe client = new Pipe(loop, false);
    client.connect(full, error -> {
      assertNull(error);
      names.add(client.peerName());
      client.close();
    });
    loop.run();

    assertEquals(List.of(full, full), names);
  }

  @Test
  void bindingAPathInUseFailsWithEaddrinuse() throws Exception {
    String name = dir.resolve("twice.sock").toString();
    Pipe first = new Pipe(loop, false);
    first.bind(name);
    Pipe second = new Pipe(loop, false);
    UvException e = assertThrows(UvException.class, () -> second.bind(name));
    assertEquals("EADDRINUSE", e.code());
    assertEquals(name, e.path());
    first.close();
    second.close();
  }

  @Test
  void emptyOrNullNamesAreRejected() {
    Pipe pipe = new Pipe(loop, false);
    assertThrows(IllegalArgumentException.class, () -> pipe.bind(""));
    assertThrows(NullPointerException.class, () -> pipe.bind(null));
    assertThrows(IllegalArgumentException.class, () -> pipe.connect("", e -> {}));
    assertThrows(NullPointerException.class, () -> pipe.connect(null));
    pipe.close();
  }

  @Test
  void pendingInstancesNeedsAtLeastOne() {
    Pipe pipe = new Pipe(loop, false);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pipe.pendingInstances(0));
    assertEquals("count must be >= 1, got 0", e.getMessage());
    pipe.pendingInstances(4);
    assertTrue(!pipe.isClosing());
    pipe.close();
  }

  @Test
  void aFreshIpcPipeHasNothingPending() {
    Pipe pipe = new Pipe(loop, true);
    assertTrue(pipe.isIpc());
    assertEquals(0, pipe.pendingCount());
    assertEquals(Pipe.PendingType.NONE, pipe.pendingType());
    pipe.close();
  }
}
