package io.uv4j;

import io.uv4j.internal.Native;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Name resolution on libuv's thread pool ({@code uv_getaddrinfo}, {@code uv_getnameinfo}): the
 * system resolver runs on a pool thread and the result comes back on the loop thread. Failures
 * carry libuv's {@code EAI_*} names. Every method must be called on the loop's thread.
 */
public final class Dns {
  private static final int AF_UNSPEC = Native.constant("AF_UNSPEC");
  private static final int AF_INET = Native.constant("AF_INET");
  private static final int AF_INET6 = Native.constant("AF_INET6");

  /** The kind of socket addresses are wanted for. */
  public enum SocketType {
    /** Any: the resolver may list each address once per type. */
    ANY(0),
    /** TCP. */
    STREAM(Native.constant("SOCK_STREAM")),
    /** UDP. */
    DATAGRAM(Native.constant("SOCK_DGRAM"));

    /** The platform's ai_socktype. */
    final int value;

    SocketType(int value) {
      this.value = value;
    }
  }

  /**
   * What getaddrinfo should look for.
   *
   * @param family 0 for any, 4 for IPv4, 6 for IPv6
   * @param socketType the socket type
   * @param protocol 0 for any, else an IP protocol number
   * @param flags getaddrinfo {@code AI_*} flags (1 passive, 2 canonical name, 4 numeric host)
   */
  public record Hints(int family, SocketType socketType, int protocol, int flags) {
    /** Any family, stream sockets, as Node's {@code dns.lookup} asks. */
    public static final Hints DEFAULT = new Hints(0, SocketType.STREAM, 0, 0);

    /**
     * Checks the hints.
     *
     * @param family 0 for any, 4 for IPv4, 6 for IPv6
     * @param socketType the socket type
     * @param protocol 0 for any, else an IP protocol number
     * @param flags getaddrinfo {@code AI_*} flags, 0 for none
     * @throws IllegalArgumentException if family is not 0, 4 or 6, or protocol or flags are
     *     negative
     * @throws NullPointerException if {@code socketType} is null
     */
    public Hints {
      checkFamily(family);
      Objects.requireNonNull(socketType, "socketType");
      if (protocol < 0) throw new IllegalArgumentException("protocol must be >= 0, got " + protocol);
      if (flags < 0) throw new IllegalArgumentException("flags must be >= 0, got " + flags);
    }

    /**
     * Only addresses of one family (4 or 6), stream sockets.
     *
     * @param family 4 for IPv4, 6 for IPv6, or 0 for either
     * @return hints for stream sockets of that family, with no protocol or flags
     * @throws IllegalArgumentException if {@code family} is not 0, 4 or 6
     */
    public static Hints family(int family) {
      return new Hints(family, SocketType.STREAM, 0, 0);
    }
  }

  /**
   * What getnameinfo found.
   *
   * @param host the host name (or numeric address)
   * @param service the service name (or port number)
   */
  public record NameInfo(String host, String service) {}

  private Dns() {}

  /**
   * Resolves {@code host} and/or {@code service}; {@code callback} gets the addresses in the
   * resolver's order.
   *
   * @param loop the loop whose thread pool runs the lookup and whose thread gets the result
   * @param host a host name or numeric address, or null (then {@code service} is required)
   * @param service a service name or port number, or null
   * @param hints what to look for, such as {@link Hints#DEFAULT}
   * @param callback told on the loop thread of the addresses, or of the error: an {@code EAI_*}
   *     code, {@code EAI_CANCELED} if cancelled
   * @return lets the lookup be cancelled while it waits for a pool thread
   * @throws NullPointerException if {@code loop}, {@code hints} or {@code callback} is null
   * @throws IllegalArgumentException if both {@code host} and {@code service} are null, or
   *     either contains a NUL character
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public static Cancelable getAddrInfo(
      Loop loop, String host, String service, Hints hints, Callback<List<InetSocketAddress>> callback) {
    Objects.requireNonNull(callback, "callback");
    return startAddrInfo(loop, host, service, hints, new Lookup<>(loop, "getaddrinfo", host, callback, null));
  }

  /**
   * Resolves {@code host} and/or {@code service}.
   *
   * @param loop the loop whose thread pool runs the lookup and whose thread settles the promise
   * @param host a host name or numeric address, or null (then {@code service} is required)
   * @param service a service name or port number, or null
   * @param hints what to look for, such as {@link Hints#DEFAULT}
   * @return fulfilled with the addresses, rejected with a {@link UvException} ({@code
   *     EAI_NONAME}, ...)
   * @throws NullPointerException if {@code loop} or {@code hints} is null
   * @throws IllegalArgumentException if both {@code host} and {@code service} are null, or
   *     either contains a NUL character
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public static Promise<List<InetSocketAddress>> getAddrInfo(
      Loop loop, String host, String service, Hints hints) {
    Objects.requireNonNull(loop, "loop");
    Promise.Resolver<List<InetSocketAddress>> resolver = loop.promise();
    startAddrInfo(loop, host, service, hints, new Lookup<>(loop, "getaddrinfo", host, null, resolver));
    return resolver.promise();
  }

  /**
   * Looks up the host and service names of {@code address}.
   *
   * @param loop the loop whose thread pool runs the lookup and whose thread gets the result
   * @param address a resolved address and port
   * @param flags getnameinfo {@code NI_*} flags (0 for none)
   * @param callback told on the loop thread of the names, or of the error: an {@code EAI_*}
   *     code, {@code EAI_CANCELED} if cancelled
   * @return lets the lookup be cancelled while it waits for a pool thread
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code address} is unresolved or flags are negative
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public static Cancelable getNameInfo(
      Loop loop, InetSocketAddress address, int flags, Callback<NameInfo> callback) {
    Objects.requireNonNull(callback, "callback");
    return startNameInfo(loop, address, flags, new Lookup<>(loop, "getnameinfo", null, callback, null));
  }

  /**
   * Looks up the host and service names of {@code address}.
   *
   * @param loop the loop whose thread pool runs the lookup and whose thread settles the promise
   * @param address a resolved address and port
   * @param flags getnameinfo {@code NI_*} flags (0 for none)
   * @return fulfilled with the names, rejected with a {@link UvException}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code address} is unresolved or flags are negative
   * @throws IllegalStateException if the loop is closed or closing, or called from another thread
   */
  public static Promise<NameInfo> getNameInfo(Loop loop, InetSocketAddress address, int flags) {
    Objects.requireNonNull(loop, "loop");
    Promise.Resolver<NameInfo> resolver = loop.promise();
    startNameInfo(loop, address, flags, new Lookup<>(loop, "getnameinfo", null, null, resolver));
    return resolver.promise();
  }

  /**
   * Resolves {@code host} and/or {@code service} at once, on the calling thread (libuv's
   * synchronous mode): the call blocks for as long as the resolver takes. Safe from any thread,
   * and needs no loop.
   *
   * @param host a host name or numeric address, or null (then {@code service} is required)
   * @param service a service name or port number, or null
   * @param hints what to look for, such as {@link Hints#DEFAULT}
   * @return the addresses in the resolver's order, unmodifiable
   * @throws NullPointerException if {@code hints} is null
   * @throws IllegalArgumentException if both {@code host} and {@code service} are null, or
   *     either contains a NUL character
   * @throws UvException if the lookup fails ({@code EAI_NONAME}, ...), naming {@code host}
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static List<InetSocketAddress> getAddrInfoSync(String host, String service, Hints hints) throws UvException {
    checkQuery(host, service, hints);
    int[] status = new int[1];
    byte[] packed =
        Native.dnsGetAddrInfoSync(
            host, service, addressFamily(hints.family()), hints.socketType().value, hints.protocol(), hints.flags(), status);
    if (packed == null) throw new UvException(status[0], "getaddrinfo", host, null);
    return Lookup.decodeAll(packed);
  }

  /**
   * Looks up the host and service names of {@code address} at once, on the calling thread
   * (libuv's synchronous mode). Safe from any thread, and needs no loop.
   *
   * @param address a resolved address and port
   * @param flags getnameinfo {@code NI_*} flags (0 for none)
   * @return the names
   * @throws NullPointerException if {@code address} is null
   * @throws IllegalArgumentException if {@code address} is unresolved or flags are negative
   * @throws UvException if the lookup fails
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static NameInfo getNameInfoSync(InetSocketAddress address, int flags) throws UvException {
    byte[] encoded = SocketAddresses.encode(address);
    if (flags < 0) throw new IllegalArgumentException("flags must be >= 0, got " + flags);
    int[] status = new int[1];
    String[] names = Native.dnsGetNameInfoSync(encoded, flags, status);
    if (names == null) throw new UvException(status[0], "getnameinfo", SocketAddresses.text(address), null);
    return new NameInfo(names[0], names[1]);
  }

  private static void checkQuery(String host, String service, Hints hints) {
    Objects.requireNonNull(hints, "hints");
    if (host == null && service == null) throw new IllegalArgumentException("host and service are both null");
    checkNoNul(host, "host");
    checkNoNul(service, "service");
  }

  private static Cancelable startAddrInfo(
      Loop loop, String host, String service, Hints hints, Lookup<List<InetSocketAddress>> lookup) {
    Objects.requireNonNull(loop, "loop");
    checkQuery(host, service, hints);
    long p = loop.checkUsable();
    ThreadPool.using();
    lookup.startedWith(
        Native.dnsGetAddrInfo(
            p, lookup.takeSlot(), host, service, addressFamily(hints.family()), hints.socketType().value, hints.protocol(), hints.flags()));
    return lookup;
  }

  private static Cancelable startNameInfo(Loop loop, InetSocketAddress address, int flags, Lookup<NameInfo> lookup) {
    Objects.requireNonNull(loop, "loop");
    byte[] encoded = SocketAddresses.encode(address);
    if (flags < 0) throw new IllegalArgumentException("flags must be >= 0, got " + flags);
    long p = loop.checkUsable();
    ThreadPool.using();
    lookup.startedWith(Native.dnsGetNameInfo(p, lookup.takeSlot(), encoded, flags));
    return lookup;
  }

  /** Address families as uv4j numbers them: 0 any (AF_UNSPEC), 4 AF_INET, 6 AF_INET6. */
  static void checkFamily(int family) {
    if (family != 0 && family != 4 && family != 6) {
      throw new IllegalArgumentException("family must be 0, 4 or 6, got " + family);
    }
  }

  /** The platform's address family for a uv4j family (0, 4 or 6, as checkFamily allows). */
  static int addressFamily(int family) {
    return family == 4 ? AF_INET : family == 6 ? AF_INET6 : AF_UNSPEC;
  }

  private static void checkNoNul(String s, String what) {
    if (s != null && s.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(what + " contains a NUL character: " + s.replace("\0", "\\0"));
    }
  }

  /** One lookup in flight, in the loop's request table until it completes. */
  private static final class Lookup<T> extends PoolRequest implements Runnable {
    private final String syscall;
    private final String host;
    private final Callback<T> callback;
    private final Promise.Resolver<T> resolver;
    private int failure;

    Lookup(Loop loop, String syscall, String host, Callback<T> callback, Promise.Resolver<T> resolver) {
      super(loop);
      this.syscall = syscall;
      this.host = host;
      this.callback = callback;
      this.resolver = resolver;
    }

    /** After the native start: a lookup that could not start reports its error as a next-tick. */
    void startedWith(int result) {
      if (!started(result)) {
        failure = result;
        loop.enqueueTick(this);
      }
    }

    @Override
    String describe(int event) {
      return syscall + " done";
    }

    @Override
    void onNativeEvent(int event, long arg) throws Exception {
      int status = (int) arg;
      if (status < 0) {
        deliver(null, status);
      } else if (syscall.equals("getaddrinfo")) {
        @SuppressWarnings("unchecked")
        T addresses = (T) decodeAll(Native.dnsAddrInfoResults(loop.requestTable().completingRequest()));
        deliver(addresses, 0);
      } else {
        String[] names = Native.dnsNameInfoResults(loop.requestTable().completingRequest());
        @SuppressWarnings("unchecked")
        T info = (T) new NameInfo(names[0], names[1]);
        deliver(info, 0);
      }
    }

    /** A lookup that could not start reports asynchronously, as a next-tick. */
    @Override
    public void run() {
      try {
        deliver(null, failure);
      } catch (Exception e) {
        throw Throwables.sneaky(e);
      }
    }

    private void deliver(T result, int status) throws Exception {
      UvException error = status < 0 ? new UvException(status, syscall, host, null) : null;
      if (resolver != null) resolver.settle(result, error);
      else callback.done(result, error);
    }

    private static List<InetSocketAddress> decodeAll(byte[] packed) {
      List<InetSocketAddress> addresses = new ArrayList<>(packed.length / Native.SOCKADDR_LEN);
      byte[] one = new byte[Native.SOCKADDR_LEN];
      for (int at = 0; at < packed.length; at += Native.SOCKADDR_LEN) {
        System.arraycopy(packed, at, one, 0, one.length);
        addresses.add(SocketAddresses.decode(one));
      }
      return Collections.unmodifiableList(addresses);
    }
  }
}
