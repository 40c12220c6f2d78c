package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uv4j.LoopTracer.Phase;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trace a {@link ChromeTraceWriter} writes, read back by {@link TraceFile}, which checks on
 * every read that it is one JSON object, that each event has the members its phase needs, that
 * every track is named, and that on each track timestamps increase and spans nest.
 */
class ChromeTraceWriterTest extends LoopTestBase {
  private static final String DRAIN = "nextTick and microtask drain";

  private final StringWriter text = new StringWriter();
  private ChromeTraceWriter trace;
  private final String loopThread = Thread.currentThread().getName();
  private final List<String> uncaught = new ArrayList<>();

  @BeforeEach
  void recordUncaughtErrorsAndTrace() throws IOException {
    loop.onUncaughtException((error, origin) -> uncaught.add(error.getMessage()));
    trace = new ChromeTraceWriter(text);
  }

  /** Closes the writer and reads what it wrote. */
  private TraceFile written() throws IOException {
    trace.close();
    return TraceFile.read(text.toString());
  }

  private List<String> loopTrack(TraceFile file) {
    return TraceFile.busy(file.track(loopThread));
  }

  @Test
  void theFileNamesTheProcessAndTheLoopThread() throws IOException {
    loop.setTracer(trace);
    loop.setTimeout(() -> {}, 1);
    loop.run();
    loop.setTracer(null);
    TraceFile file = written();
    assertEquals(List.of("TIMERS{Timeout[1 ms]}"), loopTrack(file));
    assertEquals(List.of(loopThread), new ArrayList<>(file.threadNames().values()));
  }

  @Test
  void callbacksNestInTheirPhaseAndPoolWorkIsOnThePoolThreadsTrack() throws Exception {
    List<String> poolThreads = Collections.synchronizedList(new ArrayList<>());
    loop.setTracer(trace);
    loop.setTimeout(() -> {
      try {
        loop.queueWork(() -> poolThreads.add(Thread.currentThread().getName()),
            (added, error) -> loop.setImmediate(() -> loop.nextTick(() -> {})));
      } catch (UvException e) {
        throw new IllegalStateException(e);
      }
    }, 1);
    loop.run();
    loop.setTracer(null);
    TraceFile file = written();

    assertEquals(List.of("TIMERS{Timeout[1 ms]}", "POLL{queueWork done}", "CHECK{Immediate, " + DRAIN + "}"),
        loopTrack(file));
    assertEquals(1, poolThreads.size());
    List<TraceFile.Span> pool = file.track(poolThreads.get(0));
    assertEquals(List.of("queueWork"), pool.stream().map(TraceFile.Span::outline).collect(Collectors.toList()));
    assertEquals("pool", pool.get(0).category());
    TraceFile.Span timers = file.track(loopThread).stream().filter(s -> s.name().equals("TIMERS") && !s.children().isEmpty())
        .findFirst().orElseThrow();
    assertEquals("phase", timers.category());
    assertEquals("callback", timers.children().get(0).category());
  }

  @Test
  void aDrainIsTracedWhereTheTicksQueuedByACallbackRun() throws IOException {
    loop.setTracer(trace);
    loop.setTimeout(() -> loop.nextTick(() -> Promise.resolve(loop, 1).thenAccept(one -> {})), 1);
    loop.run();
    loop.setTracer(null);
    assertEquals(List.of("TIMERS{Timeout[1 ms], " + DRAIN + "}"), loopTrack(written()));
  }

  @Test
  void workRunningAtOnceOnSeveralPoolThreadsGoesToEachThreadsTrack() throws Exception {
    int together = 2;
    int more = 40;
    CyclicBarrier meet = new CyclicBarrier(together);
    List<String> meetingThreads = Collections.synchronizedList(new ArrayList<>());
    List<Throwable> errors = new ArrayList<>();
    loop.setTracer(trace);
    for (int i = 0; i < together; i++) {
      // each waits for the other, so they run at the same time on two pool threads
      loop.queueWork(() -> {
        meet.await(30, TimeUnit.SECONDS);
        return meetingThreads.add(Thread.currentThread().getName());
      }, (added, error) -> {
        if (error != null) errors.add(error);
      });
    }
    for (int i = 0; i < more; i++) {
      int n = i;
      loop.queueWork(() -> n, (value, error) -> {
        if (error != null) errors.add(error);
      });
    }
    loop.run();
    loop.setTracer(null);
    TraceFile file = written();

    assertEquals(List.of(), errors);
    assertEquals(together, meetingThreads.stream().distinct().count(), meetingThreads.toString());
    for (String thread : meetingThreads) {
      assertFalse(file.track(thread).isEmpty(), thread + " has its work on its own track");
    }
    int poolSpans = 0;
    for (Map.Entry<Long, String> track : file.threadNames().entrySet()) {
      List<TraceFile.Span> spans = file.spans(track.getKey());
      if (!track.getValue().startsWith("uv4j-pool-")) continue;
      for (TraceFile.Span span : spans) assertEquals("queueWork", span.outline());
      poolSpans += spans.size();
    }
    assertEquals(together + more, poolSpans);
    long completions = file.track(loopThread).stream()
        .flatMap(phase -> phase.children().stream())
        .filter(callback -> callback.name().equals("queueWork done"))
        .count();
    assertEquals(together + more, completions);
  }

  @Test
  void loopsOnTwoThreadsTracedIntoOneWriterKeepToTheirOwnTracks() throws Exception {
    List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    for (int delay = 1; delay <= 2; delay++) {
      long ms = delay;
      threads.add(new Thread(() -> {
        try (Loop own = Loop.create()) {
          own.setTracer(trace);
          own.setTimeout(() -> {}, ms);
          own.run();
          own.setTracer(null);
        } catch (Throwable t) {
          errors.add(t);
        }
      }, "loop-" + delay + "ms"));
    }
    for (Thread thread : threads) thread.start();
    for (Thread thread : threads) thread.join();
    TraceFile file = written();

    assertEquals(List.of(), errors);
    assertEquals(List.of("TIMERS{Timeout[1 ms]}"), TraceFile.busy(file.track("loop-1ms")));
    assertEquals(List.of("TIMERS{Timeout[2 ms]}"), TraceFile.busy(file.track("loop-2ms")));
  }

  @Test
  void spansOpenWhenTheWriterClosesAreEndedAsUnfinished() throws IOException {
    loop.setTracer(trace);
    loop.setTimeout(() -> {
      try {
        trace.close();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }, 1);
    loop.setTimeout(() -> loop.nextTick(() -> {}), 2);
    loop.run();
    loop.setTracer(null);
    TraceFile file = TraceFile.read(text.toString());

    List<TraceFile.Span> track = file.track(loopThread);
    TraceFile.Span last = track.get(track.size() - 1);
    assertEquals("TIMERS{Timeout[1 ms]}", last.outline());
    assertTrue(last.unfinished(), "the phase");
    assertTrue(last.children().get(0).unfinished(), "the callback");
    assertFalse(track.subList(0, track.size() - 1).stream().anyMatch(TraceFile.Span::unfinished),
        "the phases that ended before the close");
    assertEquals(List.of(), uncaught);
  }

  @Test
  void aWriterReplacedInACallbackEndsThePhaseAndTheNewOneStartsAtTheNextPhase() throws IOException {
    StringWriter nextText = new StringWriter();
    ChromeTraceWriter next = new ChromeTraceWriter(nextText);
    loop.setTracer(trace);
    loop.setTimeout(() -> {
      loop.setTracer(next);
      loop.setTimeout(() -> {}, 2);
    }, 1);
    loop.run();
    loop.setTracer(null);
    next.close();
    TraceFile first = written();
    TraceFile second = TraceFile.read(nextText.toString());

    assertEquals(List.of("TIMERS{Timeout[1 ms]}"), loopTrack(first));
    assertFalse(first.track(loopThread).stream().anyMatch(TraceFile.Span::unfinished), "nothing left open");
    assertEquals(List.of("TIMERS{Timeout[2 ms]}"), loopTrack(second));
  }

  @Test
  void aWriterRemovedInACallbackEndsThePhaseInProgress() throws IOException {
    loop.setTracer(trace);
    loop.setTimeout(() -> loop.setTracer(null), 1);
    loop.run();
    TraceFile file = written();

    assertEquals(List.of("TIMERS{Timeout[1 ms]}"), loopTrack(file));
    assertFalse(file.track(loopThread).stream().anyMatch(TraceFile.Span::unfinished), "nothing left open");
  }

  @Test
  void aCallbackThatThrowsEndsItsSpanAndTheNextCallbacksNestAsUsual() throws IOException {
    loop.setTracer(trace);
    loop.setTimeout(() -> {
      loop.setImmediate(() -> {});
      throw new IllegalStateException("thrown by the timeout");
    }, 1);
    loop.run();
    loop.setTracer(null);
    TraceFile file = written();

    assertEquals(List.of("thrown by the timeout"), uncaught);
    // the second immediate is the empty one the loop queues once a listener took an error, as Node does
    assertEquals(List.of("TIMERS{Timeout[1 ms]}", "CHECK{Immediate, Immediate}"), loopTrack(file));
    assertFalse(file.track(loopThread).stream().anyMatch(TraceFile.Span::unfinished), "nothing left open");
  }

  @Test
  void anEndWithoutItsBeginIsLeftOut() throws IOException {
    trace.callbackEnded(Phase.TIMERS, "Timeout[1 ms]");
    trace.phaseLeft(Phase.POLL);
    trace.drainEnded();
    trace.poolWorkEnded("queueWork");
    trace.phaseEntered(Phase.CHECK);
    trace.phaseLeft(Phase.CHECK);
    assertEquals(List.of("CHECK"), written().track(loopThread).stream().map(TraceFile.Span::outline)
        .collect(Collectors.toList()));
  }

  @Test
  void anEndOfAnOuterSpanEndsTheSpansStillOpenInsideIt() throws IOException {
    trace.phaseEntered(Phase.POLL);
    trace.callbackStarted(Phase.POLL, "Tcp read");
    trace.drainStarted();
    trace.phaseLeft(Phase.POLL);
    trace.phaseEntered(Phase.CHECK);
    trace.phaseLeft(Phase.CHECK);
    List<TraceFile.Span> track = written().track(loopThread);
    assertEquals(List.of("POLL{Tcp read{" + DRAIN + "}}", "CHECK"),
        track.stream().map(TraceFile.Span::outline).collect(Collectors.toList()));
    assertFalse(track.get(0).unfinished());
  }

  @Test
  void aPhaseEnteredWithoutTheLastOneLeftEndsIt() throws IOException {
    trace.phaseEntered(Phase.TIMERS);
    trace.phaseEntered(Phase.POLL);
    trace.phaseLeft(Phase.POLL);
    assertEquals(List.of("TIMERS", "POLL"), written().track(loopThread).stream().map(TraceFile.Span::outline)
        .collect(Collectors.toList()));
  }

  @Test
  void aLoopRunFromACallbackNestsItsPhasesInThatCallback() throws IOException {
    trace.phaseEntered(Phase.TIMERS);
    trace.callbackStarted(Phase.TIMERS, "Timeout[1 ms]");
    trace.phaseEntered(Phase.POLL);
    trace.callbackStarted(Phase.POLL, "Tcp read");
    trace.callbackEnded(Phase.POLL, "Tcp read");
    trace.phaseLeft(Phase.POLL);
    trace.callbackEnded(Phase.TIMERS, "Timeout[1 ms]");
    trace.phaseLeft(Phase.TIMERS);
    assertEquals(List.of("TIMERS{Timeout[1 ms]{POLL{Tcp read}}}"), written().track(loopThread).stream()
        .map(TraceFile.Span::outline).collect(Collectors.toList()));
  }

  @Test
  void manyEventsReachTheOutputBeforeCloseInFewWrites() throws IOException {
    List<Integer> writes = new ArrayList<>();
    StringWriter target = new StringWriter();
    Writer counting = new Writer() {
      @Override
      public void write(char[] chars, int offset, int length) {
        writes.add(length);
        target.write(chars, offset, length);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    ChromeTraceWriter streamed = new ChromeTraceWriter(counting);
    int callbacks = 20_000;
    streamed.phaseEntered(Phase.CHECK);
    for (int i = 0; i < callbacks; i++) {
      streamed.callbackStarted(Phase.CHECK, "Immediate");
      streamed.callbackEnded(Phase.CHECK, "Immediate");
    }
    int beforeClose = target.getBuffer().length();
    int writesBeforeClose = writes.size();
    streamed.phaseLeft(Phase.CHECK);
    streamed.close();

    assertTrue(beforeClose > target.getBuffer().length() / 2, "most of the trace was written before close()");
    assertTrue(writesBeforeClose < callbacks / 100, writesBeforeClose + " writes for " + 2 * callbacks + " events");
    List<TraceFile.Span> track = TraceFile.read(target.toString()).track(loopThread);
    assertEquals(1, track.size());
    assertEquals(callbacks, track.get(0).children().size());
  }

  @Test
  void namesAreEscapedAndTheOutputIsAscii() throws IOException {
    String name = "say \"hé\\llo\"\n\t\u0001 \uD83D\uDE00";
    trace.poolWorkStarted(name);
    trace.poolWorkEnded(name);
    trace.close();
    String json = text.toString();
    assertTrue(json.chars().allMatch(c -> c < 0x80), json);
    assertEquals(name, TraceFile.read(json).track(loopThread).get(0).name());
  }

  @Test
  void aWriteErrorStopsTheOutputAndCloseThrowsIt() throws IOException {
    IOException full = new IOException("disk full");
    Writer failing = new Writer() {
      private boolean started;

      @Override
      public void write(char[] chars, int offset, int length) throws IOException {
        // the header goes through; everything after it fails
        if (started) throw full;
        started = true;
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    ChromeTraceWriter broken = new ChromeTraceWriter(failing);
    loop.setTracer(broken);
    for (int i = 0; i < 2_000; i++) loop.setImmediate(() -> {});
    loop.run();
    loop.setTracer(null);

    assertEquals(List.of(), uncaught, "the tracer threw nothing into the loop");
    assertSame(full, assertThrows(IOException.class, broken::close));
  }

  @Test
  void closingTwiceHasNoEffect() throws IOException {
    trace.close();
    String once = text.toString();
    trace.close();
    assertEquals(once, text.toString());
  }

  @Test
  void aFileWriterWritesTheTraceToItsPath(@TempDir Path dir) throws IOException {
    Path path = dir.resolve("loop.json");
    try (ChromeTraceWriter toFile = new ChromeTraceWriter(path)) {
      loop.setTracer(toFile);
      loop.setTimeout(() -> {}, 1);
      loop.run();
      loop.setTracer(null);
    }
    String json = Files.readString(path, StandardCharsets.US_ASCII);
    assertEquals(List.of("TIMERS{Timeout[1 ms]}"), TraceFile.busy(TraceFile.read(json).track(loopThread)));
  }

  @Test
  void aPathThatCannotBeWrittenIsRefusedNamingIt(@TempDir Path dir) {
    IOException e = assertThrows(IOException.class, () -> new ChromeTraceWriter(dir));
    assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
  }

  @Test
  void nullOutputsAreRefusedNamingTheParameter() {
    assertEquals("file", assertThrows(NullPointerException.class, () -> new ChromeTraceWriter((Path) null)).getMessage());
    assertEquals("out", assertThrows(NullPointerException.class, () -> new ChromeTraceWriter((Writer) null)).getMessage());
  }
}
