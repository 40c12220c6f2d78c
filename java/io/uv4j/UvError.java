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
  /** The argument list (or environment) passed to a new process is too long. */
  E2BIG,
  /** Permission denied: the file's mode or an access control rule forbids the operation. */
  EACCES,
  /** The local address (host and port) is already bound by another socket. */
  EADDRINUSE,
  /** The requested local address does not belong to any interface of this machine. */
  EADDRNOTAVAIL,
  /** The address family (for example IPv6) is not supported by the system or the socket. */
  EAFNOSUPPORT,
  /** The resource is temporarily unavailable; retrying later may succeed. */
  EAGAIN,
  /** Name resolution: the host has no address in the requested address family. */
  EAI_ADDRFAMILY,
  /** Name resolution: a temporary failure, such as a name server not answering; retry later. */
  EAI_AGAIN,
  /** Name resolution: the flags in the hints are invalid. */
  EAI_BADFLAGS,
  /** Name resolution: the hints hold an invalid value. */
  EAI_BADHINTS,
  /** Name resolution: the request was canceled before it finished. */
  EAI_CANCELED,
  /** Name resolution: a permanent failure; retrying will not help. */
  EAI_FAIL,
  /** Name resolution: the requested address family is not supported. */
  EAI_FAMILY,
  /** Name resolution: the resolver ran out of memory. */
  EAI_MEMORY,
  /** Name resolution: the host name exists but has no address. */
  EAI_NODATA,
  /** Name resolution: the host name or service is not known. */
  EAI_NONAME,
  /** Name resolution: a result did not fit in the buffer given for it. */
  EAI_OVERFLOW,
  /** Name resolution: the resolved protocol is not known. */
  EAI_PROTOCOL,
  /** Name resolution: the service is not available for the requested socket type. */
  EAI_SERVICE,
  /** Name resolution: the requested socket type is not supported. */
  EAI_SOCKTYPE,
  /** An operation of the same kind, such as a connect, is already in progress on this handle. */
  EALREADY,
  /** The file descriptor or handle is not open, or not open for this kind of access. */
  EBADF,
  /** The resource, such as a mounted file system or a locked device, is in use. */
  EBUSY,
  /** The operation was canceled before it finished. */
  ECANCELED,
  /** A string could not be converted between character encodings (Windows). */
  ECHARSET,
  /** The connection was aborted on this side, for example while it was still being accepted. */
  ECONNABORTED,
  /** The peer refused the connection: nothing listens on that address and port. */
  ECONNREFUSED,
  /** The peer reset the connection, closing it abruptly. */
  ECONNRESET,
  /** A send on an unconnected socket named no destination address. */
  EDESTADDRREQ,
  /** The file or directory already exists. */
  EEXIST,
  /** An address passed to the operating system points outside the process's memory. */
  EFAULT,
  /** The file would grow beyond the largest size the file system or a limit allows. */
  EFBIG,
  /** No route leads to the remote host. */
  EHOSTUNREACH,
  /** A signal interrupted the system call before it finished. */
  EINTR,
  /** An argument is invalid for this operation or for the handle's current state. */
  EINVAL,
  /** A low-level input or output error, usually from the device or the file system. */
  EIO,
  /** The socket is already connected. */
  EISCONN,
  /** The path names a directory where a file other than a directory is needed. */
  EISDIR,
  /** Resolving the path met too many symbolic links, most likely a cycle. */
  ELOOP,
  /** This process has reached its limit of open file descriptors. */
  EMFILE,
  /** The message is too large to be sent in one piece on this socket. */
  EMSGSIZE,
  /** The path, or one of its components, is longer than the system allows. */
  ENAMETOOLONG,
  /** The network interface needed for the operation is down. */
  ENETDOWN,
  /** No route leads to the remote network. */
  ENETUNREACH,
  /** The system as a whole has reached its limit of open files. */
  ENFILE,
  /** The system has no buffer space left for the operation. */
  ENOBUFS,
  /** No such device, or the device does not support the operation. */
  ENODEV,
  /** No such file or directory: the path, or one of its parent directories, does not exist. */
  ENOENT,
  /** Not enough memory to complete the operation. */
  ENOMEM,
  /** This machine is not on the network. */
  ENONET,
  /** The socket option or its level is not known to the protocol. */
  ENOPROTOOPT,
  /** No space is left on the device. */
  ENOSPC,
  /** The function is not implemented on this platform or kernel. */
  ENOSYS,
  /** The socket is not connected. */
  ENOTCONN,
  /** A directory was needed, but the path or one of its components is not a directory. */
  ENOTDIR,
  /** The directory is not empty. */
  ENOTEMPTY,
  /** The descriptor or handle is not a socket. */
  ENOTSOCK,
  /** The operation is not supported by this object or platform. */
  ENOTSUP,
  /** A value is too large to be stored in the type that should receive it. */
  EOVERFLOW,
  /** The operation is not permitted, usually because it needs privileges the process lacks. */
  EPERM,
  /** The pipe or socket was written to after its reading end had been closed. */
  EPIPE,
  /** A protocol error was detected. */
  EPROTO,
  /** The protocol is not supported for this address family or socket type. */
  EPROTONOSUPPORT,
  /** The protocol does not fit the socket's type. */
  EPROTOTYPE,
  /** A result is outside the range the operation can represent. */
  ERANGE,
  /** The file system is mounted read-only. */
  EROFS,
  /** Sending is no longer possible: the socket's writing side has been shut down. */
  ESHUTDOWN,
  /** Seeking is not possible on this descriptor, such as a pipe or a socket. */
  ESPIPE,
  /** No such process. */
  ESRCH,
  /** The operation, such as a connect, timed out. */
  ETIMEDOUT,
  /** The file is an executable that is running, so it cannot be written. */
  ETXTBSY,
  /** The operation, such as a rename or a hard link, would cross file systems. */
  EXDEV,
  /** An error libuv could not map to one of its own codes. */
  UNKNOWN,
  /** The end of the stream was reached: the other side will send no more data. */
  EOF,
  /** No such device or address. */
  ENXIO,
  /** The file already has as many hard links as the file system allows. */
  EMLINK,
  /** The remote host is down. */
  EHOSTDOWN,
  /** An input or output error on a remote device. */
  EREMOTEIO,
  /** The descriptor is not a terminal, or the control request does not suit this device. */
  ENOTTY,
  /** The file's type or format is not suitable for the operation. */
  EFTYPE,
  /** A byte sequence is not valid in its character encoding. */
  EILSEQ,
  /** The socket type is not supported in this address family. */
  ESOCKTNOSUPPORT,
  /** No data is available, for example no such extended attribute. */
  ENODATA,
  /** The protocol driver is not attached. */
  EUNATCH,
  /** The file is not in an executable format the system can run. */
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

  /**
   * libuv's number for this error on this platform.
   *
   * @return the negative number libuv reports for this error, as read from the linked libuv
   */
  public int errno() {
    return number;
  }

  /**
   * libuv's description of this error.
   *
   * @return the text {@code uv_strerror} gives for it, such as {@code "no such file or directory"}
   */
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
