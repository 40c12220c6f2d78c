package io.uv4j.examples;

import io.uv4j.Loop;
import io.uv4j.Tcp;
import io.uv4j.UvException;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A TCP echo server on one uv4j loop: every byte read is written straight back from the loop's
 * read buffer (no copy unless the socket cannot take it all at once). Nagle is off, so that
 * replies leave at once.
 *
 * <p>A connection that cannot be accepted (such as {@code EMFILE}) is reported on standard error
 * and the server goes on; a connection's own errors close it quietly (see {@link
 * io.uv4j.Stream}).
 *
 * <p>Usage: {@code EchoServer [PORT]} (default 9000, on 127.0.0.1; runs until killed).
 */
public final class EchoServer {
  private EchoServer() {}

  /**
   * Runs the server on 127.0.0.1 until the process is killed.
   *
   * @param args the port, 9000 if none is given
   * @throws NumberFormatException if the port is not a number
   * @throws IllegalArgumentException if the port is outside 0..65535
   * @throws UvException if the port cannot be bound
   */
  public static void main(String[] args) throws UvException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 9000;
    Loop loop = Loop.create();
    listen(loop, new InetSocketAddress("127.0.0.1", port));
    System.out.println("listening on 127.0.0.1:" + port);
    loop.run();
  }

  /**
   * Starts echoing on {@code address}: every connection accepted is echoed until its peer ends
   * it, then closed once the echo is out. Closing the returned handle stops accepting new connections.
   *
   * @param loop the loop the server and its connections run on, owned by this thread
   * @param address where to listen; port 0 picks a free one ({@link Tcp#localAddress()} says which)
   * @return the listening handle
   * @throws NullPointerException if {@code loop} or {@code address} is null
   * @throws IllegalArgumentException if {@code address} is unresolved
   * @throws IllegalStateException if {@code loop} is closed or owned by another thread
   * @throws UvException if the address cannot be bound or listened on
   */
  public static Tcp listen(Loop loop, InetSocketAddress address) throws UvException {
    Objects.requireNonNull(address, "address");
    Tcp server = new Tcp(loop);
    try {
      server.bind(address);
      server.listen(1024, error -> {
        if (error == null) echo(loop, server);
        else System.err.println("echo server: " + error.getMessage()); // such as EMFILE: it goes on
      });
    } catch (UvException | RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /**
   * Accepts the pending connection and echoes it. The stream's defaults do the rest: at the
   * client's end it closes once the echo is out, and a reset or a failed write closes it quietly.
   */
  private static void echo(Loop loop, Tcp server) {
    Tcp connection = new Tcp(loop);
    try {
      server.accept(connection);
      connection.noDelay(true);
      connection.readStart(data -> connection.write(data, null));
    } catch (UvException e) {
      connection.close();
      System.err.println("echo server: " + e.getMessage());
    }
  }
}
