package io.uv4j.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * Every JNI entry point of uv4j, and nothing else.
 *
 * <p>Pointers are {@code long}s owned by the calling Java object, which alone decides when a
 * pointer is valid; these methods trust them. Methods named {@code *New} return a pointer, or a
 * negative libuv error code when creation failed. Methods returning {@code int} return libuv's
 * result (0 or a negative error code). Events come back through {@code io.uv4j.Loop.upcall}.
 */
public final class Native {
  static {
    NativeLibrary.load();
  }

  private static final Map<String, Integer> CONSTANTS = constantTable();

  /** A handle's close callback ran; the native struct is freed once the upcall returns. */
  public static final int EVENT_CLOSED = constant("UV4J_EVENT_CLOSED");
  /** A timer, idle, prepare, check or async callback ran. */
  public static final int EVENT_FIRED = constant("UV4J_EVENT_FIRED");
  /** A stream or UDP read; arg is nread (negative: an error or EOF). */
  public static final int EVENT_READ = constant("UV4J_EVENT_READ");
  /** A listening stream has a connection to accept; arg is the status. */
  public static final int EVENT_CONNECTION = constant("UV4J_EVENT_CONNECTION");
  /** A request completed; arg is its status (or result). */
  public static final int EVENT_DONE = constant("UV4J_EVENT_DONE");
  /** The oldest queued write of a stream completed; arg is its status. */
  public static final int EVENT_WRITTEN = constant("UV4J_EVENT_WRITTEN");
  /** Length of the byte[] a socket address crosses JNI in (see sockaddr.c). */
  public static final int SOCKADDR_LEN = constant("UV4J_SOCKADDR_LEN");
  /** Length of the long[] a stat result crosses JNI in (see fsResultStat). */
  public static final int STAT_LONGS = constant("UV4J_STAT_LONGS");
  /** The request slot the fs ops take to run at once on the calling thread. */
  public static final int FS_SYNC = constant("UV4J_FS_SYNC");
  /** Length of the long[] a statfs result crosses JNI in (see fsResultStatfs). */
  public static final int STATFS_LONGS = constant("UV4J_STATFS_LONGS");
  /** Length of the long[] loopMetricsInfo fills. */
  public static final int LOOP_METRICS_LONGS = constant("UV4J_LOOP_METRICS_LONGS");

  private Native() {}

  /**
   * The value the shim exports under a C name (see misc.c), read once at load.
   *
   * @throws IllegalStateException if the shim exports no constant of that name
   */
  public static int constant(String name) {
    Integer value = CONSTANTS.get(name);
    if (value == null) throw new IllegalStateException("the native library exports no constant " + name);
    return value;
  }

  private static Map<String, Integer> constantTable() {
    String[] names = constantNames();
    int[] values = constantValues();
    Map<String, Integer> table = new HashMap<>();
    for (int i = 0; i < names.length; i++) table.put(names[i], values[i]);
    return Map.copyOf(table);
  }

  /** Loads the native library if it is not loaded yet. */
  public static void ensureLoaded() {}

  // library
  public static native int version();

  public static native String versionString();

  public static native long hrtime();

  public static native String errName(int err);

  public static native String strError(int err);

  public static native String[] errorNames();

  public static native int[] errorNumbers();

  /** The names of the constants the shim shares with Java, in the order of {@link #constantValues()}. */
  public static native String[] constantNames();

  public static native int[] constantValues();

  // loop
  public static native long loopNew();

  /** Runs uv_run; a throwable that escaped an upcall is rethrown from here. */
  public static native int loopRun(long loop, int mode);

  /** Bytes of stack the calling thread has left, or -1 where the platform does not say. */
  public static native long stackRemaining();

  public static native void loopStop(long loop);

  public static native boolean loopAlive(long loop);

  public static native long loopNow(long loop);

  public static native void loopUpdateTime(long loop);

  /** uv_update_time then uv_now. */
  public static native long loopUpdatedNow(long loop);

  /** Runs uv_loop_close and, when it succeeds, frees the loop. */
  public static native int loopClose(long loop);

  public static native int loopBackendFd(long loop);

  /** The descriptors libuv keeps for the loop, -1 for each kind it has none of. */
  public static native int[] loopDescriptors(long loop);

  public static native int loopBackendTimeout(long loop);

  public static native int loopEnableIdleTimeMetrics(long loop);

  public static native long loopIdleTime(long loop);

  /** Fills {@code out} (LOOP_METRICS_LONGS long) with loop_count, events, events_waiting. */
  public static native int loopMetricsInfo(long loop, long[] out);

  /** The peers of every handle of the loop, closing ones included. */
  public static native Object[] loopWalk(long loop);

  /** uv_loop_configure(UV_LOOP_BLOCK_SIGNAL, signum). */
  public static native int loopBlockSignal(long loop, int signum);

  /** uv_loop_configure(UV_LOOP_USE_IO_URING_SQPOLL). */
  public static native int loopUseIoUringSqpoll(long loop);

  /** The signal UV_LOOP_BLOCK_SIGNAL accepts (SIGPROF), or 0 where there is none. */
  public static native int loopBlockableSignal();

  /**
   * What uv_print_active_handles ({@code activeOnly}) or uv_print_all_handles prints, or null
   * with the error in {@code status[0]}.
   */
  public static native String loopPrintHandles(long loop, boolean activeOnly, int[] status);

  // every handle
  public static native void handleClose(long handle);

  public static native void handleRef(long handle);

  public static native void handleUnref(long handle);

  public static native boolean handleHasRef(long handle);

  public static native boolean handleIsActive(long handle);

  /** Stores the handle's OS descriptor in {@code out[0]}. */
  public static native int handleFileno(long handle, long[] out);

  /** uv_send_buffer_size ({@code send}) or uv_recv_buffer_size: value 0 reads, else sets. */
  public static native int handleBufferSize(long handle, boolean send, int value);

  /** uv_handle_type_name: null for a type libuv gives no name. */
  public static native String handleTypeName(int type);

  /** uv_req_type_name: null for a type libuv gives no name. */
  public static native String requestTypeName(int type);

  public static native int handleType(long handle);

  public static native int guessHandle(int fd);

  // stream
  /** Gives the loop the direct buffer that every read without a buffer of its own fills. */
  public static native void loopSetReadSlab(long loop, java.nio.ByteBuffer slab);

  /** The direct buffer the stream's next reads go into; null: the loop's slab. */
  public static native void streamSetReadBuffer(
      long stream, java.nio.ByteBuffer buffer, int offset, int length);

  public static native int streamReadStart(long stream);

  public static native int streamReadStop(long stream);

  /**
   * Writes a direct buffer's bytes: returns {@code length} when all went out at once (no
   * completion follows), a smaller count when the rest was queued (EVENT_WRITTEN on the stream
   * follows, in queue order), or a negative error. {@code sendHandle} (0 for none) is a handle
   * to pass; a write with one is always queued.
   */
  public static native int streamWrite(
      long stream, java.nio.ByteBuffer buffer, int offset, int length, long sendHandle);

  /** As {@link #streamWrite} for a byte[]: the part not written at once is copied. */
  public static native int streamWriteArray(long stream, byte[] array, int offset, int length);

  /** As {@link #streamWrite} for up to 64 direct buffers in one vectored write. */
  public static native int streamWritev(
      long stream, java.nio.ByteBuffer[] buffers, int[] offsets, int[] lengths, int count);

  /** uv_try_write: bytes written (0 when the socket would block) or a negative error. */
  public static native int streamTryWrite(
      long stream, java.nio.ByteBuffer buffer, int offset, int length);

  public static native int streamTryWriteArray(long stream, byte[] array, int offset, int length);

  public static native int streamShutdown(long stream, int slot);

  public static native int streamListen(long stream, int backlog);

  public static native int streamAccept(long server, long client);

  public static native boolean streamIsReadable(long stream);

  public static native boolean streamIsWritable(long stream);

  public static native long streamWriteQueueSize(long stream);

  public static native int streamSetBlocking(long stream, boolean blocking);

  // tcp
  /** family: AF_UNSPEC (no socket yet), AF_INET or AF_INET6. */
  public static native long tcpNew(long loop, Object peer, int family);

  public static native int tcpOpen(long tcp, int socket);

  public static native int tcpBind(long tcp, byte[] address, int flags);

  public static native int tcpConnect(long tcp, int slot, byte[] address);

  public static native int tcpNoDelay(long tcp, boolean enable);

  public static native int tcpKeepAlive(long tcp, boolean enable, int delaySeconds);

  public static native int tcpSimultaneousAccepts(long tcp, boolean enable);

  public static native int tcpSockName(long tcp, byte[] out);

  public static native int tcpPeerName(long tcp, byte[] out);

  /** uv_tcp_close_reset; the close completes as EVENT_CLOSED like handleClose. */
  public static native int tcpCloseReset(long tcp);

  // pipe
  public static native long pipeNew(long loop, Object peer, boolean ipc);

  public static native int pipeOpen(long pipe, int fd);

  public static native int pipeBind(long pipe, byte[] name);

  public static native int pipeConnect(long pipe, int slot, byte[] name);

  /** The bound name, or null with the error in {@code status[0]}. */
  public static native byte[] pipeSockName(long pipe, int[] status);

  /** The peer's name, or null with the error in {@code status[0]}. */
  public static native byte[] pipePeerName(long pipe, int[] status);

  public static native int pipeChmod(long pipe, int flags);

  public static native void pipePendingInstances(long pipe, int count);

  public static native int pipePendingCount(long pipe);

  /** The uv_handle_type of the next pending handle; UV_UNKNOWN_HANDLE when none. */
  public static native int pipePendingType(long pipe);

  /** uv_pipe: {@code out} gets the read end, then the write end. */
  public static native int pipePair(boolean nonBlockingRead, boolean nonBlockingWrite, int[] out);

  /** uv_socketpair of stream or datagram sockets: {@code out} gets both. */
  public static native int socketPair(
      boolean datagram, boolean nonBlockingFirst, boolean nonBlockingSecond, long[] out);

  // udp
  /** family AF_UNSPEC, AF_INET or AF_INET6; recvmmsg adds UV_UDP_RECVMMSG. */
  public static native long udpNew(long loop, Object peer, int family, boolean recvmmsg);

  public static native int udpOpen(long udp, int socket);

  /** The direct buffer the handle's next receives go into; null: the loop's slab. */
  public static native void udpSetReadBuffer(
      long udp, java.nio.ByteBuffer buffer, int offset, int length);

  public static native int udpBind(long udp, byte[] address, int flags);

  /** Connects to address, or disconnects when it is null. */
  public static native int udpConnect(long udp, byte[] address);

  /** Sends a direct buffer's bytes to address (null: the connected peer); EVENT_DONE follows. */
  public static native int udpSend(
      long udp, int slot, java.nio.ByteBuffer buffer, int offset, int length, byte[] address);

  /** As {@link #udpSend} from a copy of a byte[] range. */
  public static native int udpSendArray(
      long udp, int slot, byte[] array, int offset, int length, byte[] address);

  public static native int udpTrySend(
      long udp, java.nio.ByteBuffer buffer, int offset, int length, byte[] address);

  public static native int udpRecvStart(long udp);

  public static native int udpRecvStop(long udp);

  /**
   * During a receive: writes the sender to {@code out} and returns 0, or returns 1 when there
   * is none; {@code info} gets the receive flags, then the datagram's offset in the buffer of
   * its receive. A receive of 0 bytes with UV_UDP_MMSG_FREE in the flags ends a recvmmsg batch.
   */
  public static native int udpLastSender(long udp, byte[] out, int[] info);

  public static native boolean udpUsingRecvmmsg(long udp);

  /** getsockname, or getpeername when {@code peer}. */
  public static native int udpSockName(long udp, byte[] out, boolean peer);

  /** Joins or leaves a group; with {@code source}, a source-specific membership. */
  public static native int udpSetMembership(
      long udp, String group, String iface, String source, boolean join);

  public static native int udpSetMulticastInterface(long udp, String iface);

  /** option: UV4J_UDP_MULTICAST_LOOP, UV4J_UDP_MULTICAST_TTL, UV4J_UDP_BROADCAST or UV4J_UDP_TTL. */
  public static native int udpSetOption(long udp, int option, int value);

  public static native long udpSendQueueSize(long udp);

  // poll
  public static native long pollNew(long loop, Object peer, int fd);

  public static native int pollStart(long poll, int events);

  public static native int pollStop(long poll);

  // udp, stream and tty additions
  public static native long udpSendQueueCount(long udp);

  /**
   * uv_udp_try_send2: {@code count} datagrams, each from one direct buffer's range; {@code
   * addresses} null (the connected peer) or one encoded address per datagram. Returns how many
   * went out, or the error of the first.
   */
  public static native int udpTrySendMany(
      long udp, java.nio.ByteBuffer[] buffers, int[] offsets, int[] lengths, byte[][] addresses, int count);

  /** uv_try_write2 passing {@code sendHandle}: bytes written at once, or a negative error (EAGAIN). */
  public static native int streamTryWrite2(
      long stream, java.nio.ByteBuffer buffer, int offset, int length, long sendHandle);

  /** uv_tty_get_vterm_state: the state (UV_TTY_SUPPORTED or UV_TTY_UNSUPPORTED) or a negative error. */
  public static native int ttyVtermState();

  public static native void ttySetVtermState(int state);

  /** uv_get_osfhandle: the OS handle (a HANDLE on Windows) of a C runtime descriptor. */
  public static native long osHandleOf(int fd);

  /** uv_open_osfhandle: a C runtime descriptor for an OS handle, or -1. */
  public static native int osHandleOpen(long handle);

  // tty
  public static native long ttyNew(long loop, Object peer, int fd);

  public static native int ttySetMode(long tty, int mode);

  public static native int ttyResetMode();

  /** Fills {@code out} with width, height. */
  public static native int ttyWindowSize(long tty, int[] out);

  /** Whether uv_guess_handle sees a terminal. */
  public static native boolean ttyIsTty(int fd);

  // process
  /**
   * uv_spawn. stdioFlags are uv_stdio_flags; stdioData holds a descriptor (UV_INHERIT_FD) or a
   * stream pointer. env and cwd may be null (inherit). Once uv_spawn ran, handle[0] is the
   * process handle (to be closed even if the spawn failed) and handle[1] its pid. The exit comes
   * as EVENT_FIRED with arg = exit status << 32 | terminating signal (32 bits each).
   */
  public static native int processSpawn(
      long loop, Object peer, byte[] file, byte[][] args, byte[][] env, byte[] cwd, int flags,
      int uid, int gid, int[] stdioFlags, long[] stdioData, long[] handle);

  public static native int processKill(long process, int signum);

  /** uv_kill. */
  public static native int kill(int pid, int signum);

  /** uv_disable_stdio_inheritance. */
  public static native void disableStdioInheritance();

  // dns
  /**
   * Starts uv_getaddrinfo for the request under slot; returns 0 or a negative error.
   * family AF_UNSPEC, AF_INET or AF_INET6; socktype 0 (any), SOCK_STREAM or SOCK_DGRAM.
   */
  public static native int dnsGetAddrInfo(
      long loop, int slot, String node, String service, int family, int socktype,
      int protocol, int flags);

  /**
   * While a getaddrinfo completion is delivered (its record names the request): the addresses,
   * SOCKADDR_LEN bytes each.
   */
  public static native byte[] dnsAddrInfoResults(long request);

  /** Starts uv_getnameinfo for the request under slot; returns 0 or a negative error. */
  public static native int dnsGetNameInfo(long loop, int slot, byte[] address, int flags);

  /** While a getnameinfo completion is delivered (its record names the request): {host, service}. */
  public static native String[] dnsNameInfoResults(long request);

  /**
   * uv_getaddrinfo in libuv's synchronous mode, on any thread: the addresses as
   * dnsAddrInfoResults gives them, or null with the error in {@code status[0]}.
   */
  public static native byte[] dnsGetAddrInfoSync(
      String node, String service, int family, int socktype, int protocol, int flags, int[] status);

  /** uv_getnameinfo in libuv's synchronous mode: {host, service}, or null with the error in {@code status[0]}. */
  public static native String[] dnsGetNameInfoSync(byte[] address, int flags, int[] status);

  // fs: each op returns a negative error if it cannot start. Given the slot of a request in the
  // loop's RequestTable it runs on the pool and returns 0: its completion record carries the
  // result and a stat's fields, and names the native request for the fsResult* reads while it is
  // delivered. Given FS_SYNC it runs at once (libuv's sync mode) and returns the native request,
  // which the caller frees with fsFree after reading the results.
  // Each takes the operations of one argument shape (native/fs_ops.h); op is the operation's
  // uv_fs_type, read from C by name ("UV_FS_OPEN"), and an op of another shape is EINVAL.
  public static native long fsPath(
      long loop, int request, int op, byte[] path, int flags, int mode);

  public static native long fsTwoPaths(
      long loop, int request, int op, byte[] path, byte[] newPath, int flags);

  public static native long fsFile(long loop, int request, int op, int file, int mode, long length);

  /** chown and lchown on {@code path}; fchown on {@code file}, with a null path. */
  public static native long fsOwner(
      long loop, int request, int op, byte[] path, int file, int uid, int gid);

  /** utime and lutime on {@code path}; futime on {@code file}, with a null path. Times in seconds. */
  public static native long fsTimes(
      long loop, int request, int op, byte[] path, int file, double atime, double mtime);

  /** Reads or writes up to 64 direct buffers; offset -1: current position. */
  public static native long fsReadWrite(
      long loop, int request, int op, int file, java.nio.ByteBuffer[] buffers,
      int[] positions, int[] lengths, int count, long offset);

  public static native long fsSendfile(
      long loop, int request, int op, int outFile, int inFile, long inOffset, long length);

  /** readdir of up to {@code entries} entries of an opendir result, or closedir. */
  public static native long fsDir(long loop, int request, int op, long dir, int entries);

  public static native void fsFree(long request);

  /** The descriptors of the loop the sync requests use (made on first use), as loopDescriptors. */
  public static native int[] fsSyncLoopDescriptors();

  public static native long fsResult(long request);

  /** STAT_LONGS longs: dev mode nlink uid gid rdev ino size blksize blocks flags gen, then atime
   * mtime ctime birthtime as (seconds, nanoseconds) pairs. */
  public static native void fsResultStat(long request, long[] out);

  /** STATFS_LONGS longs: type bsize blocks bfree bavail files ffree. */
  public static native void fsResultStatfs(long request, long[] out);

  /** The request's path, UTF-8 (mkdtemp and mkstemp put the created name there). */
  public static native byte[] fsResultPath(long request);

  /** readlink's or realpath's answer, UTF-8. */
  public static native byte[] fsResultString(long request);

  /** opendir's directory pointer. */
  public static native long fsResultDir(long request);

  /** scandir's or readdir's entries as {name bytes, byte[]{type}} pairs; null pairs end it early. */
  public static native Object[] fsResultEntries(long request);

  // fs watching
  public static native long fsEventNew(long loop, Object peer);

  public static native int fsEventStart(long handle, byte[] path, int flags);

  public static native int fsEventStop(long handle);

  /** During an event: the file name it is about (may be null), UTF-8. */
  public static native byte[] fsEventFilename(long handle);

  /** The watched path, or null with the error in {@code status[0]}. */
  public static native byte[] fsEventPath(long handle, int[] status);

  public static native long fsPollNew(long loop, Object peer);

  public static native int fsPollStart(long handle, byte[] path, int intervalMs);

  public static native int fsPollStop(long handle);

  /** During a poll callback: previous then current stat, STAT_LONGS longs each. */
  public static native void fsPollStats(long handle, long[] out);

  public static native byte[] fsPollPath(long handle, int[] status);

  // thread pool
  /**
   * uv_queue_work for the request under slot, whose Java side runs on a pool thread
   * (RequestTable.runOnPool); returns 0 or a negative error.
   */
  public static native int workQueue(long loop, int slot);

  /**
   * uv_random into a direct buffer: on the pool for the request under slot (its completion
   * follows), or at once when loop is 0.
   */
  public static native int random(long loop, int slot, java.nio.ByteBuffer buffer, int offset, int length);

  /**
   * Hands the loop its RequestTable (told of completions: RequestTable.completed, and of work to
   * run on a pool thread: RequestTable.runOnPool) and the direct buffer, COMPLETIONS_MAX records
   * of COMPLETION_SIZE bytes, that completions are written to. Returns 0 or a negative error.
   */
  public static native int loopSetRequestTable(long loop, Object table, java.nio.ByteBuffer completions);

  /** uv_cancel of the request started under a slot; UV_EBUSY once it has completed. */
  public static native int requestSlotCancel(long loop, int slot);

  /** Sets UV_THREADPOOL_SIZE where libuv reads it. */
  public static native int threadPoolSizeSet(int size);

  /** UV_THREADPOOL_SIZE as libuv would read it now, or null. */
  public static native String threadPoolSizeVariable();

  // timer
  public static native long timerNew(long loop, Object peer);

  public static native int timerStart(long timer, long timeout, long repeat);

  public static native int timerStop(long timer);

  public static native int timerAgain(long timer);

  public static native void timerSetRepeat(long timer, long repeat);

  public static native long timerGetRepeat(long timer);

  public static native long timerGetDueIn(long timer);

  // signal
  /** The names of the signals this platform has, in the order of {@link #signalNumbers()}. */
  public static native String[] signalNames();

  public static native int[] signalNumbers();

  /** NSIG: one more than the highest signal number. */
  public static native int signalLimit();

  public static native long signalNew(long loop, Object peer);

  /**
   * uv_signal_start. Where the first watcher of a signal replaces the action in place, that
   * action is kept, and put back by signalStop when libuv resets the signal to its default.
   */
  public static native int signalStart(long signal, int signum);

  public static native int signalStop(long signal);

  /** What the process does on a signal now: UV4J_SIGNAL_DEFAULT, _IGNORED or _HANDLED. */
  public static native int signalDisposition(int signum);

  // idle, prepare, check
  public static native long idleNew(long loop, Object peer);

  public static native int idleStart(long idle);

  public static native int idleStop(long idle);

  /** Starts an idle handle whose callback stays in C: it only keeps the poll from blocking. */
  public static native int idleStartQuiet(long idle);

  public static native long prepareNew(long loop, Object peer);

  public static native int prepareStart(long prepare);

  public static native int prepareStop(long prepare);

  public static native long checkNew(long loop, Object peer);

  public static native int checkStart(long check);

  public static native int checkStop(long check);

  // async
  public static native long asyncNew(long loop, Object peer);

  public static native int asyncSend(long async);

  // os: synchronous calls, any thread; strings come back as their bytes in out[0] (see os.c)
  public static native int osHostname(Object[] out);

  public static native int osHomedir(Object[] out);

  public static native int osTmpdir(Object[] out);

  public static native int osExepath(Object[] out);

  public static native int osCwd(Object[] out);

  public static native int osChdir(byte[] dir);

  /** UV_ENOENT when the variable is not set. */
  public static native int osGetenv(byte[] name, Object[] out);

  public static native int osSetenv(byte[] name, byte[] value);

  public static native int osUnsetenv(byte[] name);

  /** out[0]: an Object[] of byte[]s, name then value for each variable. */
  public static native int osEnviron(Object[] out);

  /**
   * The current user's entry ({@code current}) or that of {@code uid}: strings gets username,
   * shell (null where there is none), homedir; ids gets uid, gid.
   */
  public static native int osPasswd(boolean current, long uid, Object[] strings, long[] ids);

  /** out[0]: the group's name; out[1]: an Object[] of its members' names (byte[]s). */
  public static native int osGroup(long gid, Object[] out);

  /** out: sysname, release, version, machine (byte[]s). */
  public static native int osUname(Object[] out);

  public static native int osGetpid();

  public static native int osGetppid();

  public static native int osGetPriority(int pid, int[] out);

  public static native int osSetPriority(int pid, int priority);

  /** out[0]: an Object[] of models (byte[]s); out[1]: long[] speed, user, nice, sys, idle, irq per CPU. */
  public static native int osCpuInfo(Object[] out);

  /**
   * out[0]: an Object[] of name, physical address, address, netmask (byte[]s, the addresses
   * SOCKADDR_LEN long) per address; out[1]: a boolean[], whether each is internal.
   */
  public static native int osInterfaceAddresses(Object[] out);

  /** The 1, 5 and 15 minute load averages. */
  public static native double[] osLoadavg();

  public static native int osUptime(double[] out);

  public static native long osFreeMemory();

  public static native long osTotalMemory();

  public static native long osAvailableMemory();

  public static native long osConstrainedMemory();

  public static native int osResidentSetMemory(long[] out);

  /**
   * out[0]: a long[] of user time (seconds, microseconds), system time (the same), then maxrss,
   * ixrss, idrss, isrss, minflt, majflt, nswap, inblock, oublock, msgsnd, msgrcv, nsignals, nvcsw,
   * nivcsw; of the calling thread ({@code thread}) or of the process.
   */
  public static native int osRusage(boolean thread, Object[] out);

  public static native int osAvailableParallelism();

  /** out: seconds, microseconds since the epoch. */
  public static native int osGettimeofday(long[] out);

  /** out: seconds, nanoseconds. */
  public static native int osClockGettime(int clock, long[] out);
}
