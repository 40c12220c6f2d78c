package io.uv4j;

import static io.uv4j.FrameLog.feed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Framing#lengthPrefixed}, driven by hand with reads cut where each test needs. */
class FramingLengthPrefixedTest extends FramingFixtureBase {
  private final FrameLog log = new FrameLog();
  private final List<Integer> lengths = new ArrayList<>();
  private final FrameLog lengthLog = new FrameLog(frame -> lengths.add(frame.remaining()));

  /** {@code count} bytes of 'x'. */
  private static String body(int count) {
    return "x".repeat(count);
  }

  @Test
  void aOneBytePrefixGivesTheFrameLength() throws Exception {
    feed(Framing.lengthPrefixed(stream, 1, 1000, log), "\3abc\2de");
    assertEquals(List.of("[abc]", "[de]"), log.events);
  }

  @Test
  void aTwoBytePrefixIsBigEndian() throws Exception {
    feed(Framing.lengthPrefixed(stream, 2, 100_000, lengthLog), "\1\2" + body(0x0102));
    assertEquals(List.of(0x0102), lengths);
  }

  @Test
  void aFourBytePrefixIsBigEndian() throws Exception {
    feed(Framing.lengthPrefixed(stream, 4, 100_000, lengthLog), "\0\1\0\3" + body(0x010003));
    assertEquals(List.of(0x010003), lengths);
  }

  @Test
  void aFrameOfLengthZeroArrivesAsAnEmptyBuffer() throws Exception {
    feed(Framing.lengthPrefixed(stream, 1, 1000, log), "\0\0\1a\0");
    assertEquals(List.of("[]", "[]", "[a]", "[]"), log.events);
  }

  @Test
  void aFrameSpanningReadsArrivesWhole() throws Exception {
    feed(Framing.lengthPrefixed(stream, 1, 1000, log), "\5a", "bc", "de\1f");
    assertEquals(List.of("[abcde]", "[f]"), log.events);
  }

  @Test
  void aPrefixSplitAcrossReadsIsPutTogether() throws Exception {
    feed(Framing.lengthPrefixed(stream, 4, 1000, log), "\0", "\0", "\0", "\2ab");
    assertEquals(List.of("[ab]"), log.events);
  }

  @Test
  void everyWayOfCuttingTheInputIntoReadsGivesTheSameFrames() throws Exception {
    List<String> expected = List.of("[ab]", "[]", "[cde]", "end");
    for (String[] reads : FrameLog.everySplit("\0\2ab\0\0\0\3cde")) {
      FrameLog frames = new FrameLog();
      Stream.Reader reader = Framing.lengthPrefixed(stream, 2, 1000, frames);
      feed(reader, reads);
      reader.onEnd();
      assertEquals(expected, frames.events, () -> "reads " + String.join("|", reads));
    }
  }

  @Test
  void aFrameWithinOneReadIsASliceOfTheReadBuffer() throws Exception {
    ByteBuffer read = FrameLog.read("\3one\3two");
    Stream.Reader reader = Framing.lengthPrefixed(stream, 1, 1000, new FrameLog(frame -> frame.put(0, (byte) 'T')));
    reader.onData(read);
    assertEquals("\3Tne\3Two", FrameLog.text(read));
  }

  @Test
  void aLengthAboveMaxLengthFailsFromThePrefixAloneAndClosesTheStream() throws Exception {
    feed(Framing.lengthPrefixed(stream, 2, 10, log), "\0\13");
    assertEquals(List.of("EMSGSIZE: message too long (length prefix announces a frame of 11 bytes,"
        + " above the maximum of 10)"), log.events);
    assertTrue(stream.isClosing());
  }

  @Test
  void aFourByteLengthAboveIntegerMaxValueIsTooLong() throws Exception {
    feed(Framing.lengthPrefixed(stream, 4, Integer.MAX_VALUE, log), "\377\377\377\377");
    assertEquals(List.of("EMSGSIZE: message too long (length prefix announces a frame of 4294967295 bytes,"
        + " above the maximum of 2147483647)"), log.events);
  }

  @Test
  void theBufferForASplitFrameNeverExceedsMaxLength() throws Exception {
    FramingReader reader = (FramingReader) Framing.lengthPrefixed(stream, 1, 100, lengthLog);
    feed(reader, "\144");
    for (int i = 0; i < 100; i++) {
      feed(reader, "x");
      assertTrue(reader.assemblyCapacity() <= 100, "buffer of " + reader.assemblyCapacity() + " bytes");
    }
    assertEquals(List.of(100), lengths);
  }

  @Test
  void theEndInsideAFrameFailsWithEofNamingTheMissingBytesAndClosesTheStream() throws Exception {
    Stream.Reader reader = Framing.lengthPrefixed(stream, 1, 1000, log);
    feed(reader, "\1a\5ab");
    reader.onEnd();
    assertEquals(List.of("[a]", "EOF: end of file (the stream ended 2 bytes into a 5-byte frame, 3 missing)"),
        log.events);
    assertTrue(stream.isClosing());
  }

  @Test
  void theEndInsideALengthPrefixFailsWithEof() throws Exception {
    Stream.Reader reader = Framing.lengthPrefixed(stream, 4, 1000, log);
    feed(reader, "\0");
    reader.onEnd();
    assertEquals(List.of("EOF: end of file (the stream ended 1 byte into a 4-byte length prefix, 3 missing)"),
        log.events);
  }

  @Test
  void theEndBetweenFramesEnds() throws Exception {
    Stream.Reader reader = Framing.lengthPrefixed(stream, 1, 1000, log);
    feed(reader, "\1a");
    reader.onEnd();
    assertEquals(List.of("[a]", "end"), log.events);
  }

  @Test
  void closingTheStreamWhileTakingAFrameStopsDelivery() throws Exception {
    FrameLog closer = new FrameLog(frame -> stream.close());
    Stream.Reader reader = Framing.lengthPrefixed(stream, 1, 1000, closer);
    feed(reader, "\1a\1b\1c");
    reader.onEnd();
    assertEquals(List.of("[a]"), closer.events);
  }
}
