package io.uv4j;

import io.uv4j.internal.Native;

/** libuv's kinds of request ({@code uv_req_type}), with the names libuv gives them. */
public enum RequestType {
  /** Not a kind libuv names (its platform-private kinds are reported as this). */
  UNKNOWN,
  /** libuv's abstract base request. */
  REQ,
  /** A stream's connect. */
  CONNECT,
  /** A stream's write. */
  WRITE,
  /** A stream's shutdown. */
  SHUTDOWN,
  /** A UDP send. */
  UDP_SEND,
  /** A file-system operation. */
  FS,
  /** Work on the thread pool. */
  WORK,
  /** A getaddrinfo lookup. */
  GETADDRINFO,
  /** A getnameinfo lookup. */
  GETNAMEINFO,
  /** A uv_random on the thread pool. */
  RANDOM;

  /** libuv's number for each constant, in declaration order (in a holder: constants are made first). */
  private static final class Numbers {
    static final int[] VALUES = Native.requestTypeValues();
  }

  private final String typeName = Native.requestTypeName(Numbers.VALUES[ordinal()]);

  /**
   * libuv's name for this kind ({@code uv_req_type_name}), such as {@code "fs"} or {@code
   * "getaddrinfo"}.
   *
   * @return the name, or null for {@link #UNKNOWN}, which libuv does not name
   */
  public String typeName() {
    return typeName;
  }
}
