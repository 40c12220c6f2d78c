package io.uv4j;

import io.uv4j.internal.Native;
import java.util.HashMap;
import java.util.Map;

/**
 * Every error name libuv defines ({@code UV_ERRNO_MAP}), with the number libuv uses for it on
 * this platform. Numbers differ between platforms (libuv negates {@code errno} on Unix and has its
 * own values on Windows), so they are read from the linked libuv when this class loads.
 */
public enum UvError {
  E2BIG,
  EACCES,
  EADDRINUSE,
  EADDRNOTAVAIL,
  EAFNOSUPPORT,
  EAGAIN,
  EAI_ADDRFAMILY,
  EAI_AGAIN,
  EAI_BADFLAGS,
  EAI_BADHINTS,
  EAI_CANCELED,
  EAI_FAIL,
  EAI_FAMILY,
  EAI_MEMORY,
  EAI_NODATA,
  EAI_NONAME,
  EAI_OVERFLOW,
  EAI_PROTOCOL,
  EAI_SERVICE,
  EAI_SOCKTYPE,
  EALREADY,
  EBADF,
  EBUSY,
  ECANCELED,
  ECHARSET,
  ECONNABORTED,
  ECONNREFUSED,
  ECONNRESET,
  EDESTADDRREQ,
  EEXIST,
  EFAULT,
  EFBIG,
  EHOSTUNREACH,
  EINTR,
  EINVAL,
  EIO,
  EISCONN,
  EISDIR,
  ELOOP,
  EMFILE,
  EMSGSIZE,
  ENAMETOOLONG,
  ENETDOWN,
  ENETUNREACH,
  ENFILE,
  ENOBUFS,
  ENODEV,
  ENOENT,
  ENOMEM,
  ENONET,
  ENOPROTOOPT,
  ENOSPC,
  ENOSYS,
  ENOTCONN,
  ENOTDIR,
  ENOTEMPTY,
  ENOTSOCK,
  ENOTSUP,
  EOVERFLOW,
  EPERM,
  EPIPE,
  EPROTO,
  EPROTONOSUPPORT,
  EPROTOTYPE,
  ERANGE,
  EROFS,
  ESHUTDOWN,
  ESPIPE,
  ESRCH,
  ETIMEDOUT,
  ETXTBSY,
  EXDEV,
  UNKNOWN,
  EOF,
  ENXIO,
  EMLINK,
  EHOSTDOWN,
  EREMOTEIO,
  ENOTTY,
  EFTYPE,
  EILSEQ,
  ESOCKTNOSUPPORT,
  ENODATA,
  EUNATCH,
  ENOEXEC;

  private static final Map<Integer, UvError> BY_NUMBER = new HashMap<>();

  private int number;
  private String description;

  static {
    String[] names = Native.errorNames();
    int[] numbers = Native.errorNumbers();
    Map<String, Integer> table = new HashMap<>();
    for (int i = 0; i < names.length; i++) table.put(names[i], numbers[i]);
    for (UvError error : values()) {
      Integer number = table.get(error.name());
      if (number == null) {
        throw new ExceptionInInitializerError("libuv does not define UV_" + error.name());
      }
      error.number = number;
      error.description = Native.strError(number);
      BY_NUMBER.put(number, error);
    }
  }

  /** libuv's (negative) number for this error on this platform. */
  public int errno() {
    return number;
  }

  /** libuv's description, such as {@code "no such file or directory"}. */
  public String description() {
    return description;
  }

  /**
   * The error for a libuv error number.
   *
   * @param errno a negative libuv error number
   * @return the error, or {@code null} if libuv has no name for that number
   */
  public static UvError of(int errno) {
    return BY_NUMBER.get(errno);
  }
}
