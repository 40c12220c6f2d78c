package io.uv4j;

import io.uv4j.internal.Native;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

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
   * @param loop the loop whose thread will use the handle
   * @throws NullPointerException if {@code loop} is null
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   * @throws OutOfMemoryError if there is no memory for the native handle ({@code ENOMEM})
   * @throws UncheckedIOException wrapping a {@link UvException} if {@code uv_tcp_init_ex} fails
   *     with another error (unchecked, so that existing callers still compile; libuv 1.50 has
   *     no such error for it)
   */
  public Tcp(Loop loop) {
    super(Objects.requireNonNull(loop, "loop"));
    long p = Native.tcpNew(loop.checkUsable(), this, Dns.addressFamily(0));
    if (p < 0) throw new UncheckedIOException(initFailure(p, "uv_tcp_init_ex"));
    bind(p);
  }

  /**
   * Creates a TCP handle with a socket of an address family made at once ({@code uv_tcp_init_ex}),
   * so that options can be set before bind or connect; the handle owns the socket.
   *
   * @param loop the loop whose thread will use the handle
   * @param family 4 (IPv4), 6 (IPv6), or 0 for no socket yet (as {@link #Tcp(Loop)})
   * @throws NullPointerException if {@code loop} is null
   * @throws IllegalArgumentException if {@code family} is not 0, 4 or 6
   * @throws UvException if the OS cannot make the socket (for example {@code EAFNOSUPPORT} where
   *     IPv6 is off, or {@code EMFILE})
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   * @throws OutOfMemoryError if there is no memory for the native handle ({@code ENOMEM})
   */
  public Tcp(Loop loop, int family) throws UvException {
    super(Objects.requireNonNull(loop, "loop"));
    Dns.checkFamily(family);
    long p = Native.tcpNew(loop.checkUsable(), this, Dns.addressFamily(family));
    if (p < 0) throw initFailure(p, "uv_tcp_init_ex");
    bind(p);
    if (family != 0) noteDescriptor();
  }

  /**
   * Opens an existing OS socket as this handle ({@code uv_tcp_open}); the handle then owns it and
   * closes it when it closes.
   *
   * @param socket the OS socket descriptor (a SOCKET on Windows), connected or listening or not
   * @throws IllegalArgumentException if {@code socket} is negative or, except on Windows, not a
   *     socket (libuv would abort the process when it first polled, say, a regular file)
   * @throws UvException if libuv refuses the descriptor ({@code EBUSY} if this handle has a
   *     socket already), or it cannot be examined ({@code EBADF})
   * @throws IllegalStateException if a uv4j handle or loop owns {@code socket} or a poll watches
   *     it (the message names it), if this handle is closed, or if called from another thread
   */
  public void open(int socket) throws UvException {
    adopt(socket, true, Native::tcpOpen, "uv_tcp_open");
  }

  /**
   * Binds to a local address; port 0 picks a free port (see {@link #localAddress()}).
   *
   * @param address a resolved local address; the wildcard address binds to every interface
   * @param flags 0, or {@link #IPV6_ONLY} and/or {@link #REUSE_PORT}
   * @throws NullPointerException if {@code address} is null
   * @throws IllegalArgumentException if {@code address} is unresolved or flags are unknown
   * @throws UvException if the OS refuses, naming the address (for example {@code EADDRINUSE} may
   *     come here or at listen)
   * @throws IllegalStateException if closed or called from another thread
   */
  public void bind(InetSocketAddress address, int flags) throws UvException {
    byte[] encoded = SocketAddresses.encode(address);
    if ((flags & ~(IPV6_ONLY | REUSE_PORT)) != 0) throw new IllegalArgumentException("unknown bind flags: " + flags);
    int rc = Native.tcpBind(open(), encoded, flags);
    noteDescriptor();
    UvException.check(rc, "bind", SocketAddresses.text(address));
  }

  /**
   * Binds to a local address with no flags.
   *
   * @param address a resolved local address; port 0 picks a free port
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
   * @param address the resolved address of the server
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
   * @param address the resolved address of the server
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
    int rc = request.started(Native.tcpConnect(open(), request.takeSlot(), encoded));
    noteDescriptor();
    if (rc < 0) request.completeLater(rc);
  }

  /**
   * Connects to {@code host} by name, as Node's {@code net.connect(port, host)} does: resolves it
   * with {@link Dns} (IPv4 and IPv6, stream sockets) and tries each address in the resolver's
   * order, the next only once the previous attempt failed. Each attempt uses a new handle, since
   * libuv keeps the socket of a failed connect in its handle and would reuse it for the next
   * (whose address may be of another family); the handle that connects is the result, and the
   * others are closed.
   *
   * <p>If every address fails, the error is that of the last attempt, with the host, the port
   * and every address tried named in its message. A lookup failure ({@code EAI_NONAME}, ...)
   * names the host. Closing the loop meanwhile ends the attempts with {@code ECANCELED}.
   *
   * @param loop the loop whose thread resolves, connects and gets the result
   * @param host a host name or numeric address, as getaddrinfo takes it
   * @param port the server's port, 1 to 65535
   * @param callback told on the loop thread of the connected handle, or of the error
   * @throws NullPointerException if {@code loop}, {@code host} or {@code callback} is null
   * @throws IllegalArgumentException if {@code host} is empty or contains a NUL character, or
   *     {@code port} is outside 1 to 65535 (the message names the value)
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public static void connect(Loop loop, String host, int port, Callback<Tcp> callback) {
    Objects.requireNonNull(callback, "callback");
    resolveAndConnect(loop, host, port, callback);
  }

  /**
   * Connects to {@code host} by name; see {@link #connect(Loop, String, int, Callback)}.
   *
   * @param loop the loop whose thread resolves, connects and settles the promise
   * @param host a host name or numeric address, as getaddrinfo takes it
   * @param port the server's port, 1 to 65535
   * @return fulfilled with the connected handle; rejected with a {@link UvException}: the lookup's
   *     error, or the last attempt's, naming every address tried
   * @throws NullPointerException if {@code loop} or {@code host} is null
   * @throws IllegalArgumentException if {@code host} is empty or contains a NUL character, or
   *     {@code port} is outside 1 to 65535 (the message names the value)
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public static Promise<Tcp> connect(Loop loop, String host, int port) {
    Objects.requireNonNull(loop, "loop");
    Promise.Resolver<Tcp> resolver = loop.promise();
    resolveAndConnect(loop, host, port, resolver::settle);
    return resolver.promise();
  }

  private static void resolveAndConnect(Loop loop, String host, int port, Callback<Tcp> callback) {
    Objects.requireNonNull(loop, "loop");
    Objects.requireNonNull(host, "host");
    if (host.isEmpty()) throw new IllegalArgumentException("host is empty");
    if (port < 1 || port > 65535) throw new IllegalArgumentException("port must be 1..65535, got " + port);
    Dns.getAddrInfo(loop, host, Integer.toString(port), Dns.Hints.DEFAULT, (addresses, error) -> {
      if (error != null) callback.done(null, error);
      else connectInOrder(loop, host + ":" + port, addresses, callback);
    });
  }

  /**
   * Tries {@code addresses} in order, each on a new handle, until one connects; {@code target}
   * (the host and port asked for) is named in the error if none does.
   */
  static void connectInOrder(Loop loop, String target, List<InetSocketAddress> addresses, Callback<Tcp> callback) {
    if (addresses.isEmpty()) throw new IllegalArgumentException("no address to connect to for " + target);
    new Attempts(loop, target, addresses, callback).attempt(0);
  }

  /** Connect attempts to the addresses a name resolved to, one at a time. */
  private static final class Attempts {
    private final Loop loop;
    private final String target;
    private final List<InetSocketAddress> addresses;
    private final Callback<Tcp> callback;

    Attempts(Loop loop, String target, List<InetSocketAddress> addresses, Callback<Tcp> callback) {
      this.loop = loop;
      this.target = target;
      this.addresses = addresses;
      this.callback = callback;
    }

    /** Tries the address at {@code index}, and the next ones while they fail. */
    void attempt(int index) {
      Tcp tcp = new Tcp(loop);
      tcp.connect(addresses.get(index), error -> {
        if (error == null) {
          callback.done(tcp, null);
          return;
        }
        tcp.close();
        int tried = index + 1;
        boolean cancelled = error.errno() == UvError.ECANCELED.errno();
        if (tried == addresses.size() || cancelled || loop.isTearingDown()) callback.done(null, allFailed(tried, error));
        else attempt(tried);
      });
    }

    private UvException allFailed(int tried, UvException last) {
      String names =
          addresses.subList(0, tried).stream().map(SocketAddresses::text).collect(Collectors.joining(", "));
      UvException error = new UvException(last.errno(), "connect", target, null, "tried " + names);
      error.initCause(last);
      return error;
    }
  }

  /**
   * Turns Nagle's algorithm off ({@code true}) or on.
   *
   * @param enable true to send small writes at once, false to let the OS coalesce them
   * @throws UvException if the OS refuses
   * @throws IllegalStateException if closed or called from another thread
   */
  public void noDelay(boolean enable) throws UvException {
    UvException.check(Native.tcpNoDelay(open(), enable), "setsockopt");
  }

  /**
   * Turns TCP keep-alive on, probing after {@code delaySeconds} idle, or off.
   *
   * @param enable true to turn keep-alive on, false to turn it off
   * @param delaySeconds how long the connection may stay idle before the first probe, in seconds;
   *     ignored when {@code enable} is false
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
   * @param enable true to queue several accepts at once, false to queue one at a time
   * @throws UvException if libuv refuses
   * @throws IllegalStateException if closed or called from another thread
   */
  public void simultaneousAccepts(boolean enable) throws UvException {
    UvException.check(Native.tcpSimultaneousAccepts(open(), enable), "uv_tcp_simultaneous_accepts");
  }

  /**
   * The local address the socket is bound to.
   *
   * @return the local address and port, such as the port the OS picked for port 0
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
   * @return the remote address and port of the connection
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
   * @param onClose run on the loop thread once the handle is closed, or {@code null}
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
      return new UvException(result, "connect", SocketAddresses.text(address), null);
    }
  }
}
