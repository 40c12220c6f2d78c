package io.uv4j;

import static io.uv4j.FrameLog.bytes;
import static io.uv4j.FrameLog.feed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Framing#delimited}, driven by hand with reads cut where each test needs. */
class FramingDelimitedTest extends FramingFixtureBase {
  private final FrameLog log = new FrameLog();

  @Test
  void aFrameEndsAtTheDelimiterWhichItDoesNotInclude() throws Exception {
    feed(Framing.delimited(stream, bytes("||"), 100, log), "a||b||");
    assertEquals(List.of("[a]", "[b]"), log.events);
  }

  @Test
  void aDelimiterSplitAcrossReadsIsFound() throws Exception {
    feed(Framing.delimited(stream, bytes("||"), 100, log), "a|", "|b||");
    assertEquals(List.of("[a]", "[b]"), log.events);
  }

  @Test
  void aDelimiterThatOverlapsItselfIsFoundAfterAFalseStart() throws Exception {
    feed(Framing.delimited(stream, bytes("aab"), 100, log), "xaaab");
    assertEquals(List.of("[xa]"), log.events);
  }

  @Test
  void aFalseStartCarriedFromTheLastReadJoinsTheFrame() throws Exception {
    feed(Framing.delimited(stream, bytes("aab"), 100, log), "xa", "a", "ab");
    assertEquals(List.of("[xa]"), log.events);
  }

  @Test
  void aDelimiterIsFoundAtEveryOffsetOfALittleEndianRead() throws Exception {
    for (int k = 0; k <= 40; k++) {
      FrameLog frames = new FrameLog();
      ByteBuffer read = FrameLog.read("x".repeat(k) + "|a||" + "y".repeat(40 - k) + "||").order(ByteOrder.LITTLE_ENDIAN);
      Framing.delimited(stream, bytes("||"), 100, frames).onData(read);
      assertEquals(List.of("[" + "x".repeat(k) + "|a]", "[" + "y".repeat(40 - k) + "]"), frames.events);
    }
  }

  @Test
  void everyWayOfCuttingTheInputIntoReadsGivesTheSameFrames() throws Exception {
    List<String> expected = List.of("[a]", "[]", "[x]", "[aa]", "end");
    for (String[] reads : FrameLog.everySplit("aaabaabxaabaa")) {
      FrameLog frames = new FrameLog();
      Stream.Reader reader = Framing.delimited(stream, bytes("aab"), 100, frames);
      feed(reader, reads);
      reader.onEnd();
      assertEquals(expected, frames.events, () -> "reads " + String.join("|", reads));
    }
  }

  @Test
  void everyWayOfCuttingAnOverlongFrameIntoReadsFailsAfterTheFramesBeforeIt() throws Exception {
    for (String[] reads : FrameLog.everySplit("ab||abcde||f")) {
      Tcp own = new Tcp(loop);
      FrameLog frames = new FrameLog();
      Stream.Reader reader = Framing.delimited(own, bytes("||"), 4, frames);
      feed(reader, reads);
      reader.onEnd();
      assertEquals(2, frames.events.size(), () -> "reads " + String.join("|", reads) + ": " + frames.events);
      assertEquals("[ab]", frames.events.get(0));
      assertTrue(frames.events.get(1).startsWith("EMSGSIZE: "), frames.events.get(1));
      assertTrue(own.isClosing());
    }
  }

  /** The frames of {@code input} found by a plain search of the whole input, then "end". */
  private static List<String> plainSearch(String input, String delimiter) {
    List<String> events = new ArrayList<>();
    int from = 0;
    for (int at; (at = input.indexOf(delimiter, from)) >= 0; from = at + delimiter.length()) {
      events.add("[" + input.substring(from, at) + "]");
    }
    if (from < input.length()) events.add("[" + input.substring(from) + "]");
    events.add("end");
    return events;
  }

  @Test
  void randomInputsCutAtRandomGiveTheFramesOfAPlainSearch() throws Exception {
    Random random = new Random(11);
    List<String> delimiters = List.of("a", "aa", "aab", "aba", "abab", "baaa", "|a|");
    for (int round = 0; round < 3000; round++) {
      String delimiter = delimiters.get(random.nextInt(delimiters.size()));
      StringBuilder input = new StringBuilder();
      for (int n = random.nextInt(40); n > 0; n--) input.append("ab|".charAt(random.nextInt(3)));
      List<String> reads = new ArrayList<>();
      for (int at = 0, next; at < input.length(); at = next) {
        next = Math.min(input.length(), at + 1 + random.nextInt(9));
        reads.add(input.substring(at, next));
      }
      FrameLog frames = new FrameLog();
      Stream.Reader reader = Framing.delimited(stream, bytes(delimiter), 100, frames);
      feed(reader, reads.toArray(new String[0]));
      reader.onEnd();
      assertEquals(plainSearch(input.toString(), delimiter), frames.events,
          () -> "delimiter " + delimiter + ", reads " + String.join("|", reads));
    }
  }

  @Test
  void delimiterBytesAtTheEndBelongToTheLastFrame() throws Exception {
    Stream.Reader reader = Framing.delimited(stream, bytes("||"), 100, log);
    feed(reader, "ab|");
    reader.onEnd();
    assertEquals(List.of("[ab|]", "end"), log.events);
  }

  @Test
  void thePartOfADelimiterAtTheEndOfAReadDoesNotCountTowardsMaxLength() throws Exception {
    feed(Framing.delimited(stream, bytes("||"), 3, log), "abc|", "|");
    assertEquals(List.of("[abc]"), log.events);
  }

  @Test
  void aFrameLongerThanMaxLengthFailsWithEmsgsizeAndClosesTheStream() throws Exception {
    feed(Framing.delimited(stream, bytes("||"), 3, log), "abcd||");
    assertEquals(List.of("EMSGSIZE: message too long (frame of 4 bytes exceeds the maximum of 3)"), log.events);
    assertTrue(stream.isClosing());
  }

  @Test
  void laterChangesToTheDelimiterArrayDoNotCount() throws Exception {
    byte[] delimiter = bytes(";");
    Stream.Reader reader = Framing.delimited(stream, delimiter, 100, log);
    delimiter[0] = ',';
    feed(reader, "a,b;");
    assertEquals(List.of("[a,b]"), log.events);
  }
}
