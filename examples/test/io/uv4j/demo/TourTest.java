package io.uv4j.demo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class TourTest {
  /** A summary row: operation, mechanism, who did the work, completion time, phase, iteration. */
  private static final Pattern ROW = Pattern.compile(
      "^  (file read|tcp echo|dns lookup|timer|sha-256|child) +(.+?) {2,}(.+?) +([0-9.]+) ms +([A-Z]+) +([0-9]+)$",
      Pattern.MULTILINE);

  private static String run(String... args) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, UTF_8)) {
      assertEquals(0, Tour.run(args, out));
    }
    return bytes.toString(UTF_8);
  }

  @Test
  void everyOperationIsReportedWithItsMechanismThreadPhaseAndIteration(@TempDir Path dir) throws Exception {
    Path svg = dir.resolve("tour.svg");
    String out = run("--svg", svg.toString());
    assertFalse(out.contains("failed"), out);

    Map<String, String[]> rows = new TreeMap<>();
    Matcher row = ROW.matcher(out);
    while (row.find()) {
      rows.put(row.group(1), new String[] {row.group(2), row.group(3), row.group(5), row.group(6)});
    }
    assertEquals(List.of("child", "dns lookup", "file read", "sha-256", "tcp echo", "timer"), new ArrayList<>(rows.keySet()), out);
    String backend = Tour.backendName();
    assertRow(rows.get("tcp echo"), backend, "kernel", "POLL");
    assertRow(rows.get("file read"), "thread pool", "libuv pool thread (C)", "POLL");
    assertRow(rows.get("dns lookup"), "thread pool", "libuv pool thread (C)", "POLL");
    assertRow(rows.get("timer"), "timer", "none", "TIMERS");
    assertRow(rows.get("child"), "process", "child process", "POLL");
    assertTrue(out.contains("child: exit status 0, printed \""), out);
    assertEquals("thread pool", rows.get("sha-256")[0]);
    assertTrue(rows.get("sha-256")[1].startsWith("uv4j-pool-"), rows.get("sha-256")[1]);
    assertEquals("POLL", rows.get("sha-256")[2]);

    // every operation's report names its phase and iteration, then the drain after it
    for (String op : rows.keySet()) {
      Matcher block = Pattern.compile(
              Pattern.quote(op) + ": .*\\R.*mechanism .*\\R.*thread .*\\R"
                  + ".*completion +at [0-9.]+ ms: callback \".+\" in the [A-Z]+ phase of iteration [0-9]+\\R")
          .matcher(out);
      assertTrue(block.find(), op + " in:\n" + out);
    }
    assertEquals(rows.size(), count(out, "drain +(nextTick|promise reaction) at [0-9.]+ ms, then (nextTick|promise reaction) at"), out);

    Matcher iterations = Pattern.compile("over ([0-9]+) iterations \\(libuv's own count: ([0-9]+)\\)").matcher(out);
    assertTrue(iterations.find(), out);
    assertEquals(iterations.group(2), iterations.group(1), "counting poll phases agrees with uv_metrics_info");

    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    Document doc = factory.newDocumentBuilder().parse(svg.toFile());
    Element root = doc.getDocumentElement();
    assertEquals("svg", root.getLocalName());
    assertEquals("http://www.w3.org/2000/svg", root.getNamespaceURI());
    List<String> lanes = new ArrayList<>();
    NodeList groups = root.getElementsByTagNameNS("*", "g");
    for (int i = 0; i < groups.getLength(); i++) {
      Element g = (Element) groups.item(i);
      if (g.getAttribute("class").equals("lane")) {
        lanes.add(g.getElementsByTagNameNS("*", "title").item(0).getTextContent());
      }
    }
    assertEquals("loop thread", lanes.get(0), lanes.toString());
    assertTrue(lanes.stream().anyMatch(lane -> lane.startsWith("uv4j-pool-")), lanes.toString());
    assertTrue(lanes.containsAll(List.of("thread pool (C)", "kernel (" + backend + ")", "timer heap", "child process")),
        lanes.toString());
    String loopText = groups.item(indexOf(groups, "lane-loop")).getTextContent();
    for (String callback : List.of("fs.read done", "getaddrinfo done", "Tcp read", "Timeout[", "queueWork done")) {
      assertTrue(loopText.contains(callback), callback + " marked on the loop lane");
    }
    assertTrue(loopText.contains("POLL, iteration 1"), "phase bands are drawn");
    assertTrue(loopText.contains("drain: "), "drains are drawn");
  }

  @Test
  void theTraceHasATrackPerThreadWhereSpansNest(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("tour.json");
    String out = run("--trace", file.toString());
    assertTrue(out.contains("Trace written to " + file), out);

    Map<?, ?> root = assertInstanceOf(Map.class, TraceJson.parse(Files.readString(file, UTF_8)));
    List<?> events = assertInstanceOf(List.class, root.get("traceEvents"));
    Map<Object, String> threadNames = new HashMap<>();
    Map<Object, Deque<String>> open = new HashMap<>();
    Map<Object, BigDecimal> lastTs = new HashMap<>();
    // every span on each track, as the path of names from the track's outermost span down to it
    Map<Object, List<String>> spans = new HashMap<>();
    for (Object element : events) {
      Map<?, ?> event = assertInstanceOf(Map.class, element);
      for (String member : List.of("ph", "pid", "tid", "ts")) {
        assertNotNull(event.get(member), member + " in " + event);
      }
      Object tid = event.get("tid");
      String ph = (String) event.get("ph");
      if (ph.equals("M")) {
        if (event.get("name").equals("thread_name")) {
          threadNames.put(tid, (String) assertInstanceOf(Map.class, event.get("args")).get("name"));
        }
        continue;
      }
      BigDecimal ts = assertInstanceOf(BigDecimal.class, event.get("ts"));
      BigDecimal last = lastTs.put(tid, ts);
      assertTrue(last == null || ts.compareTo(last) > 0, "time increases on each track: " + event);
      Deque<String> stack = open.computeIfAbsent(tid, t -> new ArrayDeque<>());
      if (ph.equals("B")) {
        assertNotNull(event.get("cat"), "cat in " + event);
        stack.addLast(assertInstanceOf(String.class, event.get("name")));
        spans.computeIfAbsent(tid, t -> new ArrayList<>()).add(String.join(" > ", stack));
      } else if (ph.equals("E")) {
        assertFalse(stack.isEmpty(), "an end with a span open: " + event);
        stack.removeLast();
      } else {
        fail("unexpected event " + event);
      }
    }
    open.forEach((tid, stack) -> assertTrue(stack.isEmpty(), "every span ended on track " + tid + ": " + stack));
    for (Object tid : open.keySet()) assertNotNull(threadNames.get(tid), "thread_name of track " + tid);

    List<String> loop = spansOf(Thread.currentThread().getName(), threadNames, spans);
    for (String span : List.of("TIMERS > Timeout[25 ms]", "POLL > fs.read done", "POLL > getaddrinfo done",
        "POLL > Tcp read", "POLL > queueWork done", "POLL > nextTick and microtask drain")) {
      assertTrue(loop.contains(span), span + " in " + loop);
    }
    List<String> hashing = new ArrayList<>();
    threadNames.forEach((tid, name) -> {
      if (name.startsWith("uv4j-pool-")) hashing.addAll(spans.getOrDefault(tid, List.of()));
    });
    assertEquals(List.of("queueWork"), hashing, "the SHA-256 on a pool thread's track");
  }

  private static List<String> spansOf(String thread, Map<Object, String> threadNames, Map<Object, List<String>> spans) {
    List<Object> tids = new ArrayList<>();
    threadNames.forEach((tid, name) -> {
      if (name.equals(thread)) tids.add(tid);
    });
    assertEquals(1, tids.size(), "one track for " + thread + " in " + threadNames);
    return spans.get(tids.get(0));
  }

  @Test
  void badArgumentsPrintTheUsage() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, UTF_8)) {
      assertEquals(2, Tour.run(new String[] {"--svg"}, out));
    }
    assertTrue(bytes.toString(UTF_8).startsWith("usage: "), bytes.toString(UTF_8));
  }

  private static void assertRow(String[] row, String mechanism, String worker, String phase) {
    assertEquals(mechanism, row[0]);
    assertEquals(worker, row[1]);
    assertEquals(phase, row[2]);
  }

  private static int indexOf(NodeList groups, String id) {
    for (int i = 0; i < groups.getLength(); i++) {
      if (((Element) groups.item(i)).getAttribute("id").equals(id)) return i;
    }
    throw new AssertionError("no element with id " + id);
  }

  private static int count(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    int n = 0;
    while (m.find()) n++;
    return n;
  }
}
