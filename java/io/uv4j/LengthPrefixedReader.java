package io.uv4j;

import java.nio.ByteBuffer;

/** Cuts a stream into frames that each follow a big-endian length (see {@link Framing#lengthPrefixed}). */
final class LengthPrefixedReader extends FramingReader {
  private final int prefixBytes;
  /** How many bytes of the current length prefix were read. */
  private int prefixRead;
  /** The length the prefix read so far gives (unsigned, so a 4-byte one may pass int). */
  private long length;
  /** The body length once the prefix is complete; -1 while a prefix is being read. */
  private int bodyLength = -1;

  LengthPrefixedReader(Stream stream, int prefixBytes, int maxLength, Stream.Reader frames) {
    super(stream, maxLength, frames);
    this.prefixBytes = prefixBytes;
  }

  @Override
  void split(ByteBuffer data) throws Exception {
    int at = data.position();
    int limit = data.limit();
    while (true) {
      if (bodyLength < 0) {
        while (prefixRead < prefixBytes && at < limit) {
          length = length << 8 | (data.get(at++) & 0xff);
          prefixRead++;
        }
        if (prefixRead < prefixBytes) return;
        if (length > maxLength) {
          fail(UvError.EMSGSIZE, "length prefix announces a frame of " + length + " bytes, above the maximum of " + maxLength);
          return;
        }
        bodyLength = (int) length;
        prefixRead = 0;
        length = 0;
      }
      int available = limit - at;
      int missing = bodyLength - assembled();
      if (available < missing) {
        assemble(data, at, available);
        return;
      }
      bodyLength = -1;
      boolean go;
      if (assembled() == 0) {
        go = deliver(data.slice(at, missing));
      } else {
        assemble(data, at, missing);
        go = deliverAssembled();
      }
      at += missing;
      if (!go || at == limit) return;
    }
  }

  /** A frame or length prefix cut short by the end of the stream fails with {@code EOF}. */
  @Override
  boolean finishRemainder() throws Exception {
    if (prefixRead > 0) {
      fail(UvError.EOF, "the stream ended " + bytes(prefixRead) + " into a " + prefixBytes + "-byte length prefix, "
          + (prefixBytes - prefixRead) + " missing");
      return false;
    }
    if (bodyLength >= 0) {
      fail(UvError.EOF, "the stream ended " + bytes(assembled()) + " into a " + bodyLength + "-byte frame, "
          + (bodyLength - assembled()) + " missing");
      return false;
    }
    return true;
  }

  private static String bytes(int count) {
    return count + (count == 1 ? " byte" : " bytes");
  }
}
