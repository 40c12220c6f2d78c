package io.uv4j.examples;

import io.uv4j.Loop;
import io.uv4j.Stream;
import io.uv4j.Tcp;
import io.uv4j.UvException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * A TCP echo server on one uv4j loop: every byte read is written straight back from the loop's
 * read buffer (no copy unless the socket cannot take it all at once). Nagle is off, so that
 * replies leave at once.
 *
 * <p>Usage: {@code EchoServer [PORT]} (default 9000, on 127.0.0.1; runs until killed).
 */
public final class EchoServer {
  private EchoServer() {}

  public static void main(String[] args) throws UvException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 9000;
    Loop loop = Loop.create();
    Tcp server = new Tcp(loop);
    server.bind(new InetSocketAddress("127.0.0.1", port));
    server.listen(1024, error -> {
      if (error != null) throw error;
      Tcp connection = new Tcp(loop);
      server.accept(connection);
      connection.noDelay(true);
      connection.readStart(new Stream.Reader() {
        @Override
        public void onData(ByteBuffer data) {
          connection.write(data, null); // a failed write comes to onError below
        }

        @Override
        public void onEnd() {
          connection.close();
        }

        @Override
        public void onError(UvException failure) {
          connection.close();
        }
      });
    });
    System.out.println("listening on 127.0.0.1:" + port);
    loop.run();
  }
}
