package io.uv4j.examples;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uv4j.Check;
import io.uv4j.Handle;
import io.uv4j.Loop;
import io.uv4j.Tcp;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file server on a loop run by the test thread, serving a temporary directory, with a plain
 * blocking socket as its client on a thread of its own; the client closes the server when done,
 * which ends the loop's run once the connections are gone too. Timeouts only guard against a
 * hang.
 */
class FileServerTest {
  private static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
  private static final long NEVER_IDLE_MS = TimeUnit.MINUTES.toMillis(10);
  private static final String HOST = "Host: localhost\r\n";
  /** A socket's default high-water mark, which the server keeps. */
  private static final long MARK = 64 << 10;
  /** The chunk {@code Stream.pipeFile} reads and writes at a time. */
  private static final long ONE_CHUNK = 64 << 10;

  @TempDir Path temp;
  private Path root;

  @BeforeEach
  void makeRoot() throws Exception {
    root = Files.createDirectory(temp.resolve("root"));
    Files.writeString(temp.resolve("outside.txt"), "secret\n");
    Files.writeString(root.resolve("a.txt"), "first file\n");
    Files.writeString(root.resolve("b.html"), "<p>second file</p>\n");
    Files.createDirectory(root.resolve("docs"));
    Files.writeString(root.resolve("docs").resolve("index.html"), "<h1>docs</h1>\n");
  }

  /** What a blocking client does against the server at {@code address}. */
  private interface Session<T> {
    T talk(InetSocketAddress address) throws Exception;
  }

  /**
   * Runs {@code session} on a thread of its own while this thread runs {@code loop}; the server
   * and {@code alsoClose} are closed once the session is done.
   */
  private static <T> T runSession(Loop loop, Tcp server, Session<T> session, Handle... alsoClose) throws Exception {
    InetSocketAddress address = server.localAddress();
    FutureTask<T> client = new FutureTask<>(() -> {
      try {
        return session.talk(address);
      } finally {
        loop.execute(() -> {
          server.close();
          for (Handle handle : alsoClose) handle.close();
        });
      }
    });
    new Thread(client, "file-client").start();
    loop.run();
    return client.get(1, TimeUnit.MINUTES);
  }

  private <T> T serve(Session<T> session) throws Exception {
    try (Loop loop = Loop.create()) {
      Tcp server = FileServer.start(loop, root, ANY_LOOPBACK_PORT, NEVER_IDLE_MS);
      return runSession(loop, server, session);
    }
  }

  private static Socket connect(InetSocketAddress address) throws Exception {
    Socket socket = new Socket(address.getAddress(), address.getPort());
    socket.setSoTimeout(60_000);
    return socket;
  }

  private static void send(Socket socket, String text) throws Exception {
    socket.getOutputStream().write(text.getBytes(US_ASCII));
  }

  /** A response as read: its status line, its headers by lower-case name, and its body. */
  private record Response(String status, Map<String, String> headers, byte[] body) {
    String text() {
      return new String(body, US_ASCII);
    }
  }

  /** Reads one response; its body is Content-Length bytes, none for a response to HEAD. */
  private static Response read(InputStream in, boolean toHead) throws Exception {
    String status = readLine(in);
    Map<String, String> headers = new HashMap<>();
    for (String line; !(line = readLine(in)).isEmpty(); ) {
      int colon = line.indexOf(':');
      headers.put(line.substring(0, colon).toLowerCase(), line.substring(colon + 1).strip());
    }
    int length = toHead ? 0 : Integer.parseInt(headers.get("content-length"));
    byte[] body = in.readNBytes(length);
    assertEquals(length, body.length, "the body ended early");
    return new Response(status, headers, body);
  }

  private static String readLine(InputStream in) throws Exception {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b; (b = in.read()) != '\n'; ) {
      assertTrue(b >= 0, "the connection ended inside a response head");
      line.write(b);
    }
    String text = line.toString(US_ASCII);
    assertTrue(text.endsWith("\r"), "a line not ended by CR LF: " + text);
    return text.substring(0, text.length() - 1);
  }

  /** Sends a GET of {@code target} and reads its response, then whether the server ended the connection. */
  private Response getOnce(String target) throws Exception {
    return serve(address -> {
      try (Socket socket = connect(address)) {
        send(socket, "GET " + target + " HTTP/1.1\r\n" + HOST + "\r\n");
        return read(new BufferedInputStream(socket.getInputStream()), false);
      }
    });
  }

  private byte[] randomFile(String name, int size) throws Exception {
    byte[] bytes = new byte[size];
    new SplittableRandom(size).nextBytes(bytes);
    Files.write(root.resolve(name), bytes);
    return bytes;
  }

  @Test
  void servesAMultiMebibyteFileByteForByte() throws Exception {
    byte[] expected = randomFile("big.bin", 8 << 20);
    Response response = serve(address -> {
      try (Socket socket = connect(address)) {
        send(socket, "GET /big.bin HTTP/1.1\r\n" + HOST + "Connection: close\r\n\r\n");
        InputStream in = new BufferedInputStream(socket.getInputStream());
        Response first = read(in, false);
        assertEquals(-1, in.read(), "the server ends the connection after the file");
        return first;
      }
    });
    assertEquals("HTTP/1.1 200 OK", response.status());
    assertEquals(Integer.toString(expected.length), response.headers().get("content-length"));
    assertEquals("application/octet-stream", response.headers().get("content-type"));
    assertEquals("close", response.headers().get("connection"));
    assertArrayEquals(expected, response.body());
  }

  @Test
  void aClientThatStopsReadingGetsEveryByteWhileTheServerQueuesAtMostTheMarkPlusOneChunk() throws Exception {
    byte[] expected = randomFile("large.bin", 16 << 20);
    long[] peakQueued = {0};
    CompletableFuture<Void> serverWaitsForDrain = new CompletableFuture<>();
    byte[] body;
    try (Loop loop = Loop.create()) {
      Tcp server = FileServer.start(loop, root, ANY_LOOPBACK_PORT, NEVER_IDLE_MS);
      // The queue grows only in the server's writes and shrinks only when the socket takes bytes.
      // While the client reads nothing the socket takes nothing, so the size seen after each
      // loop iteration is the size after the iteration's last write: the peak while paused.
      Check watch = new Check(loop);
      watch.start(() -> {
        for (Handle handle : loop.handles()) {
          if (handle instanceof Tcp connection && connection != server && !connection.isClosing()) {
            peakQueued[0] = Math.max(peakQueued[0], connection.writeQueueSize());
            if (connection.needsDrain()) serverWaitsForDrain.complete(null);
          }
        }
      });
      watch.unref();
      body = runSession(loop, server, address -> {
        try (Socket socket = new Socket()) {
          socket.setReceiveBufferSize(16 * 1024);
          socket.connect(address);
          socket.setSoTimeout(60_000);
          send(socket, "GET /large.bin HTTP/1.1\r\n" + HOST + "\r\n");
          // nothing is read until the socket buffers are full and the server waits for a drain
          serverWaitsForDrain.get(1, TimeUnit.MINUTES);
          return read(new BufferedInputStream(socket.getInputStream()), false).body();
        }
      }, watch);
    }
    assertArrayEquals(expected, body);
    assertTrue(peakQueued[0] >= MARK, () -> "peak queued " + peakQueued[0]);
    assertTrue(peakQueued[0] <= MARK + ONE_CHUNK, () -> "peak queued " + peakQueued[0]);
  }

  @Test
  void answers404ForAMissingFileAndKeepsTheConnection() throws Exception {
    List<Response> responses = serve(address -> {
      try (Socket socket = connect(address)) {
        InputStream in = new BufferedInputStream(socket.getInputStream());
        send(socket, "GET /missing.txt HTTP/1.1\r\n" + HOST + "\r\n");
        Response missing = read(in, false);
        send(socket, "GET /a.txt HTTP/1.1\r\n" + HOST + "\r\n");
        return List.of(missing, read(in, false));
      }
    });
    assertEquals("HTTP/1.1 404 Not Found", responses.get(0).status());
    assertEquals("not found\n", responses.get(0).text());
    assertEquals("first file\n", responses.get(1).text());
  }

  @Test
  void servesTwoFilesOnOneKeepAliveConnection() throws Exception {
    List<Response> responses = serve(address -> {
      try (Socket socket = connect(address)) {
        InputStream in = new BufferedInputStream(socket.getInputStream());
        send(socket, "GET /a.txt HTTP/1.1\r\n" + HOST + "\r\n");
        Response first = read(in, false);
        send(socket, "GET /b.html HTTP/1.1\r\n" + HOST + "\r\n");
        return List.of(first, read(in, false));
      }
    });
    assertEquals("first file\n", responses.get(0).text());
    assertEquals("text/plain; charset=utf-8", responses.get(0).headers().get("content-type"));
    assertEquals("<p>second file</p>\n", responses.get(1).text());
    assertEquals("text/html; charset=utf-8", responses.get(1).headers().get("content-type"));
  }

  @Test
  void answersPipelinedRequestsInOrder() throws Exception {
    byte[] big = randomFile("big.bin", 1 << 20);
    List<Response> responses = serve(address -> {
      try (Socket socket = connect(address)) {
        InputStream in = new BufferedInputStream(socket.getInputStream());
        // the second request arrives while the first file is still being sent
        send(socket, "GET /big.bin HTTP/1.1\r\n" + HOST + "\r\nGET /missing HTTP/1.1\r\n" + HOST
            + "\r\nGET /a.txt HTTP/1.1\r\n" + HOST + "\r\n");
        return List.of(read(in, false), read(in, false), read(in, false));
      }
    });
    assertArrayEquals(big, responses.get(0).body());
    assertEquals("HTTP/1.1 404 Not Found", responses.get(1).status());
    assertEquals("first file\n", responses.get(2).text());
  }

  @Test
  void answersHeadWithTheHeadersOfGetAndNoBody() throws Exception {
    List<Response> responses = serve(address -> {
      try (Socket socket = connect(address)) {
        InputStream in = new BufferedInputStream(socket.getInputStream());
        send(socket, "HEAD /b.html HTTP/1.1\r\n" + HOST + "\r\n");
        Response head = read(in, true);
        // had a body followed, this would read it instead of the next response
        send(socket, "GET /a.txt HTTP/1.1\r\n" + HOST + "\r\n");
        return List.of(head, read(in, false));
      }
    });
    assertEquals("HTTP/1.1 200 OK", responses.get(0).status());
    assertEquals("19", responses.get(0).headers().get("content-length"));
    assertEquals("first file\n", responses.get(1).text());
  }

  @Test
  void servesADirectorysIndex() throws Exception {
    Response response = getOnce("/docs/");
    assertEquals("HTTP/1.1 200 OK", response.status());
    assertEquals("<h1>docs</h1>\n", response.text());
  }

  @Test
  void decodesPercentEscapesInThePath() throws Exception {
    Files.writeString(root.resolve("with space+plus.txt"), "escaped\n");
    assertEquals("escaped\n", getOnce("/with%20space%2bplus.txt?query=ignored").text());
  }

  @Test
  void refusesDotDotSegmentsPlainOrEscapedWith403() throws Exception {
    for (String target : List.of("/../outside.txt", "/docs/../../outside.txt", "/%2e%2e/outside.txt",
        "/docs/..%2F..%2Foutside.txt", "/docs/%2E%2E%5Coutside.txt")) {
      Response response = getOnce(target);
      assertEquals("HTTP/1.1 403 Forbidden", response.status(), target);
      assertEquals("close", response.headers().get("connection"), target);
    }
  }

  @Test
  void anAbsolutePathIsTakenFromTheRoot() throws Exception {
    // "//tmp/.../outside.txt": the file exists at that absolute path, but not under the root
    Path outside = temp.resolve("outside.txt").toAbsolutePath();
    String fromFileSystemRoot = outside.getRoot().relativize(outside).toString().replace('\\', '/');
    assertEquals("HTTP/1.1 404 Not Found", getOnce("//" + fromFileSystemRoot).status());
  }

  @Test
  void refusesANulABadEscapeOrBytesThatAreNotUtf8With400() throws Exception {
    for (String target : List.of("/a.txt%00.html", "/a%zz.txt", "/a.txt%", "/%C0%AE%C0%AE/outside.txt")) {
      assertEquals("HTTP/1.1 400 Bad Request", getOnce(target).status(), target);
    }
  }

  @Test
  void refusesATargetThatIsNotAPathFromTheRootWith400() throws Exception {
    for (String target : List.of("http://localhost/a.txt", "*", "a.txt")) {
      assertEquals("HTTP/1.1 400 Bad Request", getOnce(target).status(), target);
    }
  }

  @Test
  void answers405WithAllowToOtherMethodsAndCloses() throws Exception {
    String response = serve(address -> {
      try (Socket socket = connect(address)) {
        send(socket, "DELETE /a.txt HTTP/1.1\r\n" + HOST + "\r\n");
        return new String(socket.getInputStream().readAllBytes(), US_ASCII);
      }
    });
    assertTrue(response.startsWith("HTTP/1.1 405 Method Not Allowed\r\n"), response);
    assertTrue(response.contains("\r\nAllow: GET, HEAD\r\n"), response);
    assertTrue(response.contains("\r\nConnection: close\r\n"), response);
  }

  @Test
  void answers431WhenTheHeadersPassTheLimit() throws Exception {
    String response = serve(address -> {
      try (Socket socket = connect(address)) {
        StringBuilder request = new StringBuilder("GET /a.txt HTTP/1.1\r\n" + HOST);
        // many short headers: each line is within the limit, all of them together are not
        while (request.length() <= FileServer.MAX_HEAD_BYTES) request.append("X-Padding: 0123456789\r\n");
        send(socket, request + "\r\n");
        return new String(socket.getInputStream().readAllBytes(), US_ASCII);
      }
    });
    assertTrue(response.startsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n"), response);
  }

  @Test
  void refusesARootThatIsNotADirectory() throws Exception {
    try (Loop loop = Loop.create()) {
      Path file = root.resolve("a.txt");
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> FileServer.start(loop, file, ANY_LOOPBACK_PORT, NEVER_IDLE_MS));
      assertEquals("root is not a directory: " + file, e.getMessage());
    }
  }
}
