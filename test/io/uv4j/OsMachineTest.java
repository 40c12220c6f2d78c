package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** CPUs, network interfaces, memory, load and uptime. */
class OsMachineTest {
  @Test
  @EnabledOnOs(value = OS.LINUX, disabledReason = "reads /proc")
  void cpuInfoHasOneEntryPerProcessorOfProcCpuinfo() throws Exception {
    long processors =
        Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("processor")).count();

    assertEquals(processors, Os.cpuInfo().size());
  }

  @Test
  void everyCpuHasSpentTimeSinceBoot() throws Exception {
    for (Os.CpuInfo cpu : Os.cpuInfo()) {
      assertTrue(cpu.userMillis() + cpu.sysMillis() + cpu.idleMillis() > 0, cpu.toString());
    }
  }

  @Test
  void availableParallelismIsAtLeastTheJvmsProcessorCount() {
    // the JVM also counts a container's CPU quota, which libuv leaves out
    assertTrue(Os.availableParallelism() >= Runtime.getRuntime().availableProcessors());
  }

  @Test
  @EnabledOnOs(value = OS.LINUX, disabledReason = "compares with nproc, which counts the affinity mask")
  void availableParallelismIsNproc() throws Exception {
    assertEquals(Integer.parseInt(OsFacts.output("nproc")), Os.availableParallelism());
  }

  @Test
  void interfaceAddressesIncludeInternalLoopback() throws Exception {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");

    Os.InterfaceAddress address = Os.interfaceAddresses().stream()
        .filter(a -> a.address().equals(loopback)).findFirst().orElseThrow();

    assertTrue(address.internal());
    assertEquals(InetAddress.getByName("255.0.0.0"), address.netmask());
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "Java and libuv name Windows interfaces differently")
  void interfaceAddressesAreThoseJavaSeesOnTheNamedInterface() throws Exception {
    for (Os.InterfaceAddress address : Os.interfaceAddresses()) {
      NetworkInterface java = NetworkInterface.getByName(address.name());

      List<InetAddress> javas = java.inetAddresses().toList();
      assertTrue(javas.stream().anyMatch(a -> sameAddress(a, address.address())), address + " not in " + javas);
    }
  }

  @Test
  @DisabledOnOs(value = OS.WINDOWS, disabledReason = "Java and libuv name Windows interfaces differently")
  void physicalAddressIsTheOneJavaSees() throws Exception {
    for (Os.InterfaceAddress address : Os.interfaceAddresses()) {
      byte[] java = NetworkInterface.getByName(address.name()).getHardwareAddress();

      assertArrayEquals(java == null ? new byte[6] : java, macBytes(address.physicalAddress()), address.toString());
    }
  }

  @Test
  void memoryFiguresAreConsistent() throws Exception {
    long total = Os.totalMemory();

    assertTrue(Os.freeMemory() > 0 && Os.freeMemory() <= total, "free " + Os.freeMemory() + " of " + total);
    assertTrue(Os.availableMemory() > 0, "available " + Os.availableMemory());
    assertTrue(Os.constrainedMemory() >= 0, "constrained " + Os.constrainedMemory());
    long rss = Os.residentSetMemory();
    assertTrue(rss > 0 && rss < total, "rss " + rss + " of " + total);
  }

  @Test
  @EnabledOnOs(value = OS.LINUX, disabledReason = "reads /proc")
  void totalMemoryIsMemTotal() throws Exception {
    assertEquals(OsFacts.field("/proc/meminfo", "MemTotal") * 1024, Os.totalMemory());
  }

  @Test
  void loadAveragesAreThreeAndNotNegative() {
    double[] loads = Os.loadavg();

    assertEquals(3, loads.length);
    for (double load : loads) assertTrue(load >= 0, "load " + load);
  }

  @Test
  @EnabledOnOs(value = OS.LINUX, disabledReason = "reads /proc")
  void loadAveragesAreThoseOfProcLoadavg() throws Exception {
    String[] before = OsFacts.read("/proc/loadavg").split(" ");
    double[] loads = Os.loadavg();
    String[] after = OsFacts.read("/proc/loadavg").split(" ");

    for (int i = 0; i < 3; i++) {
      // the kernel recomputes them every 5 s and /proc prints them rounded to 0.01
      double low = Math.min(Double.parseDouble(before[i]), Double.parseDouble(after[i])) - 0.01;
      double high = Math.max(Double.parseDouble(before[i]), Double.parseDouble(after[i])) + 0.01;
      assertTrue(loads[i] >= low && loads[i] <= high, loads[i] + " outside " + low + ".." + high);
    }
  }

  @Test
  @EnabledOnOs(value = OS.LINUX, disabledReason = "reads /proc")
  void uptimeIsThatOfProcUptime() throws Exception {
    double before = Double.parseDouble(OsFacts.read("/proc/uptime").split(" ")[0]);
    double uptime = Os.uptime();
    double after = Double.parseDouble(OsFacts.read("/proc/uptime").split(" ")[0]);

    // /proc/uptime cuts it to 0.01 s
    assertTrue(uptime >= before && uptime < after + 0.01, uptime + " outside " + before + ".." + after);
  }

  @Test
  void uptimeIsPositive() throws Exception {
    assertTrue(Os.uptime() > 0);
  }

  private static boolean sameAddress(InetAddress a, InetAddress b) {
    return java.util.Arrays.equals(a.getAddress(), b.getAddress());
  }

  private static byte[] macBytes(String pairs) {
    String[] hex = pairs.split(":");
    byte[] bytes = new byte[hex.length];
    for (int i = 0; i < hex.length; i++) bytes[i] = (byte) Integer.parseInt(hex[i], 16);
    return bytes;
  }
}
