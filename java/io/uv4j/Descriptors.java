package io.uv4j;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Every descriptor that uv4j's handles and loops hold, process-wide. libuv aborts the process
 * when a descriptor it watches is closed behind its back or has two owners, so adopting and
 * closing a descriptor through uv4j ask here first. Thread-safe: the sync {@link Fs} forms run on
 * any thread.
 */
final class Descriptors {
  /** How a holder holds its descriptors, and what a refused caller should do instead. */
  enum Kind {
    /** A handle that closes the descriptor when it closes. */
    HANDLE("owned by", "close that handle instead", "close that handle first"),
    /** A {@link Poll}: it does not own the descriptor, but libuv watches it. */
    WATCHER("watched by", "close that handle first", "close that handle first"),
    /** A loop's own machinery (epoll, wakeup, signal pipe ...). */
    LOOP("owned by", "the loop closes it when it closes", "the loop closes it when it closes"),
    /** The loop the sync {@link Fs} forms run on, which lives as long as the process. */
    SYNC_FORMS("owned by", "it stays open while the process runs", "it stays open while the process runs");

    private final String relation;
    private final String insteadOfClosing;
    private final String insteadOfTaking;

    Kind(String relation, String insteadOfClosing, String insteadOfTaking) {
      this.relation = relation;
      this.insteadOfClosing = insteadOfClosing;
      this.insteadOfTaking = insteadOfTaking;
    }
  }

  /** Who holds a descriptor; {@code description} is fixed when it takes it. */
  private record Holder(Object holder, Kind kind, String description) {}

  private static final ConcurrentHashMap<Integer, Holder> HELD = new ConcurrentHashMap<>();

  private Descriptors() {}

  /**
   * Records that {@code handle} takes {@code fd} (to adopt it, or for a {@link Poll} to watch it).
   *
   * @throws IllegalStateException if a handle or loop holds it already
   */
  static void take(int fd, Handle handle, Kind kind, String action) {
    Holder mine = new Holder(handle, kind, handle + " of " + handle.loop());
    Holder held = HELD.putIfAbsent(fd, mine);
    if (held != null) throw refusal(action, fd, held, held.kind.insteadOfTaking);
  }

  /** Records a descriptor libuv has just made for {@code handle}: the OS gave it to nobody else. */
  static void made(int fd, Handle handle) {
    HELD.put(fd, new Holder(handle, Kind.HANDLE, handle + " of " + handle.loop()));
  }

  /** Records the descriptors libuv keeps for a loop; negative entries stand for none. */
  static void madeForLoop(int[] fds, Object loop, Kind kind, String description) {
    Holder mine = new Holder(loop, kind, description);
    for (int fd : fds) {
      if (fd >= 0) HELD.put(fd, mine);
    }
  }

  /** Forgets that {@code holder} holds {@code fd}. */
  static void release(int fd, Object holder) {
    HELD.computeIfPresent(fd, (key, held) -> held.holder == holder ? null : held);
  }

  /** Forgets every descriptor {@code holder} holds. */
  static void releaseAll(Object holder) {
    HELD.values().removeIf(held -> held.holder == holder);
  }

  /**
   * Throws unless {@code fd} may be closed through {@link Fs}.
   *
   * @throws IllegalStateException if a handle or loop holds it
   */
  static void checkClosable(int fd) {
    Holder held = HELD.get(fd);
    if (held != null) throw refusal("close", fd, held, held.kind.insteadOfClosing);
  }

  private static IllegalStateException refusal(String action, int fd, Holder held, String instead) {
    return new IllegalStateException(
        "cannot " + action + " descriptor " + fd + ": it is " + held.kind.relation + " " + held.description + "; " + instead);
  }
}
