package io.uv4j;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Cuts a stream into frames that end at a delimiter (see {@link Framing#delimited} and {@link
 * Framing#lines}).
 *
 * <p>The delimiter is matched with Knuth-Morris-Pratt, one byte at a time, so a delimiter split
 * across reads is found and one that overlaps itself is never missed. The delimiter bytes matched
 * at the end of a read are not stored: they are a prefix of the delimiter, so only their count is
 * carried, and those that turn out not to be a delimiter after all are taken back from the
 * delimiter itself. The assembly thus holds only bytes known to belong to the frame. Between
 * delimiters, bytes that cannot start one are skipped eight at a time.
 */
final class DelimitedReader extends FramingReader {
  private static final long EVERY_BYTE = 0x0101010101010101L;
  private static final long LOW_BITS = 0x7f7f7f7f7f7f7f7fL;

  private final byte[] delimiter;
  /** For each prefix length q + 1, the longest proper prefix of the delimiter that ends it. */
  private final int[] fallback;
  /** Lines: the delimiter is "\r\n", and a '\n' alone ends a frame too. */
  private final boolean newlineAlone;
  /** What a frame is called in error messages. */
  private final String noun;
  /** The bytes that may start a delimiter (its first, and '\n' for lines), in every byte of a long. */
  private final long firstByte;
  private final long otherFirstByte;
  /** How many delimiter bytes the bytes read so far end with. */
  private int matched;

  DelimitedReader(Stream stream, byte[] delimiter, boolean newlineAlone, String noun, int maxLength,
      Stream.Reader frames) {
    super(stream, maxLength, frames);
    this.delimiter = delimiter;
    this.fallback = fallbackTable(delimiter);
    this.newlineAlone = newlineAlone;
    this.noun = noun;
    this.firstByte = EVERY_BYTE * (delimiter[0] & 0xff);
    this.otherFirstByte = newlineAlone ? EVERY_BYTE * '\n' : firstByte;
  }

  private static int[] fallbackTable(byte[] delimiter) {
    int[] table = new int[delimiter.length];
    for (int q = 1, k = 0; q < delimiter.length; q++) {
      while (k > 0 && delimiter[k] != delimiter[q]) k = table[k - 1];
      if (delimiter[k] == delimiter[q]) k++;
      table[q] = k;
    }
    return table;
  }

  @Override
  void split(ByteBuffer data) throws Exception {
    int limit = data.limit();
    // the current frame's bytes in this read begin at start
    int start = data.position();
    // delimiter bytes matched in earlier reads; those the match gives up are frame bytes
    int carriedAtStart = matched;
    int carried = matched;
    int m = matched;
    boolean bigEndian = data.order() == ByteOrder.BIG_ENDIAN;
    for (int i = start; i < limit; i++) {
      if (m == 0) {
        i = skipToCandidate(data, i, limit, bigEndian);
        if (i == limit) break;
      }
      byte b = data.get(i);
      while (m > 0 && delimiter[m] != b) {
        int shorter = fallback[m - 1];
        carried = Math.max(0, carried - (m - shorter));
        m = shorter;
      }
      int delimiterLength;
      if (delimiter[m] == b) {
        if (++m < delimiter.length) continue;
        delimiterLength = m;
      } else if (newlineAlone && b == '\n') {
        delimiterLength = 1;
      } else {
        continue;
      }
      // a frame ends before the delimiter that ends at i
      int contentEnd = i + 1 - delimiterLength + carried;
      int given = carriedAtStart - carried;
      int length = assembled() + given + contentEnd - start;
      if (length > maxLength) {
        failTooLong(noun + " of " + length + " bytes");
        return;
      }
      boolean go;
      if (length == contentEnd - start) { // the whole frame lies in this read
        go = deliver(data.slice(start, length));
      } else {
        assemble(delimiter, given);
        assemble(data, start, contentEnd - start);
        go = deliverAssembled();
      }
      if (!go) return;
      start = i + 1;
      carriedAtStart = carried = m = 0;
    }
    // the read ends inside a frame: keep what is known to be its content, carry the match
    int given = carriedAtStart - carried;
    int contentEnd = limit - (m - carried);
    int known = assembled() + given + contentEnd - start;
    if (known > maxLength) {
      failTooLong(noun + " of at least " + known + " bytes");
      return;
    }
    assemble(delimiter, given);
    assemble(data, start, contentEnd - start);
    matched = m;
  }

  /**
   * The index of the first byte in [from, limit) that may start a delimiter, or limit. Reads eight
   * bytes at once and finds a matching byte in them without looking at each.
   */
  private int skipToCandidate(ByteBuffer data, int from, int limit, boolean bigEndian) {
    int i = from;
    for (; i <= limit - Long.BYTES; i += Long.BYTES) {
      long word = data.getLong(i);
      long found = zeroBytes(word ^ firstByte) | zeroBytes(word ^ otherFirstByte);
      if (found != 0) {
        return i + (bigEndian ? Long.numberOfLeadingZeros(found) : Long.numberOfTrailingZeros(found)) / 8;
      }
    }
    for (; i < limit; i++) {
      byte b = data.get(i);
      if (b == (byte) firstByte || b == (byte) otherFirstByte) return i;
    }
    return limit;
  }

  /** 0x80 in each byte of {@code x} that is zero, 0 in every other byte (no carry crosses bytes). */
  private static long zeroBytes(long x) {
    return ~(((x & LOW_BITS) + LOW_BITS) | x | LOW_BITS);
  }

  /** Delivers the unterminated last frame, with the delimiter bytes it ends in. */
  @Override
  boolean finishRemainder() throws Exception {
    int length = assembled() + matched;
    if (length == 0) return true;
    if (length > maxLength) {
      failTooLong(noun + " of " + length + " bytes");
      return false;
    }
    assemble(delimiter, matched);
    matched = 0;
    return deliverAssembled();
  }

  private void failTooLong(String what) throws Exception {
    fail(UvError.EMSGSIZE, what + " exceeds the maximum of " + maxLength);
  }
}
