package io.uv4j;

import io.uv4j.internal.Native;

/** libuv's kinds of request ({@code uv_req_type}), with the names libuv gives them. */
public enum RequestType {
  /** Not a kind libuv names (its platform-private kinds are reported as this). */
  UNKNOWN("UV_UNKNOWN_REQ"),
  /** libuv's abstract base request. */
  REQ("UV_REQ"),
  /** A stream's connect. */
  CONNECT("UV_CONNECT"),
  /** A stream's write. */
  WRITE("UV_WRITE"),
  /** A stream's shutdown. */
  SHUTDOWN("UV_SHUTDOWN"),
  /** A UDP send. */
  UDP_SEND("UV_UDP_SEND"),
  /** A file-system operation. */
  FS("UV_FS"),
  /** Work on the thread pool. */
  WORK("UV_WORK"),
  /** A getaddrinfo lookup. */
  GETADDRINFO("UV_GETADDRINFO"),
  /** A getnameinfo lookup. */
  GETNAMEINFO("UV_GETNAMEINFO"),
  /** A uv_random on the thread pool. */
  RANDOM("UV_RANDOM");

  /** libuv's number for this kind. */
  private final int number;

  private final String typeName;

  RequestType(String nativeName) {
    this.number = Native.constant(nativeName);
    this.typeName = Native.requestTypeName(number);
  }

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
