package io.uv4j.examples;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uv4j.Loop;
import io.uv4j.Tcp;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The HTTP server on a loop of its own thread, with plain blocking sockets as clients (on the
 * test thread), or the load generator on a loop of a second thread. Timeouts only guard against
 * a hang: no test orders events by the clock.
 */
class HttpHelloServerTest {
  private static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
  private static final String HOST = "Host: localhost\r\n";
  private static final String HELLO = HttpLoadGenerator.HELLO_RESPONSE;
  private static final String NOT_FOUND =
      "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 10\r\n\r\nnot found\n";
  private static final String BAD_REQUEST =
      "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: 12\r\nConnection: close\r\n\r\nbad request\n";

  /** A server on a loop run by a thread of its own; closing it stops the server and waits for the thread. */
  private static final class ServerThread implements AutoCloseable {
    private final CompletableFuture<Tcp> server = new CompletableFuture<>();
    private final CompletableFuture<InetSocketAddress> listening = new CompletableFuture<>();
    private final CompletableFuture<Loop> loop = new CompletableFuture<>();
    private final FutureTask<Void> run;
    private final InetSocketAddress address;

    ServerThread(long idleTimeoutMs) throws Exception {
      run = new FutureTask<>(() -> {
        try (Loop serverLoop = Loop.create()) {
          try {
            Tcp listener = HttpHelloServer.start(serverLoop, ANY_LOOPBACK_PORT, idleTimeoutMs);
            server.complete(listener);
            loop.complete(serverLoop);
            listening.complete(listener.localAddress());
          } catch (Exception e) {
            listening.completeExceptionally(e);
            throw e;
          }
          serverLoop.run();
        }
        return null;
      });
      new Thread(run, "http-server").start();
      address = listening.get(1, TimeUnit.MINUTES);
    }

    /** Closes the listener; the loop's run ends once every connection is gone too. */
    @Override
    public void close() throws Exception {
      Loop serverLoop = loop.get(1, TimeUnit.MINUTES);
      Tcp listener = server.get();
      serverLoop.execute(listener::close);
      run.get(1, TimeUnit.MINUTES);
    }

    Socket connect() throws Exception {
      Socket socket = new Socket(address.getAddress(), address.getPort());
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(60_000);
      return socket;
    }
  }

  /** A server whose idle timeout no test reaches, however slow the machine: each client ends its connection. */
  private static ServerThread server() throws Exception {
    return new ServerThread(TimeUnit.MINUTES.toMillis(10));
  }

  private static void send(Socket socket, String text) throws Exception {
    socket.getOutputStream().write(text.getBytes(US_ASCII));
  }

  private static String read(Socket socket, int length) throws Exception {
    return new String(socket.getInputStream().readNBytes(length), US_ASCII);
  }

  /** Everything the server sends until it ends the connection. */
  private static String readToEnd(Socket socket) throws Exception {
    return new String(socket.getInputStream().readAllBytes(), US_ASCII);
  }

  @Test
  void answersHelloToGetRoot() throws Exception {
    try (ServerThread server = server(); Socket socket = server.connect()) {
      send(socket, "GET / HTTP/1.1\r\n" + HOST + "\r\n");
      assertEquals(HELLO, read(socket, HELLO.length()));
    }
  }

  @Test
  void answersHeadWithTheHeadersAlone() throws Exception {
    try (ServerThread server = server(); Socket socket = server.connect()) {
      send(socket, "HEAD / HTTP/1.1\r\n" + HOST + "Connection: close\r\n\r\n");
      assertEquals("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nConnection: close\r\n\r\n",
          readToEnd(socket));
    }
  }

  @Test
  void keepsAnHttp11ConnectionOpenForTheNextRequest() throws Exception {
    try (ServerThread server = server(); Socket socket = server.connect()) {
      for (int i = 0; i < 3; i++) {
        send(socket, "GET / HTTP/1.1\r\n" + HOST + "\r\n");
        assertEquals(HELLO, read(socket, HELLO.length()));
      }
    }
  }

  @Test
  void answers404ToAnyOtherPathAndKeepsTheConnection() throws Exception {
    try (ServerThread server = server(); Socket socket = server.connect()) {
      send(socket, "GET /index.html HTTP/1.1\r\n" + HOST + "\r\n");
      assertEquals(NOT_FOUND, read(socket, NOT_FOUND.length()));
      send(socket, "GET / HTTP/1.1\r\n" + HOST + "\r\n");
      assertEquals(HELLO, read(socket, HELLO.length()));
    }
  }

  @Test
  void answers400ToAMalformedRequestLineAndCloses() throws Exception {
    try (ServerThread server = server(); Socket socket = server.connect()) {
      send(socket, "GET /\r\n" + HOST + "\r\n");
      assertEquals(BAD_REQUEST, readToEnd(socket));
    }
  }

  @Test
  void answers400ToAnHttp11RequestWithoutHost() throws Exception {
    try (ServerThread server = server(); Socket socket = server.connect()) {
      send(socket, "GET / HTTP/1.1\r\n\r\n");
      assertEquals(BAD_REQUEST, readToEnd(socket));
    }
  }

  @Test
  void answers431WhenTheHeadersPassTheLimitAndCloses() throws Exception {
    try (ServerThread server = server(); Socket socket = server.connect()) {
      // never finished: the server must answer without waiting for the blank line
      send(socket, "GET / HTTP/1.1\r\n" + HOST + "X-Padding: " + "a".repeat(HttpHelloServer.MAX_HEAD_BYTES) + "\r\n");
      String response = readToEnd(socket);
      assertTrue(response.startsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n"), response);
      assertTrue(response.contains("\r\nConnection: close\r\n"), response);
    }
  }

  @Test
  void answers405WithAllowToAMethodItDoesNotServe() throws Exception {
    try (ServerThread server = server(); Socket socket = server.connect()) {
      send(socket, "POST / HTTP/1.1\r\n" + HOST + "Content-Length: 3\r\n\r\nabc");
      String response = readToEnd(socket);
      assertTrue(response.startsWith("HTTP/1.1 405 Method Not Allowed\r\n"), response);
      assertTrue(response.contains("\r\nAllow: GET, HEAD\r\n"), response);
    }
  }

  @Test
  void answers501ToAMethodItDoesNotKnow() throws Exception {
    try (ServerThread server = server(); Socket socket = server.connect()) {
      send(socket, "BREW / HTTP/1.1\r\n" + HOST + "\r\n");
      assertTrue(readToEnd(socket).startsWith("HTTP/1.1 501 Not Implemented\r\n"));
    }
  }

  @Test
  void closesAfterTheResponseWhenTheRequestSaysConnectionClose() throws Exception {
    try (ServerThread server = server(); Socket socket = server.connect()) {
      send(socket, "GET / HTTP/1.1\r\n" + HOST + "Connection: close\r\n\r\n");
      assertEquals("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello",
          readToEnd(socket));
    }
  }

  @Test
  void closesAnHttp10ConnectionAfterTheResponse() throws Exception {
    try (ServerThread server = server(); Socket socket = server.connect()) {
      send(socket, "GET / HTTP/1.0\r\n\r\n");
      assertEquals("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello",
          readToEnd(socket));
    }
  }

  @Test
  void keepsAnHttp10ConnectionThatAsksForKeepAlive() throws Exception {
    String kept = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nConnection: keep-alive\r\n\r\nhello";
    try (ServerThread server = server(); Socket socket = server.connect()) {
      for (int i = 0; i < 2; i++) {
        send(socket, "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        assertEquals(kept, read(socket, kept.length()));
      }
    }
  }

  @Test
  void answersPipelinedRequestsInOrder() throws Exception {
    try (ServerThread server = server(); Socket socket = server.connect()) {
      send(socket, "GET /a HTTP/1.1\r\n" + HOST + "\r\n"
          + "GET / HTTP/1.1\r\n" + HOST + "\r\n"
          + "GET /b HTTP/1.1\r\n" + HOST + "\r\n"
          + "GET / HTTP/1.1\r\n" + HOST + "\r\n");
      String expected = NOT_FOUND + HELLO + NOT_FOUND + HELLO;
      assertEquals(expected, read(socket, expected.length()));
    }
  }

  /**
   * Sends {@code requests} requests of hello on {@code socket} from a thread of its own, then
   * {@code last}, while this thread reads the responses; returns what follows the last hello,
   * to the end of stream.
   */
  private static String pipelineHellos(Socket socket, int requests, String last) throws Exception {
    FutureTask<Void> writer = new FutureTask<>(() -> {
      OutputStream out = socket.getOutputStream();
      byte[] request = ("GET / HTTP/1.1\r\n" + HOST + "\r\n").getBytes(US_ASCII);
      for (int i = 0; i < requests; i++) out.write(request);
      if (last == null) socket.shutdownOutput();
      else send(socket, last);
      return null;
    });
    new Thread(writer, "pipelining-client").start();
    InputStream in = socket.getInputStream();
    for (int i = 0; i < requests; i++) {
      assertEquals(HELLO, new String(in.readNBytes(HELLO.length()), US_ASCII), "response " + i);
    }
    String rest = readToEnd(socket);
    writer.get(1, TimeUnit.MINUTES);
    return rest;
  }

  @Test
  void answersTensOfThousandsOfPipelinedRequestsInOrder() throws Exception {
    try (ServerThread server = server(); Socket socket = server.connect()) {
      // megabytes of responses, more than the socket buffers hold
      String last = pipelineHellos(socket, 50_000, "GET / HTTP/1.1\r\n" + HOST + "Connection: close\r\n\r\n");
      assertEquals("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello", last);
    }
  }

  @Test
  void answersEveryRequestOfAClientThatEndsItsSideRightAfterSending() throws Exception {
    try (ServerThread server = server(); Socket socket = server.connect()) {
      assertEquals("", pipelineHellos(socket, 50_000, null));
    }
  }

  @Test
  void answersARequestSentOneByteAtATime() throws Exception {
    try (ServerThread server = server(); Socket socket = server.connect()) {
      OutputStream out = socket.getOutputStream();
      for (byte b : ("GET / HTTP/1.1\r\n" + HOST + "\r\n").getBytes(US_ASCII)) {
        out.write(b);
        out.flush();
      }
      assertEquals(HELLO, read(socket, HELLO.length()));
    }
  }

  @Test
  void closesAConnectionThatStaysIdle() throws Exception {
    try (ServerThread server = new ServerThread(50); Socket socket = server.connect()) {
      // the end of stream comes once the server has given up waiting for a request
      assertEquals(-1, socket.getInputStream().read());
    }
  }

  @Test
  void refusesAnIdleTimeoutThatIsNotPositive() throws Exception {
    try (Loop loop = Loop.create()) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> HttpHelloServer.start(loop, ANY_LOOPBACK_PORT, 0));
      assertEquals("idleTimeoutMs must be > 0, got 0", e.getMessage());
      assertEquals(0, loop.handles().size());
    }
  }

  @Test
  void refusesAnIdleTimeoutBeyondWhatATimerTakes() throws Exception {
    try (Loop loop = Loop.create()) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> HttpHelloServer.start(loop, ANY_LOOPBACK_PORT, 1L << 31));
      assertEquals("idleTimeoutMs must be at most 2^31-1, got 2147483648", e.getMessage());
      assertEquals(0, loop.handles().size());
    }
  }

  @Test
  void servesAThousandKeepAliveConnectionsEveryResponseExact() throws Exception {
    int connections = 1000;
    int requests = 100;
    requireDescriptors(2 * connections + 200);
    try (ServerThread server = server()) {
      FutureTask<HttpLoadGenerator.Result> load = new FutureTask<>(() -> {
        try (Loop loop = Loop.create()) {
          var run = HttpLoadGenerator.run(loop, server.address, connections, requests);
          loop.run();
          return run.value();
        }
      });
      new Thread(load, "http-load").start();
      HttpLoadGenerator.Result result = load.get(5, TimeUnit.MINUTES);
      assertEquals(0, result.errors(), () -> "first error: " + result.firstError());
      assertEquals(connections, result.completedConnections());
      assertEquals((long) connections * requests, result.responses());
    }
  }

  /**
   * Fails, saying what to raise, if this process may not open {@code needed} descriptors: the
   * load test holds both ends of every connection.
   */
  private static void requireDescriptors(long needed) {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean os) {
      long limit = os.getMaxFileDescriptorCount();
      assertFalse(limit < needed, "the load test holds both ends of its connections in this process and needs "
          + needed + " descriptors; `ulimit -n` is " + limit + ": raise it to " + needed + " or more");
    }
  }
}
