package io.uv4j;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A thread of a seed that uses the sync file-system forms, which are documented as usable on any
 * thread, while the seed's loops run: on descriptors and directories of its own, and on
 * descriptors and {@link Dir}s that all workers share. The operations of {@link FuzzOps#SYNC_FS}
 * are its methods.
 */
final class SyncFsWorker {
  /** Each worker reads and writes its own region of the shared file, this far apart. */
  private static final int REGION = 1 << 16;

  /** A worker's steps per step of the seed's loops: sync calls are cheap, so they get more. */
  private static final int STEPS_PER_LOOP_STEP = 10;

  /** What the workers of one seed share: a directory of known names, a file, descriptors, Dirs. */
  static final class Shared {
    final FuzzSeed seed;
    final Path directory;
    final Set<String> names = new TreeSet<>();
    final int[] fds = new int[3];
    final AtomicReferenceArray<Dir> dirs = new AtomicReferenceArray<>(3);
    /** Every shared Dir ever opened: one replaced while busy elsewhere is closed at the end. */
    final Queue<Dir> opened = new ConcurrentLinkedQueue<>();
    private final AtomicInteger workers = new AtomicInteger();
    private volatile boolean finished;
    private Path large;
    private Set<String> largeNames;

    Shared(FuzzSeed seed) throws IOException {
      this.seed = seed;
      directory = Files.createDirectory(seed.scratch.resolve("shared"));
      for (int i = 0; i < 1 + seed.random.nextInt(20); i++) {
        String name = "entry-" + i + "-" + "x".repeat(seed.random.nextInt(100));
        names.add(name);
        Files.createFile(directory.resolve(name));
      }
      String data = directory.resolve("data").toString();
      names.add("data");
      for (int i = 0; i < fds.length; i++) fds[i] = Fs.openSync(data, Fs.O_RDWR | Fs.O_CREAT, 0644);
    }

    /** Tells the workers to stop after their current step. */
    void finish() {
      finished = true;
    }

    /** Closes what the workers shared, once they have stopped. */
    void close() {
      for (int fd : fds) seed.call("Fs.closeSync(shared " + fd + ")", () -> Fs.closeSync(fd));
      for (Dir dir : opened) {
        if (!dir.isClosed()) seed.call("Fs.closedirSync(shared)", () -> Fs.closedirSync(dir));
      }
    }

    /** A directory of ~2,000 long names, made on first use. */
    synchronized Path large() throws IOException {
      if (large == null) {
        Path made = Files.createDirectory(directory.resolveSibling("large"));
        Set<String> madeNames = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
          String name = i + "-" + "long-name-".repeat(20);
          madeNames.add(name);
          Files.createFile(made.resolve(name));
        }
        largeNames = madeNames;
        large = made;
      }
      return large;
    }
  }

  final FuzzSeed seed;
  final Shared shared;
  final Random random;
  private final int index;
  private final Path own;
  private final Set<String> ownNames = new TreeSet<>();
  private final List<Integer> fds = new ArrayList<>();

  SyncFsWorker(FuzzSeed seed, Shared shared, long randomSeed) {
    this.seed = seed;
    this.shared = shared;
    this.random = new Random(randomSeed);
    this.index = shared.workers.getAndIncrement();
    this.own = seed.scratch.resolve("worker-" + index);
  }

  void run() throws IOException {
    Files.createDirectory(own);
    // at least the names open() may create, so that listings know every name
    for (int i = 0; i < 3 + random.nextInt(10); i++) {
      String name = "own-" + i;
      ownNames.add(name);
      Files.createFile(own.resolve(name));
    }
    int steps = seed.options.steps() * STEPS_PER_LOOP_STEP;
    for (int step = 0; step < steps && !shared.finished; step++) {
      FuzzOp<SyncFsWorker> op = FuzzOp.pick(seed.syncFsOps, random);
      try {
        op.action().run(this);
      } catch (Throwable t) {
        seed.fail("operation " + op.name() + " threw outside any library call", t);
      }
    }
    for (int fd : fds) seed.call("Fs.closeSync(" + fd + ")", () -> Fs.closeSync(fd));
  }

  private <T> T any(List<T> items) {
    return items.isEmpty() ? null : items.get(random.nextInt(items.size()));
  }

  private static List<String> names(List<Dirent> entries) {
    List<String> names = new ArrayList<>();
    for (Dirent entry : entries) names.add(entry.name());
    return names;
  }

  private void expectNames(String what, Set<String> expected, List<String> got) {
    Set<String> unexpected = new TreeSet<>(got);
    unexpected.removeAll(expected);
    Set<String> missing = new TreeSet<>(expected);
    got.forEach(missing::remove);
    if (!unexpected.isEmpty() || !missing.isEmpty() || got.size() != expected.size()) {
      seed.fail("data integrity: " + what + " listed " + got.size() + " names for " + expected.size()
          + "; unexpected " + quoted(unexpected) + ", missing " + quoted(missing), null);
    }
  }

  private static String quoted(Set<String> names) {
    return names.stream().limit(5).map(name -> '"' + name + '"').toList() + (names.size() > 5 ? " and more" : "");
  }

  // --- descriptors ----------------------------------------------------------------------------

  void open() {
    String path = own.resolve("own-" + random.nextInt(3)).toString();
    seed.call("Fs.openSync(" + path + ")", () -> fds.add(Fs.openSync(path, Fs.O_RDWR | Fs.O_CREAT, 0644)));
  }

  void close() {
    Integer fd = any(fds);
    if (fd == null) return;
    fds.remove(fd);
    seed.call("Fs.closeSync(" + fd + ")", () -> Fs.closeSync(fd));
  }

  /** Writes then reads back at one position of a descriptor of its own. */
  void writeReadOwn() {
    Integer fd = any(fds);
    if (fd != null) writeThenRead("own " + fd, fd, random.nextInt(REGION));
  }

  /** Writes then reads back in its own region of the shared file, through a shared descriptor. */
  void writeReadShared() {
    int fd = shared.fds[random.nextInt(shared.fds.length)];
    writeThenRead("shared " + fd, fd, (long) index * REGION + random.nextInt(REGION / 2));
  }

  private void writeThenRead(String what, int fd, long position) {
    byte[] data = new byte[1 + random.nextInt(REGION / 2)];
    random.nextBytes(data);
    seed.call("Fs.writeSync(" + what + ", " + data.length + " at " + position + ")", () -> {
      int written = Fs.writeSync(fd, ByteBuffer.wrap(data), position);
      ByteBuffer back = random.nextBoolean() ? ByteBuffer.allocateDirect(written) : ByteBuffer.allocate(written);
      int read = Fs.readSync(fd, back, position);
      back.limit(read); // the sync forms leave buffer positions alone
      if (read != written || !back.equals(ByteBuffer.wrap(data, 0, written))) {
        seed.fail("data integrity: " + what + " read back " + read + " bytes that differ from the " + written + " written", null);
      }
    });
  }

  void fstatShared() {
    int fd = shared.fds[random.nextInt(shared.fds.length)];
    seed.call("Fs.fstatSync(shared " + fd + ")", () -> Fs.fstatSync(fd));
  }

  void stat() {
    Path path = random.nextBoolean() ? shared.directory : own.resolve("own-" + random.nextInt(5));
    seed.call("Fs.statSync(" + path + ")", () -> Fs.statSync(path));
  }

  // --- directories ----------------------------------------------------------------------------

  void scandir() {
    boolean mine = random.nextBoolean();
    Path path = mine ? own : shared.directory;
    seed.call("Fs.scandirSync(" + path + ")", () -> expectNames("scandir", mine ? ownNames : shared.names, names(Fs.scandirSync(path))));
  }

  /** Opens, reads to the end and closes a Dir of its own. */
  void readOwnDir() {
    boolean mine = random.nextBoolean();
    Path path = mine ? own : shared.directory;
    int batch = 1 + random.nextInt(8);
    seed.call("Fs.opendirSync/readdirSync(" + batch + ")/closedirSync(" + path + ")", () -> {
      Dir dir = Fs.opendirSync(path);
      try {
        List<String> got = new ArrayList<>();
        List<Dirent> entries;
        while (!(entries = Fs.readdirSync(dir, batch)).isEmpty()) got.addAll(names(entries));
        expectNames("readdir", mine ? ownNames : shared.names, got);
      } finally {
        Fs.closedirSync(dir);
      }
    });
  }

  /** Puts a new Dir in a shared slot, closing the one it replaces (which others may be using). */
  void openSharedDir() {
    int slot = random.nextInt(shared.dirs.length());
    seed.call("Fs.opendirSync(shared slot " + slot + ")", () -> {
      Dir dir = Fs.opendirSync(shared.directory);
      shared.opened.add(dir);
      Dir old = shared.dirs.getAndSet(slot, dir);
      if (old != null) Fs.closedirSync(old);
    });
  }

  void readSharedDir() {
    Dir dir = shared.dirs.get(random.nextInt(shared.dirs.length()));
    if (dir == null) return;
    seed.call("Fs.readdirSync(shared)", () -> {
      for (Dirent entry : Fs.readdirSync(dir, 1 + random.nextInt(4))) {
        if (!shared.names.contains(entry.name())) seed.fail("data integrity: readdir of a shared Dir gave " + entry.name(), null);
      }
    });
  }

  void closeSharedDir() {
    Dir dir = shared.dirs.get(random.nextInt(shared.dirs.length()));
    if (dir != null) seed.call("Fs.closedirSync(shared)", () -> Fs.closedirSync(dir));
  }

  void scandirLarge() throws IOException {
    Path large = shared.large();
    seed.call("Fs.scandirSync(" + large + ")", () -> {
      expectNames("scandir of 2,000 long names", shared.largeNames, names(Fs.scandirSync(large)));
    });
  }
}
