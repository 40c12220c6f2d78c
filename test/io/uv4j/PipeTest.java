package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipeTest {
  private Loop loop;
  @TempDir Path dir;

  @BeforeEach
  void create() throws UvException {
    loop = Loop.create();
  }

  @AfterEach
  void close() {
    loop.close();
  }

  @Test
  void listenOnAnUnboundPipeFailsWithEinval() {
    Pipe pipe = new Pipe(loop, false);
    UvException e = assertThrows(UvException.class, () -> pipe.listen(4, error -> {}));
    assertEquals("EINVAL", e.code());
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
    client.connect(listener.localAddress()).thenAccept(v -> {
      client.readStart(data -> {
        events.add("echo " + StandardCharsets.UTF_8.decode(data));
        client.close();
      });
      client.write("via the passed socket");
    });
    loop.run();
    assertEquals(List.of("handle sent null", "pending TCP", "echo via the passed socket"), events);
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
  }
}
