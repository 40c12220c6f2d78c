package io.uv4j;

import io.uv4j.internal.Native;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A UDP socket ({@code uv_udp_t}). Datagrams arrive in loop-owned buffers valid during the
 * receive callback, as stream reads do, or in buffers the caller supplies. Every method must be
 * called on the loop's thread.
 */
public final class Udp extends Handle {
  /** libuv's {@code UV_UDP_IPV6ONLY}. */
  public static final int IPV6_ONLY = 1;
  /** libuv's {@code UV_UDP_REUSEADDR}. */
  public static final int REUSE_ADDR = 4;
  /** libuv's {@code UV_UDP_PARTIAL} receive flag: the datagram was cut to fit the buffer. */
  public static final int PARTIAL = 2;

  /** Receives datagrams. */
  @FunctionalInterface
  public interface Receiver {
    /**
     * One datagram arrived.
     *
     * @param data its bytes, valid during the call
     * @param sender where it came from
     * @param flags receive flags, such as {@link Udp#PARTIAL}
     * @throws Exception anything; it goes to the loop's uncaught-exception handling
     */
    void onDatagram(ByteBuffer data, InetSocketAddress sender, int flags) throws Exception;

    /**
     * Receiving failed; by default the error goes to the loop's uncaught-exception handling.
     *
     * @param error why the receive failed
     * @throws Exception anything; it goes to the loop's uncaught-exception handling
     */
    default void onError(UvException error) throws Exception {
      throw error;
    }
  }

  /** The socket options the shim sets. */
  private static final int MULTICAST_LOOP = Native.constant("UV4J_UDP_MULTICAST_LOOP");
  private static final int MULTICAST_TTL = Native.constant("UV4J_UDP_MULTICAST_TTL");
  private static final int BROADCAST = Native.constant("UV4J_UDP_BROADCAST");
  private static final int TTL = Native.constant("UV4J_UDP_TTL");
  /** UV_UDP_MMSG_CHUNK, UV_UDP_MMSG_FREE, and the bytes of one recvmmsg slot. */
  private static final int BATCH_CHUNK = Native.constant("UV_UDP_MMSG_CHUNK");
  private static final int BATCH_END = Native.constant("UV_UDP_MMSG_FREE");
  private static final int BATCH_SLOT = Native.constant("UV4J_UDP_DGRAM_MAXSIZE");

  /** Whether libuv receives several datagrams per system call into one buffer. */
  private final boolean batching;
  private Receiver receiver;
  /** Supplies the buffer of each receive; null: receives go into the loop's buffers. */
  private Supplier<ByteBuffer> allocator;
  /** The buffer the next receive fills, while {@link #allocator} is set. */
  private ByteBuffer readBuffer;
  /** {@link #readBuffer}'s position when it was supplied: where libuv's receive starts. */
  private int readStart;
  /** The buffer the batch being delivered fills, and where in it the batch starts. */
  private ByteBuffer batchBuffer;
  private int batchStart;

  /**
   * Creates a UDP handle; its socket is made at bind or first send.
   *
   * @param loop the loop whose thread will use the handle
   * @throws NullPointerException if {@code loop} is null
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   * @throws OutOfMemoryError if there is no memory for the native handle ({@code ENOMEM})
   * @throws UncheckedIOException wrapping a {@link UvException} if {@code uv_udp_init_ex} fails
   *     with another error (unchecked, so that existing callers still compile; libuv 1.50 has
   *     no such error for it)
   */
  public Udp(Loop loop) {
    super(Objects.requireNonNull(loop, "loop"));
    loop.ensureReadSlab();
    long p = Native.udpNew(loop.checkUsable(), this, Dns.addressFamily(0), false);
    if (p < 0) throw new UncheckedIOException(initFailure(p, "uv_udp_init_ex"));
    bind(p);
    batching = false;
  }

  /**
   * Creates a UDP handle with a socket of an address family made at once ({@code uv_udp_init_ex}),
   * so that options can be set before bind; the handle owns the socket.
   *
   * @param loop the loop whose thread will use the handle
   * @param family 4 (IPv4), 6 (IPv6), or 0 for no socket yet (as {@link #Udp(Loop)})
   * @throws NullPointerException if {@code loop} is null
   * @throws IllegalArgumentException if {@code family} is not 0, 4 or 6
   * @throws UvException if the OS cannot make the socket (for example {@code EAFNOSUPPORT} where
   *     IPv6 is off, or {@code EMFILE})
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   * @throws OutOfMemoryError if there is no memory for the native handle ({@code ENOMEM})
   */
  public Udp(Loop loop, int family) throws UvException {
    this(loop, family, false);
  }

  /**
   * Creates a UDP handle for an address family ({@code uv_udp_init_ex}), which may take several
   * datagrams per system call ({@code UV_UDP_RECVMMSG}: {@code recvmmsg} on Linux and FreeBSD,
   * {@code recvmsg_x} on macOS). A batching handle fills each receive buffer with up to {@code
   * remaining / 65536} datagrams (at most 20), each in its own 64 KiB slot; each still reaches the
   * receiver in a call of its own, as a view of the buffer, and the allocator is asked for the
   * next buffer once the batch is delivered. Its buffers must hold at least 64 KiB (the loop's
   * own buffer holds one slot). Where the platform cannot batch, the handle receives one datagram
   * at a time (see {@link #isBatchingReceives()}).
   *
   * @param loop the loop whose thread will use the handle
   * @param family 4 (IPv4), 6 (IPv6), or 0 for no socket yet
   * @param batchReceives whether to take several datagrams per system call
   * @throws NullPointerException if {@code loop} is null
   * @throws IllegalArgumentException if {@code family} is not 0, 4 or 6
   * @throws UvException if the OS cannot make the socket (for example {@code EAFNOSUPPORT} where
   *     IPv6 is off, or {@code EMFILE})
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   * @throws OutOfMemoryError if there is no memory for the native handle ({@code ENOMEM})
   */
  public Udp(Loop loop, int family, boolean batchReceives) throws UvException {
    super(Objects.requireNonNull(loop, "loop"));
    Dns.checkFamily(family);
    loop.ensureReadSlab();
    long p = Native.udpNew(loop.checkUsable(), this, Dns.addressFamily(family), batchReceives);
    if (p < 0) throw initFailure(p, "uv_udp_init_ex");
    bind(p);
    batching = Native.udpUsingRecvmmsg(p);
    if (family != 0) noteDescriptor();
  }

  /**
   * Whether this handle takes several datagrams per system call (asked for at creation, and
   * available on this platform).
   *
   * @return true if receives are batched
   * @throws IllegalStateException if closed or called from another thread
   */
  public boolean isBatchingReceives() {
    open();
    return batching;
  }

  /**
   * Opens an existing OS datagram socket as this handle ({@code uv_udp_open}); the handle then
   * owns it and closes it when it closes.
   *
   * @param socket the OS socket descriptor (a SOCKET on Windows), bound or connected or not
   * @throws IllegalArgumentException if {@code socket} is negative or, except on Windows, not a
   *     socket
   * @throws UvException if libuv refuses it ({@code EBUSY} if this handle has a socket already,
   *     {@code EBADF} if it is not open)
   * @throws IllegalStateException if a uv4j handle or loop owns {@code socket} or a poll watches
   *     it (the message names it), if this handle is closed, or if called from another thread
   */
  public void open(int socket) throws UvException {
    adopt(socket, true, Native::udpOpen, "uv_udp_open");
  }

  /**
   * The OS socket ({@code uv_fileno}).
   *
   * @return the socket (a SOCKET on Windows), which stays the handle's: do not close it
   * @throws UvException {@code EBADF} if the handle has no socket yet (before bind, first send,
   *     {@link #open(int)} or creation with a family)
   * @throws IllegalStateException if closed or called from another thread
   */
  public long fileno() throws UvException {
    return osDescriptor();
  }

  /**
   * Binds to a local address; port 0 picks a free port.
   *
   * @param address a resolved local address; the wildcard address binds to every interface
   * @param flags 0, or {@link #IPV6_ONLY} and/or {@link #REUSE_ADDR}
   * @throws NullPointerException if {@code address} is null
   * @throws IllegalArgumentException if {@code address} is unresolved or flags are unknown
   * @throws UvException if the OS refuses ({@code EADDRINUSE}, ...), naming the address
   * @throws IllegalStateException if closed or called from another thread
   */
  public void bind(InetSocketAddress address, int flags) throws UvException {
    byte[] encoded = SocketAddresses.encode(address);
    if ((flags & ~(IPV6_ONLY | REUSE_ADDR)) != 0) throw new IllegalArgumentException("unknown bind flags: " + flags);
    int rc = Native.udpBind(open(), encoded, flags);
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
   * Fixes the peer: sends without an address go there and only its datagrams are received.
   *
   * @param address the resolved address of the peer
   * @throws NullPointerException if {@code address} is null
   * @throws IllegalArgumentException if {@code address} is unresolved
   * @throws UvException if the OS refuses ({@code EISCONN} when already connected), naming the
   *     address
   * @throws IllegalStateException if closed or called from another thread
   */
  public void connect(InetSocketAddress address) throws UvException {
    byte[] encoded = SocketAddresses.encode(address);
    int rc = Native.udpConnect(open(), encoded);
    noteDescriptor();
    UvException.check(rc, "connect", SocketAddresses.text(address));
  }

  /**
   * Forgets the peer set by {@link #connect}.
   *
   * @throws UvException {@code ENOTCONN} if not connected
   * @throws IllegalStateException if closed or called from another thread
   */
  public void disconnect() throws UvException {
    UvException.check(Native.udpConnect(open(), null), "connect");
  }

  /**
   * Sends one datagram of the bytes between {@code data}'s position and limit.
   *
   * @param data the datagram's bytes; a direct buffer must not change until the callback
   * @param to where to send it; null for the connected peer
   * @param callback told once the datagram is handed to the OS; if null, a failure goes to the
   *     uncaught handling
   * @throws NullPointerException if {@code data} is null
   * @throws IllegalArgumentException if {@code to} is unresolved
   * @throws IllegalStateException if closed or called from another thread
   */
  public void send(ByteBuffer data, InetSocketAddress to, Completion callback) {
    send(data, to, new Request(loop, "send", callback, data));
  }

  /**
   * Sends one datagram.
   *
   * @param data the datagram's bytes, between position and limit; a direct buffer must not change
   *     until the promise settles
   * @param to where to send it; null for the connected peer
   * @return fulfilled once handed to the OS, rejected with a {@link UvException}
   * @throws NullPointerException if {@code data} is null
   * @throws IllegalArgumentException if {@code to} is unresolved
   * @throws IllegalStateException if closed or called from another thread
   */
  public Promise<Void> send(ByteBuffer data, InetSocketAddress to) {
    Promise.Resolver<Void> resolver = loop.promise();
    send(data, to, new Request(loop, "send", resolver, data));
    return resolver.promise();
  }

  private void send(ByteBuffer data, InetSocketAddress to, Request request) {
    Objects.requireNonNull(data, "data");
    byte[] address = to == null ? null : SocketAddresses.encode(to);
    long p = open();
    int rc;
    if (data.isDirect()) {
      rc = Native.udpSend(p, request.takeSlot(), data, data.position(), data.remaining(), address);
    } else if (data.hasArray()) {
      rc = Native.udpSendArray(p, request.takeSlot(), data.array(), data.arrayOffset() + data.position(), data.remaining(), address);
    } else {
      byte[] copy = new byte[data.remaining()];
      data.duplicate().get(copy);
      rc = Native.udpSendArray(p, request.takeSlot(), copy, 0, copy.length, address);
    }
    request.started(rc);
    // an unbound socket is made (and bound) at its first send
    noteDescriptor();
    if (rc < 0) request.completeLater(rc);
  }

  /**
   * Sends one datagram now if the OS takes it without queueing ({@code uv_udp_try_send}).
   *
   * @param data a direct buffer
   * @param to where to send it; null for the connected peer
   * @return the number of bytes sent
   * @throws NullPointerException if {@code data} is null
   * @throws IllegalArgumentException if {@code data} is not direct or {@code to} is unresolved
   * @throws UvException {@code EAGAIN} if it would queue, or another send failure
   * @throws IllegalStateException if closed or called from another thread
   */
  public int trySend(ByteBuffer data, InetSocketAddress to) throws UvException {
    Objects.requireNonNull(data, "data");
    if (!data.isDirect()) throw new IllegalArgumentException("trySend needs a direct buffer: " + data);
    byte[] address = to == null ? null : SocketAddresses.encode(to);
    int rc = Native.udpTrySend(open(), data, data.position(), data.remaining(), address);
    noteDescriptor();
    return UvException.check(rc, "send");
  }

  /**
   * Starts receiving; starting again replaces the receiver.
   *
   * @param receiver told, on the loop thread, of each datagram and error until {@link #recvStop()}
   * @throws NullPointerException if {@code receiver} is null
   * @throws UvException if libuv refuses
   * @throws IllegalStateException if closed or called from another thread
   */
  public void recvStart(Receiver receiver) throws UvException {
    Objects.requireNonNull(receiver, "receiver");
    long p = open();
    setReadBuffer(p, null, null);
    startReceiving(p, receiver);
  }

  /**
   * Starts receiving into buffers {@code allocator} supplies, one before each receive (libuv's
   * alloc callback): each must be a writable direct buffer with room between position and limit.
   * The receiver gets that buffer with its limit set to the end of the datagram; a datagram longer
   * than the room is cut short and flagged {@link #PARTIAL}. Starting again replaces both.
   *
   * @param allocator called on the loop thread before each receive for the buffer it fills
   * @param receiver told, on the loop thread, of each datagram and error until {@link #recvStop()}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the first buffer supplied is null, not direct, read-only
   *     or full (later ones fail the same way, through the uncaught-exception handling)
   * @throws UvException if libuv refuses
   * @throws IllegalStateException if closed or called from another thread
   */
  public void recvStart(Supplier<ByteBuffer> allocator, Receiver receiver) throws UvException {
    Objects.requireNonNull(allocator, "allocator");
    Objects.requireNonNull(receiver, "receiver");
    long p = open();
    setReadBuffer(p, allocator, allocator.get());
    startReceiving(p, receiver);
  }

  private void startReceiving(long p, Receiver receiver) throws UvException {
    int rc = Native.udpRecvStart(p);
    noteDescriptor();
    UvException.check(rc, "recv");
    this.receiver = receiver;
  }

  private void setReadBuffer(long p, Supplier<ByteBuffer> allocator, ByteBuffer buffer) {
    if (allocator != null) {
      if (buffer == null) throw new IllegalArgumentException("the receive allocator returned null");
      if (!buffer.isDirect()) throw new IllegalArgumentException("receive buffers must be direct: " + buffer);
      if (buffer.isReadOnly()) throw new IllegalArgumentException("receive buffer is read-only: " + buffer);
      if (!buffer.hasRemaining()) throw new IllegalArgumentException("receive buffer has no room: " + buffer);
      if (batching && buffer.remaining() < BATCH_SLOT) {
        // libuv would find no whole slot in it and try again for ever
        throw new IllegalArgumentException(
            "a batching handle needs receive buffers with room for " + BATCH_SLOT + " bytes: " + buffer);
      }
      Native.udpSetReadBuffer(p, buffer, buffer.position(), buffer.remaining());
      readStart = buffer.position();
    } else if (this.allocator != null) {
      Native.udpSetReadBuffer(p, null, 0, 0);
    }
    this.allocator = allocator;
    this.readBuffer = buffer;
  }

  /**
   * Stops receiving.
   *
   * @throws IllegalStateException if closed or called from another thread
   */
  public void recvStop() {
    Native.udpRecvStop(open());
    receiver = null;
  }

  /**
   * The bound local address.
   *
   * @return the address and port the socket is bound to
   * @throws UvException if not bound
   * @throws IllegalStateException if closed or called from another thread
   */
  public InetSocketAddress localAddress() throws UvException {
    byte[] out = new byte[Native.SOCKADDR_LEN];
    UvException.check(Native.udpSockName(open(), out, false), "getsockname");
    return SocketAddresses.decode(out);
  }

  /**
   * The connected peer's address.
   *
   * @return the address {@link #connect} fixed
   * @throws UvException {@code ENOTCONN} if not connected
   * @throws IllegalStateException if closed or called from another thread
   */
  public InetSocketAddress remoteAddress() throws UvException {
    byte[] out = new byte[Native.SOCKADDR_LEN];
    UvException.check(Native.udpSockName(open(), out, true), "getpeername");
    return SocketAddresses.decode(out);
  }

  /**
   * Joins ({@code join}) or leaves a multicast group.
   *
   * @param group the group address, such as {@code "239.1.2.3"}
   * @param iface the local interface address, or null for the default
   * @param join true to join the group, false to leave it
   * @throws NullPointerException if {@code group} is null
   * @throws UvException if the OS refuses, or {@code EINVAL} if {@code group} or {@code iface} is
   *     not a numeric address; it names both
   * @throws IllegalStateException if closed or called from another thread
   */
  public void setMembership(String group, String iface, boolean join) throws UvException {
    Objects.requireNonNull(group, "group");
    int rc = Native.udpSetMembership(open(), group, iface, null, join);
    noteDescriptor();
    UvException.check(rc, "setsockopt", membership(group, iface, null));
  }

  /**
   * Joins or leaves a source-specific multicast group.
   *
   * @param group the group address, such as {@code "232.1.2.3"}
   * @param iface the local interface address, or null for the default
   * @param source the numeric address of the only sender whose datagrams to the group are received
   * @param join true to join, false to leave
   * @throws NullPointerException if {@code group} or {@code source} is null
   * @throws UvException if the OS refuses, or {@code EINVAL} if {@code group}, {@code iface} or
   *     {@code source} is not a numeric address; it names them
   * @throws IllegalStateException if closed or called from another thread
   */
  public void setSourceMembership(String group, String iface, String source, boolean join) throws UvException {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(source, "source");
    int rc = Native.udpSetMembership(open(), group, iface, source, join);
    noteDescriptor();
    UvException.check(rc, "setsockopt", membership(group, iface, source));
  }

  /**
   * Sets the interface multicast datagrams are sent from.
   *
   * @param iface the numeric address of a local interface
   * @throws NullPointerException if {@code iface} is null
   * @throws UvException if the OS refuses, or {@code EINVAL} if {@code iface} is not a numeric
   *     address; it names {@code iface}
   * @throws IllegalStateException if closed or called from another thread
   */
  public void setMulticastInterface(String iface) throws UvException {
    Objects.requireNonNull(iface, "iface");
    UvException.check(Native.udpSetMulticastInterface(open(), iface), "setsockopt", iface);
  }

  /**
   * Whether multicast datagrams sent are also delivered to this host.
   *
   * @param on true to loop them back to this host, false not to
   * @throws UvException if the OS refuses
   * @throws IllegalStateException if closed or called from another thread
   */
  public void setMulticastLoop(boolean on) throws UvException {
    UvException.check(Native.udpSetOption(open(), MULTICAST_LOOP, on ? 1 : 0), "setsockopt");
  }

  /**
   * The time-to-live of multicast datagrams sent.
   *
   * @param ttl how many hops a datagram may take, 1..255
   * @throws IllegalArgumentException if {@code ttl} is outside 1..255
   * @throws UvException if the OS refuses
   * @throws IllegalStateException if closed or called from another thread
   */
  public void setMulticastTtl(int ttl) throws UvException {
    checkTtl(ttl);
    UvException.check(Native.udpSetOption(open(), MULTICAST_TTL, ttl), "setsockopt");
  }

  /**
   * Allows sending to broadcast addresses.
   *
   * @param on true to allow it, false to forbid it
   * @throws UvException if the OS refuses
   * @throws IllegalStateException if closed or called from another thread
   */
  public void setBroadcast(boolean on) throws UvException {
    UvException.check(Native.udpSetOption(open(), BROADCAST, on ? 1 : 0), "setsockopt");
  }

  /**
   * The time-to-live of unicast datagrams sent.
   *
   * @param ttl how many hops a datagram may take, 1..255
   * @throws IllegalArgumentException if {@code ttl} is outside 1..255
   * @throws UvException if the OS refuses
   * @throws IllegalStateException if closed or called from another thread
   */
  public void setTtl(int ttl) throws UvException {
    checkTtl(ttl);
    UvException.check(Native.udpSetOption(open(), TTL, ttl), "setsockopt");
  }

  /**
   * Bytes waiting to be sent.
   *
   * @return the number of bytes queued in libuv and not yet handed to the OS
   * @throws IllegalStateException if closed or called from another thread
   */
  public long sendQueueSize() {
    return Native.udpSendQueueSize(open());
  }

  /** How a membership error names what it was given: {@code group [from source] [on iface]}. */
  private static String membership(String group, String iface, String source) {
    return group + (source == null ? "" : " from " + source) + (iface == null ? "" : " on " + iface);
  }

  private static void checkTtl(int ttl) {
    if (ttl < 1 || ttl > 255) throw new IllegalArgumentException("ttl must be 1..255, got " + ttl);
  }

  @Override
  void onNativeEvent(int event, long arg) throws Throwable {
    if (event != Native.EVENT_READ) {
      super.onNativeEvent(event, arg);
      return;
    }
    int nread = (int) arg;
    Receiver current = receiver;
    if (nread < 0) {
      if (current != null) current.onError(new UvException(nread, "recv"));
      return;
    }
    byte[] sender = new byte[Native.SOCKADDR_LEN];
    int[] info = new int[2];
    int rc = Native.udpLastSender(ptr, sender, info);
    int flags = info[0];
    Supplier<ByteBuffer> supply = allocator;
    boolean inBatch = (flags & BATCH_CHUNK) != 0;
    if ((flags & BATCH_END) != 0) {
      // the batch's buffer is done with: the next receive gets a new one
      if (supply != null && !isClosing()) setReadBuffer(ptr, supply, supply.get());
      return;
    }
    ByteBuffer data;
    if (supply == null) {
      data = loop.readView(nread);
    } else if (inBatch) {
      // a batch starts at its buffer's first slot; the receiver may supply another buffer meanwhile
      if (info[1] == 0) {
        batchBuffer = readBuffer;
        batchStart = readStart;
      }
      int start = batchStart + info[1];
      data = batchBuffer.duplicate().limit(start + nread).position(start);
    } else {
      data = readBuffer;
      data.limit(data.position() + nread);
    }
    int userFlags = flags & ~(BATCH_CHUNK | BATCH_END);
    if (current != null) current.onDatagram(data, rc == 0 ? SocketAddresses.decode(sender) : null, userFlags);
    if (!inBatch && supply != null && supply == allocator && !isClosing()) setReadBuffer(ptr, supply, supply.get());
  }

  /**
   * Sends not yet completed.
   *
   * @return the number of sends whose callback has not run yet, counting those already handed to
   *     the OS
   * @throws IllegalStateException if closed or called from another thread
   */
  public long sendQueueCount() {
    return Native.udpSendQueueCount(open());
  }

  /**
   * Sends several datagrams now, in as few system calls as the platform allows ({@code
   * uv_udp_try_send2}: {@code sendmmsg} on Linux and FreeBSD), without queueing. Datagram {@code
   * i} is the bytes between the position and limit of {@code datagrams[i]} and goes to {@code
   * to[i]}. The socket must be bound or connected first.
   *
   * @param datagrams direct buffers, one per datagram; their positions are not changed
   * @param to one resolved address per datagram, or null to send every datagram to the
   *     connected peer
   * @return how many datagrams went out, the first that many; fewer than given when the OS
   *     stopped taking them, and the rest can be sent with {@link #send}
   * @throws NullPointerException if {@code datagrams} or an element of either array is null
   * @throws IllegalArgumentException if {@code datagrams} is empty, a buffer is not direct, {@code
   *     to} does not hold one address per datagram, or an address is unresolved
   * @throws UvException if the first datagram cannot go: {@code EAGAIN} if it would block or sends
   *     are queued ({@link #sendQueueCount()}), {@code EINVAL} if the socket is neither bound nor
   *     connected, or another send failure
   * @throws IllegalStateException if closed or called from another thread
   */
  public int trySend(ByteBuffer[] datagrams, InetSocketAddress[] to) throws UvException {
    Objects.requireNonNull(datagrams, "datagrams");
    int count = datagrams.length;
    if (count == 0) throw new IllegalArgumentException("datagrams is empty");
    int[] offsets = new int[count];
    int[] lengths = new int[count];
    for (int i = 0; i < count; i++) {
      ByteBuffer data = datagrams[i];
      if (data == null) throw new NullPointerException("datagrams[" + i + "] is null");
      if (!data.isDirect()) throw new IllegalArgumentException("trySend needs direct buffers, datagrams[" + i + "] is " + data);
      offsets[i] = data.position();
      lengths[i] = data.remaining();
    }
    byte[][] addresses = null;
    if (to != null) {
      if (to.length != count) {
        throw new IllegalArgumentException("to has " + to.length + " addresses for " + count + " datagrams");
      }
      addresses = new byte[count][];
      for (int i = 0; i < count; i++) {
        if (to[i] == null) throw new NullPointerException("to[" + i + "] is null");
        addresses[i] = SocketAddresses.encode(to[i]);
      }
    }
    long p = open();
    // libuv leaves an unbound socket as it is on Unix but binds it on Windows; refuse it everywhere
    if (Native.handleFileno(p, new long[1]) < 0) {
      throw new UvException(UvError.EINVAL.errno(), "send", null, null, "the socket is neither bound nor connected");
    }
    return UvException.check(Native.udpTrySendMany(p, datagrams, offsets, lengths, addresses, count), "send");
  }
}
