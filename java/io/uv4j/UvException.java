package io.uv4j;

import io.uv4j.internal.Native;
import java.io.IOException;

/**
 * A libuv operation failed. Carries what Node.js's {@code SystemError} carries: the error code
 * name ({@code "ENOENT"}), libuv's negative error number, the system call, and the path (and
 * destination) where the operation had one. The message reads like Node's: {@code ENOENT: no such
 * file or directory, open '/x'}.
 */
public class UvException extends IOException {
  private static final long serialVersionUID = 1L;

  /** libuv's negative error number. */
  private final int errno;
  /** The error's name, such as {@code "ENOENT"}. */
  private final String code;
  /** The failing call, or {@code null}. */
  private final String syscall;
  /** The path the call acted on, or {@code null}. */
  private final String path;
  /** The second path of a two-path call, or {@code null}. */
  private final String dest;

  /**
   * @param errno libuv's negative error number
   * @param syscall the failing call, such as {@code "open"}
   * @param path the path it acted on, or {@code null}
   * @param dest the second path (rename, link, copy), or {@code null}
   * @throws IllegalArgumentException if {@code errno} is not negative
   */
  public UvException(int errno, String syscall, String path, String dest) {
    this(errno, syscall, path, dest, null);
  }

  /** As the public constructor, with {@code note} (if not null) in parentheses after the message. */
  UvException(int errno, String syscall, String path, String dest, String note) {
    super(message(errno, syscall, path, dest) + (note == null ? "" : " (" + note + ")"));
    this.errno = errno;
    this.code = codeOf(errno);
    this.syscall = syscall;
    this.path = path;
    this.dest = dest;
  }

  /**
   * @param errno libuv's negative error number
   * @param syscall the failing call
   * @throws IllegalArgumentException if {@code errno} is not negative
   */
  public UvException(int errno, String syscall) {
    this(errno, syscall, null, null);
  }

  private static String codeOf(int errno) {
    if (errno >= 0) throw new IllegalArgumentException("not a libuv error number: " + errno);
    UvError known = UvError.of(errno);
    return known != null ? known.name() : Native.errName(errno);
  }

  private static String message(int errno, String syscall, String path, String dest) {
    UvError known = UvError.of(errno);
    StringBuilder sb = new StringBuilder(codeOf(errno)).append(": ");
    sb.append(known != null ? known.description() : Native.strError(errno));
    if (syscall != null) sb.append(", ").append(syscall);
    if (path != null) sb.append(" '").append(path).append('\'');
    if (dest != null) sb.append(" -> '").append(dest).append('\'');
    return sb.toString();
  }

  /**
   * The error's name, such as {@code "ENOENT"}.
   *
   * @return libuv's name for the error ({@code uv_err_name}), which has no {@code UV_} prefix
   */
  public String code() {
    return code;
  }

  /**
   * libuv's negative error number (platform dependent; compare with {@link UvError#errno()}).
   *
   * @return the error number, always negative
   */
  public int errno() {
    return errno;
  }

  /**
   * The error as a constant.
   *
   * @return the constant for {@link #errno()}, or {@code null} for a number libuv has no name for
   */
  public UvError error() {
    return UvError.of(errno);
  }

  /** {@return the failing system call, such as {@code "open"}, or {@code null}} */
  public String syscall() {
    return syscall;
  }

  /** {@return the path the call acted on, or {@code null}} */
  public String path() {
    return path;
  }

  /** {@return the destination path of a two-path call (rename, link, copy), or {@code null}} */
  public String dest() {
    return dest;
  }

  /** Returns {@code result} if it is not negative, else throws the error it stands for. */
  static int check(int result, String syscall, String path) throws UvException {
    if (result < 0) throw new UvException(result, syscall, path, null);
    return result;
  }

  /** Returns {@code result} if it is not negative, else throws the error it stands for. */
  static int check(int result, String syscall) throws UvException {
    if (result < 0) throw new UvException(result, syscall);
    return result;
  }
}
