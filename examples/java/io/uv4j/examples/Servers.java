package io.uv4j.examples;

import io.uv4j.Tcp;
import io.uv4j.UvException;
import java.net.InetSocketAddress;

/** What the example servers share: the idle-timeout check and the listen-and-accept loop. */
final class Servers {
  /** Takes over one accepted socket. */
  @FunctionalInterface
  interface ConnectionStarter {
    void start(Tcp socket) throws UvException;
  }

  private Servers() {}

  /** Refuses an idle timeout a loop timer cannot take. */
  static void checkIdleTimeout(long idleTimeoutMs) {
    if (idleTimeoutMs <= 0 || idleTimeoutMs > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("idleTimeoutMs must be between 1 and 2^31-1, got " + idleTimeoutMs);
    }
  }

  /**
   * Binds {@code server} to {@code address} and listens; each connection accepted gets {@code
   * TCP_NODELAY} and goes to {@code starter}. A socket that cannot be accepted or started is
   * closed, and the error goes to the loop's uncaught-exception handling; a failed bind or listen
   * closes {@code server} and is thrown.
   */
  static void listen(Tcp server, InetSocketAddress address, ConnectionStarter starter) throws UvException {
    try {
      server.bind(address);
      server.listen(1024, error -> {
        if (error != null) throw error;
        Tcp socket = new Tcp(server.loop());
        try {
          server.accept(socket);
          socket.noDelay(true);
          starter.start(socket);
        } catch (UvException e) {
          socket.close();
          throw e;
        }
      });
    } catch (UvException | RuntimeException e) {
      server.close();
      throw e;
    }
  }
}
