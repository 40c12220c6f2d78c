package io.uv4j;

import io.uv4j.internal.Native;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A TCP socket ({@code uv_tcp_t}): a client connection, an accepted connection, or a listening
 * server. Every method must be called on the loop's thread.
 */
public final class Tcp extends Stream {
  /** libuv's {@code UV_TCP_IPV6ONLY}: bind an IPv6 address without dual-stack IPv4. */
  public static final int IPV6_ONLY = 1;
  /** libuv's {@code UV_TCP_REUSEPORT}: several sockets share one port (where supported). */
  public static final int REUSE_PORT = 2;

  /**
   * Creates a TCP handle with no socket yet (one is made by bind, connect or accept).
   *
   * @throws NullPointerException if {@code loop} is null
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public Tcp(Loop loop) {
    super(Objects.requireNonNull(loop, "loop"));
    long p = Native.tcpNew(loop.checkUsable(), this, 0);
    if (p < 0) throw new OutOfMemoryError("uv4j: no memory for a tcp handle");
    bind(p);
  }

  /**
   * Opens an existing OS socket as this handle ({@code uv_tcp_open}).
   *
   * @throws UvException if libuv refuses the descriptor, or it cannot be examined ({@code EBADF})
   * @throws IllegalArgumentException if {@code socket} is out of range or, except on Windows, not a
   *     socket (libuv would abort the process when it first polled, say, a regular file)
   * @throws IllegalStateException if closed or called from another thread
   */
  public void open(long socket) throws UvException {
    long p = open();
    requirePollable(socket, true);
    UvException.check(Native.tcpOpen(p, socket), "uv_tcp_open");
  }

  /**
   * Binds to a local address; port 0 picks a free port (see {@link #localAddress()}).
   *
   * @param flags 0, or {@link #IPV6_ONLY} and/or {@link #REUSE_PORT}
   * @throws NullPointerException if {@code address} is null
   * @throws IllegalArgumentException if {@code address} is unresolved or flags are unknown
   * @throws UvException if the OS refuses (for example {@code EADDRINUSE} may come here or at
   *     listen)
   * @throws IllegalStateException if closed or called from another thread
   */
  public void bind(InetSocketAddress address, int flags) throws UvException {
    byte[] encoded = SocketAddresses.encode(address);
    if ((flags & ~(IPV6_ONLY | REUSE_PORT)) != 0) throw new IllegalArgumentException("unknown bind flags: " + flags);
    UvException.check(Native.tcpBind(open(), encoded, flags), "bind");
  }

  /**
   * Binds to a local address with no flags.
   *
   * @throws NullPointerException if {@code address} is null
   * @throws IllegalArgumentException if {@code address} is unresolved
   * @throws UvException if the OS refuses
   * @throws IllegalStateException if closed or called from another thread
   */
  public void bind(InetSocketAddress address) throws UvException {
    bind(address, 0);
  }

  /**
   * Connects to {@code address}; {@code callback} is told on the loop thread. Closing the handle
   * before then reports {@code ECANCELED}.
   *
   * @param callback told of the outcome; if null, a failure goes to the uncaught handling
   * @throws NullPointerException if {@code address} is null
   * @throws IllegalArgumentException if {@code address} is unresolved
   * @throws IllegalStateException if closed or called from another thread
   */
  public void connect(InetSocketAddress address, Completion callback) {
    connect(address, new ConnectRequest(loop, callback, null, address));
  }

  /**
   * Connects to {@code address}.
   *
   * @return fulfilled once connected, rejected with a {@link UvException} ({@code ECONNREFUSED},
   *     ...)
   * @throws NullPointerException if {@code address} is null
   * @throws IllegalArgumentException if {@code address} is unresolved
   * @throws IllegalStateException if closed or called from another thread
   */
  public Promise<Void> connect(InetSocketAddress address) {
    Promise.Resolver<Void> resolver = loop.promise();
    connect(address, new ConnectRequest(loop, null, resolver, address));
    return resolver.promise();
  }

  private void connect(InetSocketAddress address, Request request) {
    byte[] encoded = SocketAddresses.encode(address);
    int rc = Native.tcpConnect(open(), request, encoded);
    if (rc < 0) request.completeLater(rc);
  }

  /**
   * Turns Nagle's algorithm off ({@code true}) or on.
   *
   * @throws UvException if the OS refuses
   * @throws IllegalStateException if closed or called from another thread
   */
  public void noDelay(boolean enable) throws UvException {
    UvException.check(Native.tcpNoDelay(open(), enable), "setsockopt");
  }

  /**
   * Turns TCP keep-alive on, probing after {@code delaySeconds} idle, or off.
   *
   * @throws IllegalArgumentException if enabling with {@code delaySeconds} below 1
   * @throws UvException if the OS refuses
   * @throws IllegalStateException if closed or called from another thread
   */
  public void keepAlive(boolean enable, int delaySeconds) throws UvException {
    if (enable && delaySeconds < 1) throw new IllegalArgumentException("delay must be >= 1 s, got " + delaySeconds);
    UvException.check(Native.tcpKeepAlive(open(), enable, delaySeconds), "setsockopt");
  }

  /**
   * Windows only: lets several threads accept at once; does nothing elsewhere.
   *
   * @throws UvException if libuv refuses
   * @throws IllegalStateException if closed or called from another thread
   */
  public void simultaneousAccepts(boolean enable) throws UvException {
    UvException.check(Native.tcpSimultaneousAccepts(open(), enable), "uv_tcp_simultaneous_accepts");
  }

  /**
   * The local address the socket is bound to.
   *
   * @throws UvException if it has none (for example {@code EBADF} before bind or connect)
   * @throws IllegalStateException if closed or called from another thread
   */
  public InetSocketAddress localAddress() throws UvException {
    byte[] out = new byte[Native.SOCKADDR_LEN];
    UvException.check(Native.tcpSockName(open(), out), "getsockname");
    return SocketAddresses.decode(out);
  }

  /**
   * The address of the peer.
   *
   * @throws UvException if not connected ({@code ENOTCONN})
   * @throws IllegalStateException if closed or called from another thread
   */
  public InetSocketAddress remoteAddress() throws UvException {
    byte[] out = new byte[Native.SOCKADDR_LEN];
    UvException.check(Native.tcpPeerName(open(), out), "getpeername");
    return SocketAddresses.decode(out);
  }

  /**
   * Closes the connection with a TCP RST instead of the orderly FIN; pending writes are
   * cancelled. {@code onClose}, if not null, runs once the close completes.
   *
   * @throws UvException if libuv refuses (for example after {@link #shutdown(Completion)}); the
   *     handle is then still open
   * @throws IllegalStateException if closed or called from another thread
   */
  public void closeReset(Runnable onClose) throws UvException {
    long p = open();
    UvException.check(Native.tcpCloseReset(p), "uv_tcp_close_reset");
    closeStarted(onClose);
  }

  /** A connect request: its errors name the address, as Node's do. */
  private static final class ConnectRequest extends Request {
    private final InetSocketAddress address;

    ConnectRequest(Loop loop, Completion callback, Promise.Resolver<Void> resolver, InetSocketAddress address) {
      super(loop, "connect", callback, resolver, null);
      this.address = address;
    }

    @Override
    UvException error(int result) {
      return new UvException(result, "connect", address.getAddress().getHostAddress() + ":" + address.getPort(), null);
    }
  }
}
