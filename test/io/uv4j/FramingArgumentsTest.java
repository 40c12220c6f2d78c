package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** What {@link Framing} refuses, and the messages that say why. */
class FramingArgumentsTest extends FramingFixtureBase {
  private final Stream.Reader frames = frame -> {};

  @Test
  void linesRefusesAMaxLengthBelowOne() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Framing.lines(stream, 0, frames));
    assertEquals("maxLength must be >= 1, got 0", e.getMessage());
  }

  @Test
  void linesRefusesANullStream() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> Framing.lines(null, 10, frames));
    assertEquals("stream", e.getMessage());
  }

  @Test
  void linesRefusesANullReader() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> Framing.lines(stream, 10, null));
    assertEquals("lines", e.getMessage());
  }

  @Test
  void delimitedRefusesAnEmptyDelimiter() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Framing.delimited(stream, new byte[0], 10, frames));
    assertEquals("delimiter must not be empty, got byte[0]", e.getMessage());
  }

  @Test
  void delimitedRefusesANullDelimiter() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> Framing.delimited(stream, null, 10, frames));
    assertEquals("delimiter", e.getMessage());
  }

  @Test
  void delimitedRefusesANegativeMaxLength() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Framing.delimited(stream, new byte[] {0}, -5, frames));
    assertEquals("maxLength must be >= 1, got -5", e.getMessage());
  }

  @Test
  void lengthPrefixedRefusesAThreeBytePrefix() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Framing.lengthPrefixed(stream, 3, 10, frames));
    assertEquals("prefixBytes must be 1, 2 or 4, got 3", e.getMessage());
  }

  @Test
  void lengthPrefixedRefusesANullReader() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> Framing.lengthPrefixed(stream, 1, 10, null));
    assertEquals("frames", e.getMessage());
  }

  @Test
  void writeLengthPrefixedRefusesAFrameTooLongForAOneBytePrefix() {
    ByteBuffer frame = ByteBuffer.allocate(256);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Framing.writeLengthPrefixed(stream, 1, frame, null));
    assertEquals("frame of 256 bytes does not fit a 1-byte length prefix, which holds at most 255", e.getMessage());
  }

  @Test
  void writeLengthPrefixedRefusesAFrameTooLongForATwoBytePrefix() {
    ByteBuffer frame = ByteBuffer.allocate(65_536);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Framing.writeLengthPrefixed(stream, 2, frame));
    assertEquals("frame of 65536 bytes does not fit a 2-byte length prefix, which holds at most 65535", e.getMessage());
  }

  @Test
  void writeLengthPrefixedRefusesAPrefixOfZeroBytes() {
    ByteBuffer frame = ByteBuffer.allocate(1);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Framing.writeLengthPrefixed(stream, 0, frame, null));
    assertEquals("prefixBytes must be 1, 2 or 4, got 0", e.getMessage());
  }

  @Test
  void writeLengthPrefixedRefusesANullFrame() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> Framing.writeLengthPrefixed(stream, 4, null, null));
    assertEquals("frame", e.getMessage());
  }
}
