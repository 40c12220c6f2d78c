package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Resource usage of the process and of the calling thread. */
class OsUsageTest {
  @Test
  void processCpuTimeGrowsWithWork() throws Exception {
    Os.ResourceUsage before = Os.rusage();

    work();

    assertTrue(cpu(Os.rusage()).compareTo(cpu(before)) > 0);
  }

  @Test
  void threadCpuTimeGrowsWithWork() throws Exception {
    Os.ResourceUsage before = Os.threadRusage();

    work();

    assertTrue(cpu(Os.threadRusage()).compareTo(cpu(before)) > 0);
  }

  @Test
  void aThreadsCpuTimeIsPartOfTheProcesss() throws Exception {
    work();
    Os.ResourceUsage thread = Os.threadRusage();
    Os.ResourceUsage process = Os.rusage();

    assertTrue(thread.userTime().compareTo(process.userTime()) <= 0, thread + " vs " + process);
    assertTrue(thread.systemTime().compareTo(process.systemTime()) <= 0, thread + " vs " + process);
  }

  @Test
  void pageFaultsGrowWhenNewMemoryIsTouched() throws Exception {
    long before = faults(Os.rusage());

    ByteBuffer touched = ByteBuffer.allocateDirect(64 << 20); // the JDK zeroes every page

    assertTrue(faults(Os.rusage()) > before, "capacity " + touched.capacity());
  }

  @Test
  @EnabledOnOs(value = OS.LINUX, disabledReason = "reads /proc")
  void pageFaultsAreThoseOfProcSelfStat() throws Exception {
    long minorBefore = OsFacts.selfStat(10);
    long majorBefore = OsFacts.selfStat(12);
    Os.ResourceUsage usage = Os.rusage();
    long minorAfter = OsFacts.selfStat(10);
    long majorAfter = OsFacts.selfStat(12);

    assertTrue(usage.minorFaults() >= minorBefore && usage.minorFaults() <= minorAfter, usage.toString());
    assertTrue(usage.majorFaults() >= majorBefore && usage.majorFaults() <= majorAfter, usage.toString());
  }

  /**
   * getrusage and /proc read the same peak by different paths at different moments, and the kernel
   * keeps them only nearly in step: each takes the larger of its mark and the current size, and a
   * page it takes back without an unmap lowers the size without raising the mark, so either can be
   * a few pages below the other. No such drift comes near a wrong unit: pages would be 4 times off,
   * bytes 1024 times.
   */
  @Test
  @EnabledOnOs(value = OS.LINUX, disabledReason = "reads /proc")
  void maxResidentSetIsProcsHighWaterMarkInKib() throws Exception {
    long markBefore = OsFacts.field("/proc/self/status", "VmHWM");
    long maxRss = Os.rusage().maxResidentSetKib();
    long markAfter = OsFacts.field("/proc/self/status", "VmHWM");

    assertTrue(maxRss > markBefore / 2 && maxRss < markAfter * 2,
        maxRss + " KiB, VmHWM " + markBefore + " KiB before and " + markAfter + " KiB after");
  }

  @Test
  @EnabledOnOs(value = OS.LINUX, disabledReason = "reads /proc")
  void threadContextSwitchesAreThoseOfProcThreadSelf() throws Exception {
    String status = "/proc/thread-self/status";
    long voluntaryBefore = OsFacts.field(status, "voluntary_ctxt_switches");
    long involuntaryBefore = OsFacts.field(status, "nonvoluntary_ctxt_switches");
    Os.ResourceUsage usage = Os.threadRusage();
    long voluntaryAfter = OsFacts.field(status, "voluntary_ctxt_switches");
    long involuntaryAfter = OsFacts.field(status, "nonvoluntary_ctxt_switches");

    long voluntary = usage.voluntaryContextSwitches();
    long involuntary = usage.involuntaryContextSwitches();
    assertTrue(voluntary >= voluntaryBefore && voluntary <= voluntaryAfter, usage.toString());
    assertTrue(involuntary >= involuntaryBefore && involuntary <= involuntaryAfter, usage.toString());
  }

  /** Minor and major: Windows counts every fault as major. */
  private static long faults(Os.ResourceUsage usage) {
    return usage.minorFaults() + usage.majorFaults();
  }

  private static Duration cpu(Os.ResourceUsage usage) {
    return usage.userTime().plus(usage.systemTime());
  }

  /** A tenth of a second of CPU or more, well above any OS's accounting tick (Windows's: 15.6 ms). */
  private static void work() throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    byte[] block = new byte[1 << 20];
    for (int i = 0; i < 128; i++) {
      block[0] = (byte) i;
      digest.update(block);
    }
    assertTrue(digest.digest().length > 0);
  }
}
