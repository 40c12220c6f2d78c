package io.uv4j.examples;

import io.uv4j.Loop;
import io.uv4j.Promise;
import io.uv4j.Stream;
import io.uv4j.Tcp;
import io.uv4j.UvException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A load generator for {@link HttpHelloServer}, itself on one uv4j loop: it opens many
 * connections at once and on each sends one {@code GET /} after another over the same connection
 * (keep-alive), each once the last response has come, and checks every byte of every response
 * against the one expected. A connection that sees anything else (a wrong byte, an early end, a
 * reset) counts an error and is closed.
 *
 * <p>Usage: {@code HttpLoadGenerator PORT [CONNECTIONS [REQUESTS_PER_CONNECTION]]} (default 1000
 * connections, 100 requests each, to 127.0.0.1); prints the figures and exits with status 1 if
 * there was an error.
 */
public final class HttpLoadGenerator {
  /** The response {@link HttpHelloServer} gives to {@code GET /} on a connection kept open. */
  public static final String HELLO_RESPONSE =
      "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello";

  private HttpLoadGenerator() {}

  /**
   * What a run did.
   *
   * @param connections how many connections were opened
   * @param completedConnections how many of them got every response, and nothing else
   * @param responses the responses received whole and exact, over all connections
   * @param errors connections that failed: refused, reset, ended early, or sent a byte not
   *     expected
   * @param firstError what the first error was, or null if there was none
   * @param elapsedNanos from the first connect to the last connection's end
   */
  public record Result(
      int connections, int completedConnections, long responses, long errors, String firstError, long elapsedNanos) {
    /**
     * The exact responses received per second over the run.
     *
     * @return {@link #responses()} divided by the elapsed time
     */
    public double requestsPerSecond() {
      return responses * 1e9 / Math.max(1, elapsedNanos);
    }
  }

  /**
   * Loads the server on 127.0.0.1 and prints what happened.
   *
   * @param args the port, then the number of connections and of requests on each
   * @throws NumberFormatException if an argument is not a number
   * @throws IllegalArgumentException if no port is given, the port is outside 0..65535, or a
   *     count is not positive
   * @throws UvException if the loop cannot be created
   */
  public static void main(String[] args) throws UvException {
    if (args.length == 0) throw new IllegalArgumentException("usage: HttpLoadGenerator PORT [CONNECTIONS [REQUESTS_PER_CONNECTION]]");
    int port = Integer.parseInt(args[0]);
    int connections = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    int requests = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    Result result;
    try (Loop loop = Loop.create()) {
      Promise<Result> run = run(loop, new InetSocketAddress("127.0.0.1", port), connections, requests);
      loop.run();
      result = run.value();
    }
    System.out.printf("connections=%d completed=%d responses=%d errors=%d rps=%.0f seconds=%.2f%n",
        result.connections(), result.completedConnections(), result.responses(), result.errors(),
        result.requestsPerSecond(), result.elapsedNanos() / 1e9);
    if (result.firstError() != null) System.out.println("first error: " + result.firstError());
    System.exit(result.errors() == 0 ? 0 : 1);
  }

  /**
   * Opens {@code connections} connections to {@code server} at once and sends {@code
   * requestsPerConnection} requests on each, one after another; each connection closes after its
   * last response.
   *
   * @param loop the loop the connections run on, owned by this thread; run it to make the load
   * @param server the address of an {@link HttpHelloServer}
   * @param connections how many connections to open
   * @param requestsPerConnection how many requests to send on each
   * @return fulfilled once every connection is done and closing; the loop's run ends once they
   *     have closed
   * @throws NullPointerException if {@code loop} or {@code server} is null
   * @throws IllegalArgumentException if {@code server} is unresolved, or a count is not positive
   * @throws IllegalStateException if {@code loop} is closed or owned by another thread
   */
  public static Promise<Result> run(Loop loop, InetSocketAddress server, int connections, int requestsPerConnection) {
    Objects.requireNonNull(server, "server");
    if (server.isUnresolved()) throw new IllegalArgumentException("server address is unresolved: " + server);
    if (connections <= 0) throw new IllegalArgumentException("connections must be > 0, got " + connections);
    if (requestsPerConnection <= 0) {
      throw new IllegalArgumentException("requestsPerConnection must be > 0, got " + requestsPerConnection);
    }
    byte[] request = ("GET / HTTP/1.1\r\nHost: " + server.getAddress().getHostAddress() + ":" + server.getPort() + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
    Tally tally = new Tally(loop.promise(), connections);
    for (int i = 0; i < connections; i++) {
      new Client(new Tcp(loop), request, requestsPerConnection, tally).connect(server);
    }
    return tally.done.promise();
  }

  /** What the connections did so far; settles the run's promise when the last one is done. */
  private static final class Tally {
    private final Promise.Resolver<Result> done;
    private final int connections;
    private final long startNanos = System.nanoTime();
    private int finishedConnections;
    private int completed;
    private long responses;
    private long errors;
    private String firstError;

    Tally(Promise.Resolver<Result> done, int connections) {
      this.done = done;
      this.connections = connections;
    }

    void error(String what) {
      errors++;
      if (firstError == null) firstError = what;
    }

    void finished() {
      if (++finishedConnections == connections) {
        done.resolve(new Result(connections, completed, responses, errors, firstError, System.nanoTime() - startNanos));
      }
    }
  }

  /** One connection: sends a request, matches the response byte by byte, and again. */
  private static final class Client implements Stream.Reader {
    private static final byte[] EXPECTED = HELLO_RESPONSE.getBytes(StandardCharsets.US_ASCII);

    private final Tcp socket;
    private final byte[] request;
    private final int requests;
    private final Tally tally;
    private int received;
    /** How many bytes of the response under way have matched. */
    private int matched;
    private boolean finished;

    Client(Tcp socket, byte[] request, int requests, Tally tally) {
      this.socket = socket;
      this.request = request;
      this.requests = requests;
      this.tally = tally;
    }

    void connect(InetSocketAddress server) {
      socket.connect(server, error -> {
        if (error != null) {
          fail("connect: " + error.getMessage());
          return;
        }
        try {
          socket.noDelay(true);
          socket.readStart(this);
        } catch (UvException e) {
          fail("after connecting: " + e.getMessage());
          return;
        }
        // the socket reads from now on, so a failed write comes to onError
        socket.write(request, null);
      });
    }

    @Override
    public void onData(ByteBuffer data) {
      while (data.hasRemaining()) {
        if (received == requests) {
          fail("bytes after the last response");
          return;
        }
        byte b = data.get();
        if (b != EXPECTED[matched]) {
          fail("response " + (received + 1) + ", byte " + matched + ": expected '" + (char) EXPECTED[matched]
              + "', got '" + (char) (b & 0xff) + "'");
          return;
        }
        if (++matched == EXPECTED.length) {
          matched = 0;
          received++;
          tally.responses++;
          if (received < requests) socket.write(request, null);
        }
      }
      if (received == requests) {
        tally.completed++;
        finish();
      }
    }

    @Override
    public void onEnd() {
      fail("the server ended the connection after " + received + " of " + requests + " responses");
    }

    @Override
    public void onError(UvException error) {
      fail("after " + received + " responses: " + error.getMessage());
    }

    private void fail(String what) {
      if (finished) return;
      tally.error(what);
      finish();
    }

    /** Counts this connection as done, on this side's own word: nothing else it hears matters. */
    private void finish() {
      if (finished) return;
      finished = true;
      socket.close();
      tally.finished();
    }
  }
}
