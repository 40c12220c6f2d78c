package io.uv4j.examples;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uv4j.Loop;
import io.uv4j.UvException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The key-value server on a loop run by the test thread. Its clients are either {@link
 * KeyValueClient} on the same loop or a plain blocking socket on a thread of its own, which closes
 * the server when done so that the loop's run ends. Timeouts only guard against a hang.
 */
class KeyValueServerTest {
  private static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
  /** An idle timeout no test reaches, however slow the machine. */
  private static final long NEVER_IDLE_MS = TimeUnit.MINUTES.toMillis(10);

  /** What a blocking client does against the server at {@code address}. */
  private interface Session<T> {
    T talk(InetSocketAddress address) throws Exception;
  }

  /**
   * Runs {@code session} on a thread of its own while this thread runs the loop; the server is
   * closed once the session is done, and the run ends when its connections have closed too.
   */
  private static <T> T runSession(Loop loop, KeyValueServer server, Session<T> session) throws Exception {
    InetSocketAddress address = server.address();
    FutureTask<T> client = new FutureTask<>(() -> {
      try {
        return session.talk(address);
      } finally {
        loop.execute(server::close);
      }
    });
    new Thread(client, "key-value-client").start();
    loop.run();
    return client.get(1, TimeUnit.MINUTES);
  }

  private static Socket connect(InetSocketAddress address) throws Exception {
    Socket socket = new Socket(address.getAddress(), address.getPort());
    socket.setSoTimeout(60_000);
    return socket;
  }

  private static BufferedReader replies(Socket socket) throws Exception {
    return new BufferedReader(new InputStreamReader(socket.getInputStream(), US_ASCII));
  }

  @Test
  void answersASessionOfCommandsThroughAClientConnectedByName() throws Exception {
    List<String> replies = new ArrayList<>();
    try (Loop loop = Loop.create()) {
      KeyValueServer server = KeyValueServer.start(loop, ANY_LOOPBACK_PORT, NEVER_IDLE_MS);
      KeyValueClient.connect(loop, "localhost", server.address().getPort()).then(kv -> {
        for (String command : List.of("GET greeting", "SET greeting hello world", "GET greeting", "DEL greeting",
            "GET greeting", "DEL greeting", "FLY away", "GET", "SET lonely")) {
          kv.send(command).then(replies::add);
        }
        return kv.quit().then(ok -> {
          server.close();
          return null;
        });
      });
      loop.run();
    }
    assertEquals(List.of("NOT_FOUND", "OK", "VALUE hello world", "OK", "NOT_FOUND", "NOT_FOUND",
        "ERR unknown command 'FLY'", "ERR usage: GET key", "ERR usage: SET key value"), replies);
  }

  @Test
  void theClientsTypedCommandsGiveTheStoredValues() throws Exception {
    List<Object> results = new ArrayList<>();
    try (Loop loop = Loop.create()) {
      KeyValueServer server = KeyValueServer.start(loop, ANY_LOOPBACK_PORT, NEVER_IDLE_MS);
      KeyValueClient.connect(loop, "localhost", server.address().getPort()).then(kv -> {
        kv.set("colour", "deep blue").then(results::add);
        kv.get("colour").then(results::add);
        kv.delete("colour").then(results::add);
        kv.get("colour").then(results::add);
        kv.delete("colour").then(results::add);
        return kv.quit().then(ok -> {
          server.close();
          return null;
        });
      });
      loop.run();
    }
    List<Object> expected = new ArrayList<>();
    expected.add(null);
    expected.addAll(List.of(Optional.of("deep blue"), true, Optional.empty(), false));
    assertEquals(expected, results);
  }

  @Test
  void answersPipelinedCommandsInOrder() throws Exception {
    int keys = 5_000;
    List<String> values = new ArrayList<>();
    try (Loop loop = Loop.create()) {
      KeyValueServer server = KeyValueServer.start(loop, ANY_LOOPBACK_PORT, NEVER_IDLE_MS);
      KeyValueClient.connect(loop, "localhost", server.address().getPort()).then(kv -> {
        // every command is sent before the first reply can have come back
        for (int i = 0; i < keys; i++) kv.set("key" + i, "value " + i);
        for (int i = 0; i < keys; i++) kv.get("key" + i).then(value -> values.add(value.orElseThrow()));
        return kv.quit().then(ok -> {
          server.close();
          return null;
        });
      });
      loop.run();
    }
    assertEquals(keys, values.size());
    for (int i = 0; i < keys; i++) assertEquals("value " + i, values.get(i));
  }

  @Test
  void theClientRejectsRepliesStillAwaitedWhenTheServerEndsTheConnection() throws Exception {
    List<Throwable> reasons = new ArrayList<>();
    try (Loop loop = Loop.create()) {
      KeyValueServer server = KeyValueServer.start(loop, ANY_LOOPBACK_PORT, NEVER_IDLE_MS);
      KeyValueClient.connect(loop, "localhost", server.address().getPort()).then(kv -> {
        kv.quit();
        // the server ignores what follows QUIT, so this reply never comes
        return kv.get("after").then(value -> value, reason -> {
          reasons.add(reason);
          server.close();
          return null;
        });
      });
      loop.run();
    }
    assertEquals(1, reasons.size());
    assertEquals("EOF", ((UvException) reasons.get(0)).code());
  }

  @Test
  void closesTheConnectionOnALineLongerThanTheMaximum() throws Exception {
    try (Loop loop = Loop.create()) {
      KeyValueServer server = KeyValueServer.start(loop, ANY_LOOPBACK_PORT, NEVER_IDLE_MS);
      List<String> seen = runSession(loop, server, address -> {
        try (Socket socket = connect(address)) {
          OutputStream out = socket.getOutputStream();
          out.write("SET a 1\n".getBytes(US_ASCII));
          // one byte over, with no line ending: the server has read all of it when it gives up,
          // so its close is an orderly end of stream, not a reset
          out.write("x".repeat(KeyValueServer.MAX_LINE_BYTES + 1).getBytes(US_ASCII));
          BufferedReader in = replies(socket);
          List<String> lines = new ArrayList<>();
          for (String line; (line = in.readLine()) != null; ) lines.add(line);
          return lines;
        }
      });
      assertEquals(List.of("OK"), seen);
    }
  }

  @Test
  void acceptsALineOfExactlyTheMaximum() throws Exception {
    String value = "v".repeat(KeyValueServer.MAX_LINE_BYTES - "SET k ".length());
    try (Loop loop = Loop.create()) {
      KeyValueServer server = KeyValueServer.start(loop, ANY_LOOPBACK_PORT, NEVER_IDLE_MS);
      List<String> seen = runSession(loop, server, address -> {
        try (Socket socket = connect(address)) {
          socket.getOutputStream().write(("SET k " + value + "\nGET k\nQUIT\n").getBytes(US_ASCII));
          BufferedReader in = replies(socket);
          List<String> lines = new ArrayList<>();
          for (String line; (line = in.readLine()) != null; ) lines.add(line);
          return lines;
        }
      });
      assertEquals(List.of("OK", "VALUE " + value, "OK"), seen);
    }
  }

  @Test
  void closesAConnectionThatStaysIdle() throws Exception {
    try (Loop loop = Loop.create()) {
      KeyValueServer server = KeyValueServer.start(loop, ANY_LOOPBACK_PORT, 50);
      int read = runSession(loop, server, address -> {
        try (Socket socket = connect(address)) {
          // returns once the server has given up waiting for a command
          return socket.getInputStream().read();
        }
      });
      assertEquals(-1, read);
    }
  }

  @Test
  void quitAnswersOkThenEndsTheConnectionIgnoringWhatFollows() throws Exception {
    try (Loop loop = Loop.create()) {
      KeyValueServer server = KeyValueServer.start(loop, ANY_LOOPBACK_PORT, NEVER_IDLE_MS);
      String seen = runSession(loop, server, address -> {
        try (Socket socket = connect(address)) {
          socket.getOutputStream().write("SET a 1\nQUIT\nGET a\n".getBytes(US_ASCII));
          return new String(socket.getInputStream().readAllBytes(), US_ASCII);
        }
      });
      assertEquals("OK\nOK\n", seen);
    }
  }

  @Test
  void stopsReadingAClientThatDoesNotReadAndAnswersEverythingOnceItDoes() throws Exception {
    int gets = 10_000;
    String value = "v".repeat(1000);
    String reply = "VALUE " + value;
    try (Loop loop = Loop.create()) {
      KeyValueServer server = KeyValueServer.start(loop, ANY_LOOPBACK_PORT, NEVER_IDLE_MS);
      CompletableFuture<Void> paused = new CompletableFuture<>();
      server.onPause(() -> paused.complete(null));
      int answered = runSession(loop, server, address -> {
        try (Socket socket = new Socket()) {
          // megabytes of replies, far more than the socket buffers between the two hold
          socket.setReceiveBufferSize(16 * 1024);
          socket.connect(address);
          socket.setSoTimeout(60_000);
          FutureTask<Void> writer = new FutureTask<>(() -> {
            OutputStream out = socket.getOutputStream();
            out.write(("SET k " + value + "\n").getBytes(US_ASCII));
            out.write("GET k\n".repeat(gets).getBytes(US_ASCII));
            socket.shutdownOutput();
            return null;
          });
          new Thread(writer, "key-value-writer").start();
          paused.get(1, TimeUnit.MINUTES);
          BufferedReader in = replies(socket);
          assertEquals("OK", in.readLine());
          int count = 0;
          for (String line; (line = in.readLine()) != null; count++) {
            assertEquals(reply, line, "reply " + count);
          }
          writer.get(1, TimeUnit.MINUTES);
          return count;
        }
      });
      assertEquals(gets, answered);
      assertTrue(server.pauses() >= 1);
      // the reply that reached the mark, with its line ending, is the most it is passed by
      assertTrue(server.peakQueuedBytes() <= KeyValueServer.HIGH_WATER_MARK + reply.length() + 1,
          () -> "peak queued " + server.peakQueuedBytes());
    }
  }

  /** Runs {@code check} with a client connected to a server on this thread's loop, then quits. */
  private static void withClient(KeyValueClientCheck check) throws Exception {
    try (Loop loop = Loop.create()) {
      KeyValueServer server = KeyValueServer.start(loop, ANY_LOOPBACK_PORT, NEVER_IDLE_MS);
      KeyValueClient.connect(loop, "localhost", server.address().getPort()).then(kv -> {
        try {
          check.run(kv);
        } finally {
          kv.quit().finallyDo(server::close);
        }
        return null;
      });
      loop.run();
    }
  }

  private interface KeyValueClientCheck {
    void run(KeyValueClient client);
  }

  @Test
  void theClientRefusesAKeyThatIsNotOneWordNamingIt() throws Exception {
    List<String> messages = new ArrayList<>();
    withClient(kv -> messages.add(assertThrows(IllegalArgumentException.class, () -> kv.get("two words")).getMessage()));
    assertEquals(List.of("a key is one word without spaces or line breaks, got \"two words\""), messages);
  }

  @Test
  void theClientRefusesACommandOfSeveralLines() throws Exception {
    List<String> messages = new ArrayList<>();
    withClient(kv -> messages.add(assertThrows(IllegalArgumentException.class, () -> kv.send("GET a\nDEL a")).getMessage()));
    assertEquals(List.of("a command is one line, got \"GET a\\nDEL a\""), messages);
  }

  @Test
  void theClientRefusesACommandLongerThanTheServerTakes() throws Exception {
    List<String> messages = new ArrayList<>();
    String value = "v".repeat(KeyValueServer.MAX_LINE_BYTES);
    withClient(kv -> messages.add(assertThrows(IllegalArgumentException.class, () -> kv.set("k", value)).getMessage()));
    assertEquals(List.of("command of " + (KeyValueServer.MAX_LINE_BYTES + 6) + " bytes is longer than the server's "
        + KeyValueServer.MAX_LINE_BYTES), messages);
  }

  @Test
  void refusesAnIdleTimeoutThatIsNotPositive() throws Exception {
    try (Loop loop = Loop.create()) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> KeyValueServer.start(loop, ANY_LOOPBACK_PORT, 0));
      assertEquals("idleTimeoutMs must be between 1 and 2^31-1, got 0", e.getMessage());
      assertEquals(0, loop.handles().size());
    }
  }
}
