package io.uv4j;

import static io.uv4j.FrameLog.feed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Framing#lines}, driven by hand with reads cut where each test needs. */
class FramingLinesTest extends FramingFixtureBase {
  private final FrameLog log = new FrameLog();

  @Test
  void aLineEndsAtNewlineWhichItDoesNotInclude() throws Exception {
    feed(Framing.lines(stream, 100, log), "alpha\n");
    assertEquals(List.of("[alpha]"), log.events);
  }

  @Test
  void aCarriageReturnBeforeTheNewlineIsDropped() throws Exception {
    feed(Framing.lines(stream, 100, log), "alpha\r\n");
    assertEquals(List.of("[alpha]"), log.events);
  }

  @Test
  void aCarriageReturnNotBeforeANewlineStaysInTheLine() throws Exception {
    feed(Framing.lines(stream, 100, log), "a\rb\r\r\n");
    assertEquals(List.of("[a\rb\r]"), log.events);
  }

  @Test
  void emptyLinesArriveAsEmptyFrames() throws Exception {
    feed(Framing.lines(stream, 100, log), "\n\r\n\n");
    assertEquals(List.of("[]", "[]", "[]"), log.events);
  }

  @Test
  void manyLinesInOneReadArriveInOrder() throws Exception {
    StringBuilder read = new StringBuilder();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      read.append("line ").append(i).append(i % 2 == 0 ? "\n" : "\r\n");
      expected.add("[line " + i + "]");
    }
    feed(Framing.lines(stream, 100, log), read.toString());
    assertEquals(expected, log.events);
  }

  @Test
  void aLineEndingIsFoundAtEveryOffsetOfALongRead() throws Exception {
    for (int k = 0; k <= 40; k++) {
      FrameLog lines = new FrameLog();
      feed(Framing.lines(stream, 100, lines), "x".repeat(k) + "\r\n" + "y".repeat(40 - k) + "\n");
      assertEquals(List.of("[" + "x".repeat(k) + "]", "[" + "y".repeat(40 - k) + "]"), lines.events);
    }
  }

  @Test
  void aLineSpanningReadsArrivesWhole() throws Exception {
    feed(Framing.lines(stream, 100, log), "al", "p", "ha\nbe", "ta\n");
    assertEquals(List.of("[alpha]", "[beta]"), log.events);
  }

  @Test
  void aCarriageReturnAndNewlineSplitAcrossReadsEndOneLine() throws Exception {
    feed(Framing.lines(stream, 100, log), "alpha\r", "\nbeta\n");
    assertEquals(List.of("[alpha]", "[beta]"), log.events);
  }

  @Test
  void everyWayOfCuttingTheInputIntoReadsGivesTheSameLines() throws Exception {
    List<String> expected = List.of("[a]", "[]", "[b\r\rc]", "[d\r]", "end");
    for (String[] reads : FrameLog.everySplit("a\r\n\nb\r\rc\nd\r")) {
      FrameLog lines = new FrameLog();
      Stream.Reader reader = Framing.lines(stream, 100, lines);
      feed(reader, reads);
      reader.onEnd();
      assertEquals(expected, lines.events, () -> "reads " + String.join("|", reads));
    }
  }

  /** The lines of {@code input} as a plain search of the whole input finds them, then "end". */
  private static List<String> plainSearch(String input) {
    List<String> events = new ArrayList<>();
    int from = 0;
    for (int at; (at = input.indexOf('\n', from)) >= 0; from = at + 1) {
      int end = at > from && input.charAt(at - 1) == '\r' ? at - 1 : at;
      events.add("[" + input.substring(from, end) + "]");
    }
    if (from < input.length()) events.add("[" + input.substring(from) + "]");
    events.add("end");
    return events;
  }

  @Test
  void randomInputsCutAtRandomGiveTheLinesOfAPlainSearch() throws Exception {
    Random random = new Random(5);
    for (int round = 0; round < 3000; round++) {
      StringBuilder input = new StringBuilder();
      for (int n = random.nextInt(40); n > 0; n--) input.append("x\r\n".charAt(random.nextInt(3)));
      List<String> reads = new ArrayList<>();
      for (int at = 0, next; at < input.length(); at = next) {
        next = Math.min(input.length(), at + 1 + random.nextInt(9));
        reads.add(input.substring(at, next));
      }
      FrameLog lines = new FrameLog();
      Stream.Reader reader = Framing.lines(stream, 100, lines);
      feed(reader, reads.toArray(new String[0]));
      reader.onEnd();
      assertEquals(plainSearch(input.toString()), lines.events, () -> "reads " + String.join("|", reads));
    }
  }

  @Test
  void textAfterTheLastNewlineArrivesAsALastLineBeforeTheEnd() throws Exception {
    Stream.Reader reader = Framing.lines(stream, 100, log);
    feed(reader, "alpha\nbeta");
    reader.onEnd();
    assertEquals(List.of("[alpha]", "[beta]", "end"), log.events);
  }

  @Test
  void theEndRightAfterANewlineAddsNoEmptyLine() throws Exception {
    Stream.Reader reader = Framing.lines(stream, 100, log);
    feed(reader, "alpha\n");
    reader.onEnd();
    assertEquals(List.of("[alpha]", "end"), log.events);
  }

  @Test
  void aLineWithinOneReadIsASliceOfTheReadBuffer() throws Exception {
    ByteBuffer read = FrameLog.read("one\ntwo\n");
    Stream.Reader reader = Framing.lines(stream, 100, new FrameLog(line -> line.put(0, (byte) 'T')));
    reader.onData(read);
    assertEquals("Tne\nTwo\n", FrameLog.text(read));
  }

  @Test
  void aLineRunsFromPositionZeroToItsLength() throws Exception {
    List<String> shapes = new ArrayList<>();
    Stream.Reader reader = Framing.lines(stream, 100, new FrameLog(line ->
        shapes.add(line.position() + "/" + line.limit() + "/" + line.capacity())));
    feed(reader, "in one read\nspan", "ning reads\n");
    assertEquals(List.of("0/11/11", "0/14/14"), shapes);
  }

  @Test
  void aLineLongerThanMaxLengthFailsWithEmsgsizeAndClosesTheStream() throws Exception {
    feed(Framing.lines(stream, 5, log), "abcdef\n");
    assertEquals(List.of("EMSGSIZE: message too long (line of 6 bytes exceeds the maximum of 5)"), log.events);
    assertTrue(stream.isClosing());
  }

  @Test
  void aLineOfMaxLengthIsAcceptedItsLineEndingNotCounted() throws Exception {
    feed(Framing.lines(stream, 5, log), "abcde\r", "\n");
    assertEquals(List.of("[abcde]"), log.events);
  }

  @Test
  void anOverlongLineFailsBeforeMoreThanMaxLengthBytesAreBuffered() throws Exception {
    FramingReader reader = (FramingReader) Framing.lines(stream, 8, log);
    for (int i = 0; i < 8; i++) {
      feed(reader, "x");
      assertTrue(reader.assemblyCapacity() <= 8, "buffer of " + reader.assemblyCapacity() + " bytes");
    }
    assertEquals(List.of(), log.events);
    feed(reader, "x");
    assertEquals(List.of("EMSGSIZE: message too long (line of at least 9 bytes exceeds the maximum of 8)"), log.events);
  }

  @Test
  void afterAnOverlongLineNothingMoreIsDelivered() throws Exception {
    Stream.Reader reader = Framing.lines(stream, 5, log);
    feed(reader, "ok\ntoo long\nlost\n", "lost too\n");
    reader.onEnd();
    assertEquals(List.of("[ok]", "EMSGSIZE: message too long (line of 8 bytes exceeds the maximum of 5)"), log.events);
  }

  @Test
  void anUnterminatedLastLineLongerThanMaxLengthFailsAtTheEnd() throws Exception {
    Stream.Reader reader = Framing.lines(stream, 3, log);
    feed(reader, "abc\r");
    reader.onEnd();
    assertEquals(List.of("EMSGSIZE: message too long (line of 4 bytes exceeds the maximum of 3)"), log.events);
  }

  @Test
  void closingTheStreamWhileTakingALineStopsDelivery() throws Exception {
    FrameLog closer = new FrameLog(line -> stream.close());
    Stream.Reader reader = Framing.lines(stream, 100, closer);
    feed(reader, "a\nb\nc\n");
    reader.onEnd();
    assertEquals(List.of("[a]"), closer.events);
  }

  @Test
  void anExceptionWhileTakingALineClosesTheStreamAndGoesOn() throws Exception {
    IllegalStateException thrown = new IllegalStateException("bad line");
    FrameLog thrower = new FrameLog(line -> {
      throw thrown;
    });
    Stream.Reader reader = Framing.lines(stream, 100, thrower);
    assertSame(thrown, assertThrows(IllegalStateException.class, () -> feed(reader, "a\nb\n")));
    assertTrue(stream.isClosing());
  }

  @Test
  void anOverlongLineClosesTheStreamEvenIfOnErrorThrows() throws Exception {
    Stream.Reader rethrowing = new Stream.Reader() {
      @Override
      public void onData(ByteBuffer line) {}

      @Override
      public void onError(UvException error) throws UvException {
        throw error;
      }
    };
    Stream.Reader reader = Framing.lines(stream, 2, rethrowing);
    UvException thrown = assertThrows(UvException.class, () -> feed(reader, "abc\n"));
    assertEquals(UvError.EMSGSIZE, thrown.error());
    assertTrue(stream.isClosing());
  }

  @Test
  void streamErrorsArePassedOnWithoutClosingTheStream() throws Exception {
    Stream.Reader reader = Framing.lines(stream, 100, log);
    reader.onError(new UvException(UvError.ECONNRESET.errno(), "read"));
    assertEquals(List.of("ECONNRESET: connection reset by peer, read"), log.events);
    assertFalse(stream.isClosing());
  }

  @Test
  void streamErrorsAfterTheEndArePassedOn() throws Exception {
    Stream.Reader reader = Framing.lines(stream, 100, log);
    reader.onEnd();
    reader.onError(new UvException(UvError.EPIPE.errno(), "write"));
    assertEquals(List.of("end", "EPIPE: broken pipe, write"), log.events);
  }
}
