package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@link SpawnOptions} and {@link Stdio} accept, and the errors that name what they refuse. */
class ChildProcessOptionsTest {
  private static void assertRefused(String expectedInMessage, Runnable build) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::run);
    assertTrue(e.getMessage().contains(expectedInMessage), e.getMessage());
  }

  @Test
  void theDefaultsAreTheJvmsEnvironmentAndDirectoryAndThreeIgnoredDescriptors() {
    SpawnOptions options = SpawnOptions.builder("prog").build();
    assertEquals(List.of("prog"), options.argv());
    assertNull(options.env());
    assertNull(options.cwd());
    assertEquals(List.of(Stdio.ignore(), Stdio.ignore(), Stdio.ignore()), options.stdio());
  }

  @Test
  void aDescriptorPastTheOthersFillsTheGapWithIgnoredOnes() {
    Stdio extra = Stdio.pipeFromChild();
    SpawnOptions options = SpawnOptions.builder("prog").stdio(4, extra).build();
    assertEquals(List.of(Stdio.ignore(), Stdio.ignore(), Stdio.ignore(), Stdio.ignore(), extra), options.stdio());
  }

  @Test
  void anEmptyFileIsRefused() {
    assertRefused("file is empty", () -> SpawnOptions.builder(""));
  }

  @Test
  void aNulInTheFileIsRefusedNamingIt() {
    assertRefused("file holds a NUL character at index 4: /bin\\0sh", () -> SpawnOptions.builder("/bin\0sh"));
  }

  @Test
  void aNulInAnArgumentIsRefusedNamingItAndItsIndex() {
    assertRefused("args[1] holds a NUL character at index 1: a\\0b", () -> SpawnOptions.builder("prog").args("ok", "a\0b"));
  }

  @Test
  void aNulInArgv0IsRefusedNamingIt() {
    assertRefused("argv0 holds a NUL character", () -> SpawnOptions.builder("prog").argv0("x\0"));
  }

  @Test
  void aNulInAnEnvironmentValueIsRefusedNamingTheVariable() {
    assertRefused("value of NAME holds a NUL character", () -> SpawnOptions.builder("prog").env(Map.of("NAME", "a\0b")));
  }

  @Test
  void aNulInAnEnvironmentNameIsRefusedNamingIt() {
    assertRefused("environment variable name holds a NUL character", () -> SpawnOptions.builder("prog").env("A\0B", "v"));
  }

  @Test
  void anEqualsSignInAnEnvironmentNameIsRefusedNamingIt() {
    assertRefused("holds '=': A=B", () -> SpawnOptions.builder("prog").env("A=B", "v"));
  }

  @Test
  void anEmptyEnvironmentNameIsRefused() {
    assertRefused("environment variable name is empty", () -> SpawnOptions.builder("prog").env(Map.of("", "v")));
  }

  @Test
  void aNulInTheWorkingDirectoryIsRefusedNamingIt() {
    assertRefused("cwd holds a NUL character at index 4: /tmp\\0x", () -> SpawnOptions.builder("prog").cwd("/tmp\0x"));
  }

  @Test
  void anEmptyWorkingDirectoryIsRefused() {
    assertRefused("cwd is empty", () -> SpawnOptions.builder("prog").cwd(""));
  }

  @Test
  void aLoneSurrogateThatStandsForNoByteIsRefusedNamingIt() {
    assertRefused("args[0] holds the lone surrogate U+D800", () -> SpawnOptions.builder("prog").args("\uD800"));
  }

  @Test
  void aNegativeUidIsRefused() {
    assertRefused("uid must be >= 0, got -1", () -> SpawnOptions.builder("prog").uid(-1));
  }

  @Test
  void aNegativeGidIsRefused() {
    assertRefused("gid must be >= 0, got -2", () -> SpawnOptions.builder("prog").gid(-2));
  }

  @Test
  void aDescriptorOutOfRangeIsRefused() {
    assertRefused("fd must be in 0..255, got 256", () -> SpawnOptions.builder("prog").stdio(256, Stdio.ignore()));
  }

  @Test
  void inheritingANegativeDescriptorIsRefused() {
    assertRefused("fd must be >= 0, got -1", () -> Stdio.inherit(-1));
  }

  @Test
  void pipeFlagsOnAnEntryThatIsNoPipeAreRefused() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Stdio.inherit(1).nonblocking());
    assertTrue(e.getMessage().contains("Stdio[inherit fd 1]"), e.getMessage());
  }

  @Test
  void argumentsSetAgainReplaceTheEarlierOnes() {
    assertEquals(List.of("prog", "b"), SpawnOptions.builder("prog").args("a").args("b").build().argv());
  }
}
