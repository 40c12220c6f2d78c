package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;

/**
 * Test data whose every byte depends on its offset in the stream, so that a lost, repeated or
 * reordered chunk shows at the far end; and a checker that follows such a stream as it arrives.
 */
final class PatternBytes {
  private long received;

  /** The byte at {@code offset}; it does not repeat with any power-of-two period up to 2^32. */
  static byte at(long offset) {
    return (byte) (offset ^ (offset >>> 8) ^ (offset >>> 16) ^ (offset >>> 24));
  }

  /** {@code length} bytes of the pattern starting at {@code offset}. */
  static byte[] range(long offset, int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) bytes[i] = at(offset + i);
    return bytes;
  }

  /** Checks the bytes between {@code data}'s position and limit as the next ones of the stream. */
  void check(ByteBuffer data) {
    for (int i = data.position(); i < data.limit(); i++, received++) {
      byte expected = at(received);
      if (data.get(i) != expected) assertEquals(expected, data.get(i), "byte " + received);
    }
  }

  /** How many bytes have been checked. */
  long received() {
    return received;
  }
}
