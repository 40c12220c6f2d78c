package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** libuv errors as Java exceptions, with the fields of Node's SystemError. */
class UvExceptionTest {
  @Test
  void messageReadsLikeNodes() {
    UvException e = new UvException(UvError.ENOENT.errno(), "open", "/x", null);

    assertEquals("ENOENT: no such file or directory, open '/x'", e.getMessage());
  }

  @Test
  void messageNamesTheDestinationOfATwoPathCall() {
    UvException e = new UvException(UvError.EXDEV.errno(), "rename", "/a", "/b");

    assertEquals(
        "EXDEV: " + UvError.EXDEV.description() + ", rename '/a' -> '/b'", e.getMessage());
  }

  @Test
  void messageWithoutAPathEndsWithTheSyscall() {
    UvException e = new UvException(UvError.EAGAIN.errno(), "read");

    assertEquals("EAGAIN: " + UvError.EAGAIN.description() + ", read", e.getMessage());
  }

  @Test
  void messageWithoutASyscallIsCodeAndDescription() {
    UvException e = new UvException(UvError.ECANCELED.errno(), null);

    assertEquals("ECANCELED: operation canceled", e.getMessage());
  }

  @Test
  void accessorsReturnWhatTheErrorCarries() {
    UvException e = new UvException(UvError.EEXIST.errno(), "link", "/from", "/to");

    assertEquals("EEXIST", e.code());
    assertEquals(UvError.EEXIST.errno(), e.errno());
    assertSame(UvError.EEXIST, e.error());
    assertEquals("link", e.syscall());
    assertEquals("/from", e.path());
    assertEquals("/to", e.dest());
  }

  @Test
  void twoArgumentConstructorHasNoPaths() {
    UvException e = new UvException(UvError.ECONNRESET.errno(), "read");

    assertEquals("ECONNRESET", e.code());
    assertEquals("read", e.syscall());
    assertNull(e.path());
    assertNull(e.dest());
  }

  @Test
  void isAnIOException() {
    assertInstanceOf(IOException.class, new UvException(UvError.EIO.errno(), "write"));
  }

  @Test
  void nonNegativeErrnoIsRejected() {
    IllegalArgumentException zero =
        assertThrows(IllegalArgumentException.class, () -> new UvException(0, "open"));
    IllegalArgumentException positive =
        assertThrows(IllegalArgumentException.class, () -> new UvException(2, "open"));

    assertTrue(zero.getMessage().contains("0"), zero.getMessage());
    assertTrue(positive.getMessage().contains("2"), positive.getMessage());
  }

  @Test
  void numberLibuvHasNoNameForStillMakesAnException() {
    UvException e = new UvException(-999_999, "ioctl");

    assertNull(e.error());
    assertEquals(-999_999, e.errno());
    assertTrue(e.code().contains("-999999"), e.code());
    assertTrue(e.getMessage().endsWith(", ioctl"), e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(UvError.class)
  void everyErrorHasANegativeNumberAndADescription(UvError error) {
    assertTrue(error.errno() < 0, error + " = " + error.errno());
    assertFalse(error.description().isBlank(), error + " has no description");
    assertFalse(error.description().startsWith("Unknown system error"), error.description());
  }

  @ParameterizedTest
  @EnumSource(UvError.class)
  void ofRoundTrips(UvError error) {
    assertSame(error, UvError.of(error.errno()));
  }

  @ParameterizedTest
  @EnumSource(UvError.class)
  void exceptionCodeIsTheConstantsName(UvError error) {
    assertEquals(error.name(), new UvException(error.errno(), "x").code());
  }

  @Test
  void ofReturnsNullForNumbersThatAreNotErrors() {
    assertNull(UvError.of(0));
    assertNull(UvError.of(1));
    assertNull(UvError.of(-999_999));
  }

  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void onUnixErrorNumbersAreNegatedErrnoValues() {
    assertEquals(-2, UvError.ENOENT.errno());
    assertEquals(-13, UvError.EACCES.errno());
  }

  @Test
  void libuvIsVersion1_50_0() {
    assertEquals("1.50.0", Uv.versionString());
    assertEquals(0x013200, Uv.version());
  }

  @Test
  void hrtimeIsMonotonic() {
    long previous = Uv.hrtime();
    for (int i = 0; i < 100_000; i++) {
      long now = Uv.hrtime();
      assertTrue(now >= previous, "hrtime went back from " + previous + " to " + now);
      previous = now;
    }
  }

  @Test
  void hrtimeCountsNanoseconds() throws InterruptedException {
    long outerStart = System.nanoTime();
    long start = Uv.hrtime();

    Thread.sleep(20);

    long elapsed = Uv.hrtime() - start;
    long outerElapsed = System.nanoTime() - outerStart;
    // both are monotonic nanosecond clocks: the inner interval lasts at least the 20 ms slept and
    // no longer than the JVM's outer one
    assertTrue(elapsed >= 20_000_000L && elapsed <= outerElapsed, "elapsed " + elapsed + " ns within " + outerElapsed);
  }
}
