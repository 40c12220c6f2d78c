package io.uv4j;

import io.uv4j.internal.Native;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * Facts about the OS, this process and the machine, as libuv gathers them portably ({@code
 * uv_os_*} and friends).
 *
 * <p>Every method is a synchronous libuv call made on the calling thread, which may be any thread;
 * none needs a {@link Loop}. Strings come back byte-exact: the bytes the OS gives decode as UTF-8,
 * and any byte that is not valid UTF-8 as the lone surrogate {@code U+DC00} plus its value (as
 * {@link Fs#pathOf(byte[])} does), so a name read here and passed back names the same thing.
 */
public final class Os {
  /** The lowest scheduling priority ({@code UV_PRIORITY_LOW}; a nice value of 19 on Unix). */
  public static final int PRIORITY_LOW = Native.constant("UV_PRIORITY_LOW");
  /** {@code UV_PRIORITY_BELOW_NORMAL}. */
  public static final int PRIORITY_BELOW_NORMAL = Native.constant("UV_PRIORITY_BELOW_NORMAL");
  /** The default scheduling priority ({@code UV_PRIORITY_NORMAL}, 0). */
  public static final int PRIORITY_NORMAL = Native.constant("UV_PRIORITY_NORMAL");
  /** {@code UV_PRIORITY_ABOVE_NORMAL}. */
  public static final int PRIORITY_ABOVE_NORMAL = Native.constant("UV_PRIORITY_ABOVE_NORMAL");
  /** {@code UV_PRIORITY_HIGH}. */
  public static final int PRIORITY_HIGH = Native.constant("UV_PRIORITY_HIGH");
  /**
   * The highest scheduling priority ({@code UV_PRIORITY_HIGHEST}; a nice value of -20 on Unix).
   * Priorities run from this, the smallest number, to {@link #PRIORITY_LOW}.
   */
  public static final int PRIORITY_HIGHEST = Native.constant("UV_PRIORITY_HIGHEST");

  private Os() {}

  /** The clocks {@link #clockGettime(Clock)} reads ({@code uv_clock_id}). */
  public enum Clock {
    /** A clock that never goes back, from an arbitrary origin ({@code UV_CLOCK_MONOTONIC}). */
    MONOTONIC("UV_CLOCK_MONOTONIC"),
    /** Wall-clock time since the Unix epoch, which may jump ({@code UV_CLOCK_REALTIME}). */
    REALTIME("UV_CLOCK_REALTIME");

    private final int id;

    Clock(String nativeName) {
      this.id = Native.constant(nativeName);
    }
  }

  /**
   * The OS's name and version ({@code uv_utsname_t}).
   *
   * @param sysname the OS's name, such as {@code "Linux"}, {@code "Darwin"} or {@code "Windows_NT"}
   * @param release its release, such as {@code "6.1.0-18-amd64"}
   * @param version its version, such as {@code "#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1"}
   * @param machine the hardware, such as {@code "x86_64"} or {@code "arm64"}
   */
  public record Uname(String sysname, String release, String version, String machine) {}

  /**
   * A user's entry in the password database ({@code uv_passwd_t}).
   *
   * @param username the login name
   * @param uid the user id; -1 on Windows, which has none
   * @param gid the primary group id; -1 on Windows, which has none
   * @param shell the login shell, or {@code null} on Windows
   * @param homedir the home directory
   */
  public record Passwd(String username, long uid, long gid, String shell, String homedir) {}

  /**
   * A group's entry in the group database ({@code uv_group_t}).
   *
   * @param name the group's name
   * @param gid the group id
   * @param members the names of its listed members, in the database's order (users whose primary
   *     group it is are not listed unless the database names them)
   */
  public record Group(String name, long gid, List<String> members) {
    /**
     * Keeps an unmodifiable copy of {@code members}.
     *
     * @param name the group's name
     * @param gid the group id
     * @param members the names of its listed members
     * @throws NullPointerException if {@code members} or one of them is null
     */
    public Group {
      members = List.copyOf(members);
    }
  }

  /**
   * One logical CPU ({@code uv_cpu_info_t}). The times are how long it has spent in each mode
   * since boot, in milliseconds.
   *
   * @param model the CPU's model name
   * @param speedMhz its clock speed in MHz (0 where the OS does not say)
   * @param userMillis time in user mode
   * @param niceMillis time in user mode at a lowered priority (0 on Windows)
   * @param sysMillis time in kernel mode
   * @param idleMillis time idle
   * @param irqMillis time serving interrupts
   */
  public record CpuInfo(
      String model,
      int speedMhz,
      long userMillis,
      long niceMillis,
      long sysMillis,
      long idleMillis,
      long irqMillis) {}

  /**
   * One address of a network interface ({@code uv_interface_address_t}).
   *
   * @param name the interface's name, such as {@code "lo"} or {@code "eth0"}
   * @param address its IPv4 or IPv6 address (an IPv6 link-local one with its scope id)
   * @param netmask the address's netmask, of the same family
   * @param physicalAddress the interface's MAC address as six hex pairs, such as {@code
   *     "02:42:ac:11:00:02"} ({@code "00:00:00:00:00:00"} where it has none, as loopback)
   * @param internal whether the interface is internal to the machine (loopback)
   */
  public record InterfaceAddress(
      String name, InetAddress address, InetAddress netmask, String physicalAddress, boolean internal) {}

  /**
   * Resource usage of this process or one thread ({@code uv_rusage_t}). Which counters the OS
   * keeps varies: those it does not are 0 (on Linux ixrss, idrss, isrss, nswap, msgsnd, msgrcv and
   * nsignals are always 0).
   *
   * @param userTime CPU time spent in user mode
   * @param systemTime CPU time spent in the kernel
   * @param maxResidentSetKib the largest resident set size so far, in KiB
   * @param sharedMemoryKib integral shared memory size
   * @param unsharedDataKib integral unshared data size
   * @param unsharedStackKib integral unshared stack size
   * @param minorFaults page faults served without I/O (page reclaims)
   * @param majorFaults page faults that needed I/O
   * @param swaps times swapped out
   * @param blockInputs block input operations
   * @param blockOutputs block output operations
   * @param messagesSent IPC messages sent
   * @param messagesReceived IPC messages received
   * @param signals signals received
   * @param voluntaryContextSwitches context switches because the process waited
   * @param involuntaryContextSwitches context switches because the scheduler preempted it
   */
  public record ResourceUsage(
      Duration userTime,
      Duration systemTime,
      long maxResidentSetKib,
      long sharedMemoryKib,
      long unsharedDataKib,
      long unsharedStackKib,
      long minorFaults,
      long majorFaults,
      long swaps,
      long blockInputs,
      long blockOutputs,
      long messagesSent,
      long messagesReceived,
      long signals,
      long voluntaryContextSwitches,
      long involuntaryContextSwitches) {
    static ResourceUsage of(long[] v) {
      return new ResourceUsage(
          Duration.ofSeconds(v[0], v[1] * 1000), Duration.ofSeconds(v[2], v[3] * 1000),
          v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13], v[14], v[15], v[16], v[17]);
    }
  }

  /**
   * A clock reading ({@code uv_timespec64_t}).
   *
   * @param seconds whole seconds since the clock's origin
   * @param nanos nanoseconds past them, 0..999,999,999
   */
  public record TimeSpec(long seconds, int nanos) {
    /**
     * The reading in nanoseconds.
     *
     * @return {@code seconds * 1e9 + nanos}
     * @throws ArithmeticException if that overflows a long (past the year 2262 for REALTIME)
     */
    public long toNanos() {
      return Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), nanos);
    }
  }

  // --- names and directories --------------------------------------------------------------

  /**
   * This machine's host name ({@code uv_os_gethostname}).
   *
   * @return the host name
   * @throws UvException if the OS cannot say
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static String hostname() throws UvException {
    return stringFact(Native::osHostname, "uv_os_gethostname");
  }

  /**
   * The OS's name, release, version and hardware ({@code uv_os_uname}).
   *
   * @return the OS's names
   * @throws UvException if the OS cannot say
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static Uname uname() throws UvException {
    Object[] out = new Object[4];
    UvException.check(Native.osUname(out), "uv_os_uname");
    return new Uname(decode(out[0]), decode(out[1]), decode(out[2]), decode(out[3]));
  }

  /**
   * The current user's home directory ({@code uv_os_homedir}): {@code HOME} (on Windows {@code
   * USERPROFILE}) if it is set, else the password database's entry.
   *
   * @return the home directory, without a trailing separator
   * @throws UvException if neither says
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static String homedir() throws UvException {
    return stringFact(Native::osHomedir, "uv_os_homedir");
  }

  /**
   * The directory for temporary files ({@code uv_os_tmpdir}): {@code TMPDIR} (or {@code TMP},
   * {@code TEMP}, {@code TEMPDIR}) if set, else {@code /tmp} on Unix; {@code GetTempPathW} on
   * Windows.
   *
   * @return the temporary directory, without a trailing separator
   * @throws UvException if the OS cannot say
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static String tmpdir() throws UvException {
    return stringFact(Native::osTmpdir, "uv_os_tmpdir");
  }

  /**
   * The full path of this process's executable ({@code uv_exepath}): for a JVM, the {@code java}
   * launcher (or the program that embeds the JVM).
   *
   * @return the executable's path
   * @throws UvException if the OS cannot say
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static String exepath() throws UvException {
    return stringFact(Native::osExepath, "uv_exepath");
  }

  /**
   * This process's working directory ({@code uv_cwd}). Relative paths given to libuv (and to
   * {@link Fs}) resolve against it, not against the {@code user.dir} property.
   *
   * @return the working directory, without a trailing separator (except the root itself)
   * @throws UvException if the OS cannot say, as when the directory was removed
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static String cwd() throws UvException {
    return stringFact(Native::osCwd, "uv_cwd");
  }

  /**
   * Changes this process's working directory ({@code uv_chdir}), for every thread. The JVM's
   * {@code user.dir} property does not follow (nor do {@link java.io.File} and {@link
   * java.nio.file.Path}, which resolve relative paths against {@code user.dir}); libuv's calls,
   * {@link Fs} and child processes started without a directory of their own do.
   *
   * @param dir the new working directory, absolute or relative to the current one
   * @throws NullPointerException if {@code dir} is null
   * @throws IllegalArgumentException if {@code dir} contains a NUL character or a lone surrogate
   *     outside U+DC80..U+DCFF
   * @throws UvException if the OS refuses, with {@code dir} as its path (ENOENT, ENOTDIR, EACCES)
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static void chdir(String dir) throws UvException {
    byte[] bytes = Fs.bytes(dir, "dir");
    UvException.check(Native.osChdir(bytes), "uv_chdir", dir);
  }

  // --- environment ------------------------------------------------------------------------

  /**
   * The value of one of this process's environment variables ({@code uv_os_getenv}). Reads the
   * C environment, which {@link #setenv} changes and {@link System#getenv(String)} does not see.
   *
   * @param name the variable's name
   * @return its value, or {@code null} if it is not set
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is empty or contains {@code '='}, a NUL or a
   *     lone surrogate outside U+DC80..U+DCFF
   * @throws UvException if the OS cannot read it, with {@code name} as its path
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static String getenv(String name) throws UvException {
    byte[] bytes = envName(name);
    Object[] out = new Object[1];
    int rc = Native.osGetenv(bytes, out);
    if (rc == UvError.ENOENT.errno()) return null;
    UvException.check(rc, "uv_os_getenv", name);
    return decode(out[0]);
  }

  /**
   * Sets one of this process's environment variables ({@code uv_os_setenv}), replacing any value
   * it had. Native code sees the change, as does a child started with the C environment (libuv's
   * {@code uv_spawn} given none of its own); {@link System#getenv()} does not, since the JVM copies
   * the environment once, at startup, and so neither do {@link ProcessBuilder}'s children. The C
   * environment is not safe to change while another thread reads it (through {@code getenv} in
   * native code): change it early.
   *
   * @param name the variable's name
   * @param value its new value (may be empty)
   * @throws NullPointerException if {@code name} or {@code value} is null
   * @throws IllegalArgumentException if {@code name} is empty or contains {@code '='}, or either
   *     contains a NUL or a lone surrogate outside U+DC80..U+DCFF
   * @throws UvException if the OS refuses (ENOMEM), with {@code name} as its path
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static void setenv(String name, String value) throws UvException {
    byte[] nameBytes = envName(name);
    byte[] valueBytes = Fs.bytes(value, "value of environment variable " + name);
    UvException.check(Native.osSetenv(nameBytes, valueBytes), "uv_os_setenv", name);
  }

  /**
   * Removes one of this process's environment variables ({@code uv_os_unsetenv}); removing one
   * that is not set does nothing. {@link System#getenv()} does not see the change (see {@link
   * #setenv}).
   *
   * @param name the variable's name
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is empty or contains {@code '='}, a NUL or a
   *     lone surrogate outside U+DC80..U+DCFF
   * @throws UvException if the OS refuses, with {@code name} as its path
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static void unsetenv(String name) throws UvException {
    byte[] bytes = envName(name);
    UvException.check(Native.osUnsetenv(bytes), "uv_os_unsetenv", name);
  }

  /**
   * This process's whole environment as it is now ({@code uv_os_environ}), changes made by {@link
   * #setenv} and {@link #unsetenv} included (unlike {@link System#getenv()}).
   *
   * @return an unmodifiable map of every variable to its value, in the environment's order
   * @throws UvException if the OS cannot read it
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static Map<String, String> environ() throws UvException {
    Object[] out = new Object[1];
    UvException.check(Native.osEnviron(out), "uv_os_environ");
    Object[] pairs = (Object[]) out[0];
    Map<String, String> environment = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      environment.putIfAbsent(decode(pairs[i]), decode(pairs[i + 1]));
    }
    return Collections.unmodifiableMap(environment);
  }

  private static byte[] envName(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty()) throw new IllegalArgumentException("environment variable name is empty");
    if (name.indexOf('=') >= 0) {
      throw new IllegalArgumentException("environment variable name contains '=': " + name);
    }
    return Fs.bytes(name, "environment variable name");
  }

  // --- users and groups -------------------------------------------------------------------

  /**
   * The password database's entry for the user this process runs as ({@code uv_os_get_passwd}).
   *
   * @return the user's entry
   * @throws UvException if there is none (ENOENT) or the database cannot be read
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static Passwd passwd() throws UvException {
    return passwdEntry(true, 0, "uv_os_get_passwd");
  }

  /**
   * The password database's entry for user {@code uid} ({@code uv_os_get_passwd2}).
   *
   * @param uid the user id, 0..4294967295
   * @return that user's entry
   * @throws IllegalArgumentException if {@code uid} is out of range
   * @throws UvException if there is no such user (ENOENT), the database cannot be read, or the
   *     platform has no user ids (ENOTSUP on Windows); with the uid as its path
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static Passwd passwd(long uid) throws UvException {
    checkId(uid, "uid");
    return passwdEntry(false, uid, "uv_os_get_passwd2");
  }

  private static Passwd passwdEntry(boolean current, long uid, String call) throws UvException {
    Object[] strings = new Object[3];
    long[] ids = new long[2];
    UvException.check(Native.osPasswd(current, uid, strings, ids), call, current ? null : Long.toString(uid));
    return new Passwd(decode(strings[0]), signed(ids[0]), signed(ids[1]), decode(strings[1]), decode(strings[2]));
  }

  /**
   * The group database's entry for group {@code gid} ({@code uv_os_get_group}); {@code
   * group(passwd().gid())} is the current user's primary group.
   *
   * @param gid the group id, 0..4294967295
   * @return that group's entry
   * @throws IllegalArgumentException if {@code gid} is out of range
   * @throws UvException if there is no such group (ENOENT), the database cannot be read, or the
   *     platform has no group ids (ENOTSUP on Windows); with the gid as its path
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static Group group(long gid) throws UvException {
    checkId(gid, "gid");
    Object[] out = new Object[2];
    UvException.check(Native.osGroup(gid, out), "uv_os_get_group", Long.toString(gid));
    Object[] names = (Object[]) out[1];
    List<String> members = new ArrayList<>(names.length);
    for (Object member : names) members.add(decode(member));
    return new Group(decode(out[0]), gid, members);
  }

  private static void checkId(long id, String what) {
    if (id < 0 || id > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException(what + " must be 0..4294967295, got " + id);
    }
  }

  /** Windows's "no id" is an all-ones unsigned long, which reads as -1. */
  private static long signed(long id) {
    return id == 0xFFFF_FFFFL ? -1 : id;
  }

  // --- this process -----------------------------------------------------------------------

  /**
   * This process's id ({@code uv_os_getpid}).
   *
   * @return the process id
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static int pid() {
    return Native.osGetpid();
  }

  /**
   * The id of this process's parent ({@code uv_os_getppid}).
   *
   * @return the parent's process id (1, or a subreaper's, once the parent has exited)
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static int ppid() {
    return Native.osGetppid();
  }

  /**
   * The scheduling priority of process {@code pid} ({@code uv_os_getpriority}), from {@link
   * #PRIORITY_HIGHEST} to {@link #PRIORITY_LOW}. On Linux, where each thread has its own nice
   * value, a process id names its main thread (the one whose id it is), and 0 the calling thread.
   *
   * @param pid the process id, or 0 for the calling process (on Linux, the calling thread)
   * @return its priority: on Unix its nice value
   * @throws UvException if there is no such process (ESRCH) or it may not be read (EPERM); with the
   *     pid as its path
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static int priority(int pid) throws UvException {
    int[] out = new int[1];
    UvException.check(Native.osGetPriority(pid, out), "uv_os_getpriority", Integer.toString(pid));
    return out[0];
  }

  /**
   * Sets the scheduling priority of process {@code pid} ({@code uv_os_setpriority}); which
   * threads that covers is as for {@link #priority(int)}. Lowering a priority (a larger number) is
   * allowed for one's own processes; raising it usually needs privileges.
   *
   * @param pid the process id, or 0 for the calling process (on Linux, the calling thread)
   * @param priority from {@link #PRIORITY_HIGHEST} (most favoured) to {@link #PRIORITY_LOW}
   * @throws IllegalArgumentException if {@code priority} is outside that range
   * @throws UvException if there is no such process (ESRCH), or the change is not allowed (EACCES,
   *     EPERM); with the pid as its path
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static void setPriority(int pid, int priority) throws UvException {
    if (priority < PRIORITY_HIGHEST || priority > PRIORITY_LOW) {
      throw new IllegalArgumentException(
          "priority must be " + PRIORITY_HIGHEST + ".." + PRIORITY_LOW + ", got " + priority);
    }
    UvException.check(Native.osSetPriority(pid, priority), "uv_os_setpriority", Integer.toString(pid));
  }

  /**
   * This process's resident set size ({@code uv_resident_set_memory}).
   *
   * @return bytes of physical memory the process occupies now
   * @throws UvException if the OS cannot say
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static long residentSetMemory() throws UvException {
    long[] out = new long[1];
    UvException.check(Native.osResidentSetMemory(out), "uv_resident_set_memory");
    return out[0];
  }

  /**
   * This process's resource usage so far, all its threads together ({@code uv_getrusage}).
   *
   * @return the usage
   * @throws UvException if the OS cannot say
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static ResourceUsage rusage() throws UvException {
    return rusage(false, "uv_getrusage");
  }

  /**
   * The calling thread's resource usage so far ({@code uv_getrusage_thread}).
   *
   * @return the usage
   * @throws UvException if the OS cannot say, or cannot for one thread (ENOTSUP)
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static ResourceUsage threadRusage() throws UvException {
    return rusage(true, "uv_getrusage_thread");
  }

  private static ResourceUsage rusage(boolean thread, String call) throws UvException {
    Object[] out = new Object[1];
    UvException.check(Native.osRusage(thread, out), call);
    return ResourceUsage.of((long[]) out[0]);
  }

  // --- the machine ------------------------------------------------------------------------

  /**
   * Each logical CPU's model, speed and times ({@code uv_cpu_info}).
   *
   * @return one entry per logical CPU the OS reports, in its order
   * @throws UvException if the OS cannot say
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static List<CpuInfo> cpuInfo() throws UvException {
    Object[] out = new Object[2];
    UvException.check(Native.osCpuInfo(out), "uv_cpu_info");
    Object[] models = (Object[]) out[0];
    long[] v = (long[]) out[1];
    int fields = v.length / Math.max(models.length, 1);
    List<CpuInfo> cpus = new ArrayList<>(models.length);
    for (int i = 0; i < models.length; i++) {
      int at = i * fields;
      cpus.add(new CpuInfo(decode(models[i]), (int) v[at], v[at + 1], v[at + 2], v[at + 3], v[at + 4], v[at + 5]));
    }
    return List.copyOf(cpus);
  }

  /**
   * How many threads may usefully run at once ({@code uv_available_parallelism}): how many CPUs
   * this process may run on (its affinity mask, on Linux and Windows). Unlike {@link
   * Runtime#availableProcessors()}, a container's CPU quota does not lower it.
   *
   * @return at least 1
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static int availableParallelism() {
    return Native.osAvailableParallelism();
  }

  /**
   * The IPv4 and IPv6 addresses of the machine's network interfaces that are up ({@code
   * uv_interface_addresses}).
   *
   * @return one entry per address (an interface with several addresses has several), in the OS's
   *     order
   * @throws UvException if the OS cannot say
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static List<InterfaceAddress> interfaceAddresses() throws UvException {
    Object[] out = new Object[2];
    UvException.check(Native.osInterfaceAddresses(out), "uv_interface_addresses");
    Object[] arrays = (Object[]) out[0];
    boolean[] internal = (boolean[]) out[1];
    int fields = arrays.length / Math.max(internal.length, 1);
    List<InterfaceAddress> addresses = new ArrayList<>(internal.length);
    for (int i = 0; i < internal.length; i++) {
      int at = i * fields;
      addresses.add(new InterfaceAddress(
          decode(arrays[at]),
          SocketAddresses.decode((byte[]) arrays[at + 2]).getAddress(),
          SocketAddresses.decode((byte[]) arrays[at + 3]).getAddress(),
          hexPairs((byte[]) arrays[at + 1]),
          internal[i]));
    }
    return List.copyOf(addresses);
  }

  private static String hexPairs(byte[] bytes) {
    StringBuilder text = new StringBuilder(bytes.length * 3);
    for (byte b : bytes) {
      if (text.length() > 0) text.append(':');
      text.append(String.format(Locale.ROOT, "%02x", b & 0xFF));
    }
    return text.toString();
  }

  /**
   * The 1, 5 and 15 minute load averages ({@code uv_loadavg}): the average number of runnable
   * (on Linux, also uninterruptibly waiting) threads.
   *
   * @return a new array of the three averages; all 0 on Windows, which keeps none
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static double[] loadavg() {
    return Native.osLoadavg();
  }

  /**
   * How long the machine has been up ({@code uv_uptime}).
   *
   * @return seconds since boot
   * @throws UvException if the OS cannot say
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static double uptime() throws UvException {
    double[] out = new double[1];
    UvException.check(Native.osUptime(out), "uv_uptime");
    return out[0];
  }

  /**
   * Memory not in use at all ({@code uv_get_free_memory}); memory the OS uses as a cache it can
   * drop is not counted (see {@link #availableMemory()}).
   *
   * @return bytes of free physical memory, or 0 if the OS cannot say
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static long freeMemory() {
    return clampUnsigned(Native.osFreeMemory());
  }

  /**
   * The machine's physical memory ({@code uv_get_total_memory}).
   *
   * @return bytes of physical memory, or 0 if the OS cannot say
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static long totalMemory() {
    return clampUnsigned(Native.osTotalMemory());
  }

  /**
   * Memory this process could still get ({@code uv_get_available_memory}): what the OS could free
   * for it, within any limit set on the process (as a cgroup's).
   *
   * @return bytes of available memory; {@link #freeMemory()} where the OS has no better figure
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static long availableMemory() {
    return clampUnsigned(Native.osAvailableMemory());
  }

  /**
   * The limit the OS sets on this process's memory ({@code uv_get_constrained_memory}), such as a
   * cgroup's {@code memory.max}.
   *
   * @return the limit in bytes, which may exceed {@link #totalMemory()}; {@link Long#MAX_VALUE}
   *     where a limit says "no limit" (as a cgroup's {@code max}); 0 where there is none or the OS
   *     cannot say
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static long constrainedMemory() {
    return clampUnsigned(Native.osConstrainedMemory());
  }

  /** libuv's figures are unsigned 64-bit; one past a long's range reads as the largest long. */
  private static long clampUnsigned(long bytes) {
    return bytes < 0 ? Long.MAX_VALUE : bytes;
  }

  // --- clocks -----------------------------------------------------------------------------

  /**
   * The wall-clock time ({@code uv_gettimeofday}), to the microsecond.
   *
   * @return now, as the OS's clock says
   * @throws UvException if the OS cannot say
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static Instant gettimeofday() throws UvException {
    long[] out = new long[2];
    UvException.check(Native.osGettimeofday(out), "uv_gettimeofday");
    return Instant.ofEpochSecond(out[0], out[1] * 1000);
  }

  /**
   * One of the OS's clocks, to the nanosecond ({@code uv_clock_gettime}).
   *
   * @param clock which clock to read
   * @return the reading: for {@link Clock#REALTIME} since the Unix epoch, for {@link
   *     Clock#MONOTONIC} since an arbitrary origin (only differences mean anything)
   * @throws NullPointerException if {@code clock} is null
   * @throws UvException if the OS cannot read that clock, with its name as the path
   * @throws UnsatisfiedLinkError if the native library cannot be loaded
   */
  public static TimeSpec clockGettime(Clock clock) throws UvException {
    Objects.requireNonNull(clock, "clock");
    long[] out = new long[2];
    UvException.check(Native.osClockGettime(clock.id, out), "uv_clock_gettime", clock.name());
    return new TimeSpec(out[0], (int) out[1]);
  }

  /** The string {@code call}, a native getter storing it at {@code out[0]}, answers. */
  private static String stringFact(ToIntFunction<Object[]> call, String syscall) throws UvException {
    Object[] out = new Object[1];
    UvException.check(call.applyAsInt(out), syscall);
    return decode(out[0]);
  }

  private static String decode(Object bytes) {
    return bytes == null ? null : PathCodec.decode((byte[]) bytes);
  }
}
