package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The OS's clocks. Wall-clock checks allow a minute either way: they are sanity checks. */
class OsClockTest {
  private static final long GENEROUS_MILLIS = 60_000;

  @Test
  void monotonicClockNeverGoesBack() throws Exception {
    long previous = Os.clockGettime(Os.Clock.MONOTONIC).toNanos();
    for (int i = 0; i < 10_000; i++) {
      long now = Os.clockGettime(Os.Clock.MONOTONIC).toNanos();
      assertTrue(now >= previous, now + " after " + previous);
      previous = now;
    }
  }

  @Test
  @EnabledOnOs(value = OS.LINUX, disabledReason = "uv_hrtime reads CLOCK_MONOTONIC on Linux only")
  void monotonicClockIsHrtimesClock() throws Exception {
    long before = Uv.hrtime();
    long monotonic = Os.clockGettime(Os.Clock.MONOTONIC).toNanos();
    long after = Uv.hrtime();

    assertTrue(monotonic >= before && monotonic <= after, monotonic + " outside " + before + ".." + after);
  }

  @Test
  void realtimeClockIsNearTheJvmsClock() throws Exception {
    long before = System.currentTimeMillis();
    long realtime = Os.clockGettime(Os.Clock.REALTIME).toNanos() / 1_000_000;
    long after = System.currentTimeMillis();

    assertTrue(realtime >= before - GENEROUS_MILLIS && realtime <= after + GENEROUS_MILLIS,
        realtime + " far from " + before + ".." + after);
  }

  @Test
  void nanosArePastTheSecond() throws Exception {
    for (Os.Clock clock : Os.Clock.values()) {
      int nanos = Os.clockGettime(clock).nanos();

      assertTrue(nanos >= 0 && nanos < 1_000_000_000, clock + " nanos " + nanos);
    }
  }

  @Test
  void gettimeofdayIsNearTheJvmsClock() throws Exception {
    Instant before = Instant.now();
    Instant now = Os.gettimeofday();
    Instant after = Instant.now();

    assertTrue(!now.isBefore(before.minusMillis(GENEROUS_MILLIS)) && !now.isAfter(after.plusMillis(GENEROUS_MILLIS)),
        now + " far from " + before + ".." + after);
  }
}
