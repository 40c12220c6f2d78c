package io.uv4j;

import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * A file's status ({@code uv_stat_t}): every field libuv reports, times with nanoseconds.
 *
 * @param dev device id
 * @param mode file type and permission bits
 * @param nlink number of hard links
 * @param uid owner's user id
 * @param gid owner's group id
 * @param rdev device id, for a device file
 * @param ino inode number
 * @param size size in bytes
 * @param blksize preferred I/O block size
 * @param blocks 512-byte blocks allocated
 * @param flags user-defined flags (BSD, macOS; else 0)
 * @param gen generation number (BSD, macOS; else 0)
 * @param atime last access
 * @param mtime last modification of the contents
 * @param ctime last change of the status
 * @param birthtime creation, where the platform records it (else as libuv reports)
 */
public record Stat(
    long dev,
    long mode,
    long nlink,
    long uid,
    long gid,
    long rdev,
    long ino,
    long size,
    long blksize,
    long blocks,
    long flags,
    long gen,
    Instant atime,
    Instant mtime,
    Instant ctime,
    Instant birthtime) {
  private static final long S_IFMT = 0170000;

  static Stat of(long[] v) {
    return new Stat(
        v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11],
        Instant.ofEpochSecond(v[12], v[13]),
        Instant.ofEpochSecond(v[14], v[15]),
        Instant.ofEpochSecond(v[16], v[17]),
        Instant.ofEpochSecond(v[18], v[19]));
  }

  /** The same fields as {@link #of(long[])}, read in place: the longs at {@code offset} of {@code buffer}. */
  static Stat of(ByteBuffer buffer, int offset) {
    return new Stat(
        field(buffer, offset, 0), field(buffer, offset, 1), field(buffer, offset, 2), field(buffer, offset, 3),
        field(buffer, offset, 4), field(buffer, offset, 5), field(buffer, offset, 6), field(buffer, offset, 7),
        field(buffer, offset, 8), field(buffer, offset, 9), field(buffer, offset, 10), field(buffer, offset, 11),
        Instant.ofEpochSecond(field(buffer, offset, 12), field(buffer, offset, 13)),
        Instant.ofEpochSecond(field(buffer, offset, 14), field(buffer, offset, 15)),
        Instant.ofEpochSecond(field(buffer, offset, 16), field(buffer, offset, 17)),
        Instant.ofEpochSecond(field(buffer, offset, 18), field(buffer, offset, 19)));
  }

  private static long field(ByteBuffer buffer, int offset, int index) {
    return buffer.getLong(offset + index * Long.BYTES);
  }

  /** {@return whether it is a regular file} */
  public boolean isFile() {
    return (mode & S_IFMT) == 0100000;
  }

  /** {@return whether it is a directory} */
  public boolean isDirectory() {
    return (mode & S_IFMT) == 0040000;
  }

  /** {@return whether it is a symbolic link (only {@code lstat} reports links)} */
  public boolean isSymbolicLink() {
    return (mode & S_IFMT) == 0120000;
  }

  /** {@return whether it is a FIFO} */
  public boolean isFifo() {
    return (mode & S_IFMT) == 0010000;
  }

  /** {@return whether it is a socket} */
  public boolean isSocket() {
    return (mode & S_IFMT) == 0140000;
  }

  /** {@return whether it is a character device} */
  public boolean isCharacterDevice() {
    return (mode & S_IFMT) == 0020000;
  }

  /** {@return whether it is a block device} */
  public boolean isBlockDevice() {
    return (mode & S_IFMT) == 0060000;
  }

  /**
   * The permission bits ({@code mode & 07777}).
   *
   * @return the read, write and execute bits of owner, group and others, with the set-user-id,
   *     set-group-id and sticky bits
   */
  public int permissions() {
    return (int) (mode & 07777);
  }
}
