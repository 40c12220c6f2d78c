package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A loop's warnings: what is printed by default, and the bad input the API refuses. */
class WarningTest extends LoopTestBase {
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

  private String printed() {
    return stderr.toString(StandardCharsets.UTF_8);
  }

  private void captureDefaultPrinting() {
    loop.warnings.printTo(new PrintStream(stderr, true, StandardCharsets.UTF_8));
  }

  @Test
  void overflowingTimeoutIsPrintedAsNodePrintsItWithTheLibraryAsPrefix() {
    captureDefaultPrinting();
    loop.setTimeout(() -> {}, 1L << 31);
    loop.runToCompletion();
    assertEquals("(uv4j:" + ProcessHandle.current().pid() + ") TimeoutOverflowWarning: 2147483648 does not fit"
        + " into a 32-bit signed integer.\nTimeout duration was set to 1." + System.lineSeparator(), printed());
  }

  @Test
  void defaultPrintingGoesToTheProcessStandardError() throws Exception {
    String output = ChildJvm.run(WarningProbe.class);
    assertTrue(output.matches("pid (\\d+)\\R\\(uv4j:\\1\\) TimeoutOverflowWarning: 2147483648 does not fit into a"
        + " 32-bit signed integer\\.\nTimeout duration was set to 1\\."), output);
  }

  @Test
  void defaultPrintingComesBeforeTheListeners() {
    captureDefaultPrinting();
    List<String> printedWhenListened = new ArrayList<>();
    loop.onWarning(w -> printedWhenListened.add(printed()));
    loop.emitWarning(new Warning("ExampleWarning", "something"));
    loop.runToCompletion();
    assertEquals(List.of("(uv4j:" + ProcessHandle.current().pid() + ") ExampleWarning: something"
        + System.lineSeparator()), printedWhenListened);
  }

  @Test
  void warningsPrintedFalsePrintsNothing() {
    captureDefaultPrinting();
    loop.setWarningsPrinted(false);
    loop.emitWarning(new Warning("ExampleWarning", "something"));
    loop.runToCompletion();
    assertEquals("", printed());
  }

  @Test
  void delayBelowOneIsClampedWithoutWarning() {
    captureDefaultPrinting();
    List<Warning> got = new ArrayList<>();
    loop.onWarning(got::add);
    loop.setTimeout(() -> {}, -5);
    loop.setTimeout(() -> {}, 0);
    loop.runToCompletion();
    assertEquals(List.of(), got);
    assertEquals("", printed());
  }

  @Test
  void delayOfTimeoutMaxIsNotWarnedOf() {
    List<Warning> got = new ArrayList<>();
    loop.onWarning(got::add);
    loop.setTimeout(() -> {}, (1L << 31) - 1).close();
    loop.runToCompletion();
    assertEquals(List.of(), got);
  }

  @Test
  void emittedWarningReachesListenersUnchanged() {
    loop.setWarningsPrinted(false);
    Warning warning = new Warning("ExampleWarning", "line one\nline two");
    List<Warning> got = new ArrayList<>();
    loop.onWarning(got::add);
    loop.emitWarning(warning);
    loop.runToCompletion();
    assertEquals(List.of(warning), got);
  }

  @Test
  void offWarningTellsWhetherTheListenerWasRegistered() {
    Loop.WarningListener listener = w -> {};
    loop.onWarning(listener);
    assertTrue(loop.offWarning(listener));
    assertFalse(loop.offWarning(listener));
  }

  @Test
  void blankNameIsRefusedNamingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Warning(" ", "m"));
    assertEquals("a warning's name must not be blank, got \" \"", e.getMessage());
  }

  @Test
  void blankCodeIsRefusedNamingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Warning("W", "m", "", null));
    assertEquals("a warning's code must be null or not blank, got \"\"", e.getMessage());
  }

  @Test
  void aCodeAndADetailArePrintedAsNodePrintsThem() {
    captureDefaultPrinting();
    loop.emitWarning(new Warning("ExampleWarning", "something", "X001", "more\nover two lines"));
    loop.runToCompletion();
    assertEquals("(uv4j:" + ProcessHandle.current().pid() + ") [X001] ExampleWarning: something\nmore\nover two lines"
        + System.lineSeparator(), printed());
  }

  @Test
  void aWarningMadeWithANameAndAMessageHasNoCodeAndNoDetail() {
    Warning warning = new Warning("ExampleWarning", "something");
    assertEquals(null, warning.code());
    assertEquals(null, warning.detail());
  }

  @Test
  void nullNameIsRefused() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> new Warning(null, "m"));
    assertEquals("name", e.getMessage());
  }

  @Test
  void nullMessageIsRefused() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> new Warning("W", null));
    assertEquals("message", e.getMessage());
  }

  @Test
  void nullListenerIsRefused() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> loop.onWarning(null));
    assertEquals("listener", e.getMessage());
  }

  @Test
  void nullWarningIsRefused() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> loop.emitWarning(null));
    assertEquals("warning", e.getMessage());
  }
}
