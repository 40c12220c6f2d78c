package io.uv4j;

import io.uv4j.internal.Native;
import java.nio.ByteBuffer;

/**
 * The buffer every read of a loop's streams and UDP sockets without a buffer of its own fills,
 * from the start, each time: one direct buffer the native side knows, installed with the first
 * stream.
 */
final class ReadSlab {
  /** libuv asks 64 KiB for each read. */
  private static final int SIZE = 64 << 10;

  private ByteBuffer slab;

  /** Installs the slab into the native loop {@code loopPointer} unless it is there already. */
  void ensureInstalled(long loopPointer) {
    if (slab != null) return;
    slab = ByteBuffer.allocateDirect(SIZE);
    Native.loopSetReadSlab(loopPointer, slab);
  }

  /**
   * The slab holding the {@code length} bytes a read just put there. The same buffer serves
   * every read, so one kept past its callback goes stale, but it never points at freed memory;
   * a write of it that has to wait is copied first (see native/stream.c).
   */
  ByteBuffer view(int length) {
    slab.limit(length).position(0);
    return slab;
  }
}
