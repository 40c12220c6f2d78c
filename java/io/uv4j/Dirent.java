package io.uv4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One directory entry, as scandir and readdir report it.
 *
 * @param name the entry's name (not a path); a byte that is not valid UTF-8 appears as a lone
 *     surrogate, so that the name, passed back to {@link Fs}, names this entry (see {@link Fs})
 * @param type what kind of entry it is, where the file system tells
 */
public record Dirent(String name, Type type) {
  /** libuv's {@code uv_dirent_type_t}. */
  public enum Type {
    /** The file system did not say. */
    UNKNOWN,
    /** A regular file. */
    FILE,
    /** A directory. */
    DIR,
    /** A symbolic link. */
    LINK,
    /** A FIFO. */
    FIFO,
    /** A socket. */
    SOCKET,
    /** A character device. */
    CHAR,
    /** A block device. */
    BLOCK
  }

  /**
   * The name's exact bytes, as the file system holds them, even where they are not valid UTF-8
   * ({@link Fs#bytesOf(String)} of the name).
   *
   * @return a new array holding the name's bytes
   * @throws IllegalArgumentException if the name, given to the constructor, holds a lone surrogate
   *     that stands for no byte
   */
  public byte[] nameBytes() {
    return PathCodec.encode(name, "name");
  }

  /** Entries from the {name bytes, byte[]{type}} pairs the native side returns, up to the first null pair. */
  static List<Dirent> listOf(Object[] pairs) {
    List<Dirent> entries = new ArrayList<>(pairs.length / 2);
    Type[] types = Type.values();
    for (int i = 0; i < pairs.length && pairs[i] != null; i += 2) {
      String name = PathCodec.decode((byte[]) pairs[i]);
      int type = ((byte[]) pairs[i + 1])[0];
      entries.add(new Dirent(name, type >= 0 && type < types.length ? types[type] : Type.UNKNOWN));
    }
    return Collections.unmodifiableList(entries);
  }
}
