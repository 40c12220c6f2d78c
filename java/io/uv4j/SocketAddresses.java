package io.uv4j;

import io.uv4j.internal.Native;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/** Socket addresses in the byte[] form they cross JNI in (see native/sockaddr.c). */
final class SocketAddresses {
  private SocketAddresses() {}

  /**
   * @throws NullPointerException if {@code address} is null
   * @throws IllegalArgumentException if it is unresolved
   */
  static byte[] encode(InetSocketAddress address) {
    Objects.requireNonNull(address, "address");
    InetAddress ip = address.getAddress();
    if (ip == null) {
      throw new IllegalArgumentException(
          "unresolved address " + address + "; resolve it first (for example with getAddrInfo)");
    }
    byte[] out = new byte[Native.SOCKADDR_LEN];
    int port = address.getPort();
    out[2] = (byte) (port >>> 8);
    out[3] = (byte) port;
    byte[] raw = ip.getAddress();
    if (ip instanceof Inet4Address) {
      out[0] = 4;
    } else {
      out[0] = 6;
      int scope = ((Inet6Address) ip).getScopeId();
      out[4] = (byte) (scope >>> 24);
      out[5] = (byte) (scope >>> 16);
      out[6] = (byte) (scope >>> 8);
      out[7] = (byte) scope;
    }
    System.arraycopy(raw, 0, out, 8, raw.length);
    return out;
  }

  /** How errors name a resolved address: {@code 127.0.0.1:80}, as Node's do. */
  static String text(InetSocketAddress address) {
    return address.getAddress().getHostAddress() + ":" + address.getPort();
  }

  static InetSocketAddress decode(byte[] in) {
    int port = ((in[2] & 0xff) << 8) | (in[3] & 0xff);
    try {
      if (in[0] == 4) {
        byte[] raw = new byte[4];
        System.arraycopy(in, 8, raw, 0, 4);
        return new InetSocketAddress(InetAddress.getByAddress(raw), port);
      }
      byte[] raw = new byte[16];
      System.arraycopy(in, 8, raw, 0, 16);
      int scope = ((in[4] & 0xff) << 24) | ((in[5] & 0xff) << 16) | ((in[6] & 0xff) << 8) | (in[7] & 0xff);
      InetAddress ip =
          scope != 0 ? Inet6Address.getByAddress(null, raw, scope) : InetAddress.getByAddress(raw);
      return new InetSocketAddress(ip, port);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("malformed address from libuv", e);
    }
  }
}
