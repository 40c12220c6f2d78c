package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A Chrome trace-event JSON document as the tests read it. Reading it checks what the format and
 * {@link ChromeTraceWriter} promise, failing the test otherwise: one JSON object whose {@code
 * traceEvents} are objects with the members their phase needs, this process's pid, a {@code
 * thread_name} for every track, and on each track strictly increasing timestamps and begin/end
 * events that nest, every begin ended. The spans are then rebuilt as trees, one list per track.
 */
final class TraceFile {
  /** One span: its name, category, whether close() ended it, and the spans inside it in order. */
  record Span(String name, String category, boolean unfinished, List<Span> children) {
    /** {@code name} or {@code name{child, child}}, recursively. */
    String outline() {
      if (children.isEmpty()) return name;
      return name + children.stream().map(Span::outline).collect(Collectors.joining(", ", "{", "}"));
    }
  }

  private final Map<Long, String> threadNames = new LinkedHashMap<>();
  private final Map<Long, List<Span>> tracks = new LinkedHashMap<>();
  private String processName;

  private TraceFile() {}

  static TraceFile read(String json) {
    TraceFile trace = new TraceFile();
    Map<?, ?> root = assertInstanceOf(Map.class, Json.parse(json), "the document is one JSON object");
    List<?> events = assertInstanceOf(List.class, root.get("traceEvents"), "traceEvents is an array");
    Map<Long, BigDecimal> lastTs = new LinkedHashMap<>();
    Map<Long, Deque<Span>> open = new LinkedHashMap<>();
    long pid = ProcessHandle.current().pid();
    for (Object element : events) {
      Map<?, ?> event = assertInstanceOf(Map.class, element, "every event is an object");
      String ph = string(event, "ph");
      assertEquals(pid, integer(event, "pid"), "pid of " + event);
      long tid = integer(event, "tid");
      BigDecimal ts = assertInstanceOf(BigDecimal.class, event.get("ts"), "ts of " + event);
      assertTrue(ts.signum() >= 0, "ts of " + event);
      switch (ph) {
        case "M" -> trace.metadata(event, tid);
        case "B", "E" -> {
          BigDecimal last = lastTs.put(tid, ts);
          if (last != null && ts.compareTo(last) <= 0) fail("ts does not increase on track " + tid + " at " + event);
          Deque<Span> stack = open.computeIfAbsent(tid, t -> new ArrayDeque<>());
          if (ph.equals("B")) {
            Span span = new Span(string(event, "name"), string(event, "cat"), false, new ArrayList<>());
            List<Span> siblings = stack.isEmpty() ? trace.tracks.computeIfAbsent(tid, t -> new ArrayList<>()) : stack.peek().children();
            siblings.add(span);
            stack.push(span);
          } else {
            if (stack.isEmpty()) fail("an end with no span open on track " + tid + ": " + event);
            Span ended = stack.pop();
            if (event.get("args") instanceof Map<?, ?> args && Boolean.TRUE.equals(args.get("unfinished"))) {
              List<Span> siblings = stack.isEmpty() ? trace.tracks.get(tid) : stack.peek().children();
              siblings.set(siblings.size() - 1, new Span(ended.name(), ended.category(), true, ended.children()));
            }
          }
        }
        default -> fail("an event of phase " + ph + ": " + event);
      }
    }
    open.forEach((tid, stack) -> assertTrue(stack.isEmpty(), "spans left open on track " + tid + ": " + stack));
    assertEquals("uv4j", trace.processName, "the process is named");
    for (Long tid : trace.tracks.keySet()) assertNotNull(trace.threadNames.get(tid), "thread_name of track " + tid);
    return trace;
  }

  private void metadata(Map<?, ?> event, long tid) {
    Map<?, ?> args = assertInstanceOf(Map.class, event.get("args"), "args of " + event);
    String name = string(args, "name");
    switch (string(event, "name")) {
      case "process_name" -> processName = name;
      case "thread_name" -> assertEquals(null, threadNames.put(tid, name), "one thread_name for track " + tid);
      default -> fail("unexpected metadata " + event);
    }
  }

  private static String string(Map<?, ?> object, String member) {
    return assertInstanceOf(String.class, object.get(member), member + " of " + object);
  }

  private static long integer(Map<?, ?> object, String member) {
    return assertInstanceOf(BigDecimal.class, object.get(member), member + " of " + object).longValueExact();
  }

  /** The track of the thread named {@code threadName}, which must be the only one of that name. */
  List<Span> track(String threadName) {
    List<Long> tids = tidsNamed(threadName);
    assertEquals(1, tids.size(), "tracks named " + threadName + " in " + threadNames);
    return tracks.getOrDefault(tids.get(0), List.of());
  }

  List<Long> tidsNamed(String threadName) {
    return threadNames.entrySet().stream()
        .filter(e -> e.getValue().equals(threadName))
        .map(Map.Entry::getKey)
        .collect(Collectors.toList());
  }

  Map<Long, String> threadNames() {
    return threadNames;
  }

  /** The spans of the track of thread {@code tid}, outermost first. */
  List<Span> spans(long tid) {
    return tracks.getOrDefault(tid, List.of());
  }

  /** Outlines of a track's outermost spans that have spans inside them (phases where callbacks ran). */
  static List<String> busy(List<Span> track) {
    return track.stream().filter(s -> !s.children().isEmpty()).map(Span::outline).collect(Collectors.toList());
  }
}
