package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/** Loopback addresses and small building blocks the networking tests share. */
final class Net {
  static final InetAddress V4 = address(new byte[] {127, 0, 0, 1});
  static final InetAddress V6 = address(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});

  private Net() {}

  private static InetAddress address(byte[] raw) {
    try {
      return InetAddress.getByAddress(raw);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  /** 127.0.0.1 or ::1 with port 0 (any free port). */
  static InetSocketAddress any(InetAddress host) {
    return new InetSocketAddress(host, 0);
  }

  /**
   * An unreferenced timer that fails the run (through the uncaught handling) if the loop is still
   * busy after {@code ms}: a hung test fails instead of hanging the build.
   */
  static Timer guard(Loop loop, long ms) {
    Timer timer = new Timer(loop);
    timer.unref();
    timer.start(ms, () -> {
      throw new AssertionError("still running after " + ms + " ms");
    });
    return timer;
  }

  /** A connected pair {client, accepted}; the loop has run until both ends are connected. */
  static Tcp[] connectedPair(Loop loop, InetAddress host) throws UvException {
    Tcp listener = new Tcp(loop);
    listener.bind(any(host));
    Tcp client = new Tcp(loop);
    Tcp accepted = new Tcp(loop);
    listener.listen(1, error -> {
      assertNull(error);
      listener.accept(accepted);
      listener.close();
    });
    UvException[] failure = new UvException[1];
    client.connect(listener.localAddress(), error -> failure[0] = error);
    loop.run();
    if (failure[0] != null) throw failure[0];
    return new Tcp[] {client, accepted};
  }

  /** Writes with tryWrite until the socket takes nothing more; returns the bytes it took. */
  static long fill(Stream stream) throws UvException {
    ByteBuffer chunk = ByteBuffer.allocateDirect(64 << 10);
    long total = 0;
    for (int n; (n = stream.tryWrite(chunk)) > 0; ) total += n;
    return total;
  }

  /** A block that may throw, for callbacks that take a {@link Runnable}. */
  interface Block {
    void run() throws Exception;
  }

  /** {@code block} as a Runnable; a checked exception it throws is rethrown unchanged. */
  static Runnable unchecked(Block block) {
    return () -> {
      try {
        block.run();
      } catch (Exception e) {
        throw Throwables.sneaky(e);
      }
    };
  }

  /** The bytes between position and limit, without moving the position. */
  static byte[] bytes(ByteBuffer data) {
    byte[] out = new byte[data.remaining()];
    data.duplicate().get(out);
    return out;
  }
}
