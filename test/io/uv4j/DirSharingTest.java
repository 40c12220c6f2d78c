package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One {@link Dir} used at once by several threads through the sync forms and by a loop through
 * the asynchronous ones: each call works or is refused with {@link IllegalStateException}, and
 * the entries read are never duplicated or corrupted.
 */
class DirSharingTest extends LoopTestBase {
  private static final int FILES = 400;
  private static final int ROUNDS = 150;
  private static final int THREADS = 4;
  /** How many reads the loop makes per round, so that its turns do not dominate the round. */
  private static final int LOOP_READS = 10;
  /** Long names make a corrupted or freed name show. */
  private static final String NAME_PADDING = "-" + "x".repeat(150);

  @TempDir Path dir;
  /** What one round saw: every entry read, every refusal, every unexpected failure. */
  private static final class Round {
    final ConcurrentLinkedQueue<String> names = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
    final AtomicInteger closes = new AtomicInteger();
    final AtomicBoolean sawEnd = new AtomicBoolean();

    void read(List<Dirent> batch) {
      if (batch.isEmpty()) sawEnd.set(true);
      for (Dirent entry : batch) names.add(entry.name());
    }

    /** A refusal must say the directory is busy or closed; returns whether it is closed. */
    boolean refused(IllegalStateException e) {
      String message = String.valueOf(e.getMessage());
      if (message.endsWith("is closed")) return true;
      if (!message.contains("is busy with a ")) unexpected.add(e);
      return false;
    }
  }

  @Test
  void threadsAndALoopSharingOneDirReadEachEntryOnceOrAreRefused() throws Exception {
    Set<String> expected = new TreeSet<>();
    for (int i = 0; i < FILES; i++) {
      String name = String.format("entry-%04d", i) + NAME_PADDING;
      Files.createFile(dir.resolve(name));
      expected.add(name);
    }
    Timer watchdog = Watchdog.arm(loop, 120_000);
    for (int round = 0; round < ROUNDS; round++) {
      Round seen = new Round();
      Dir shared = Fs.opendirSync(dir.toString());
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        Random random = new Random(round * 31L + t);
        Thread thread = new Thread(() -> readSync(shared, seen, random, start), "dir-reader-" + t);
        thread.start();
        threads.add(thread);
      }
      readAsync(shared, seen, new Random(round), LOOP_READS);
      start.countDown();
      loop.run();
      for (Thread thread : threads) {
        thread.join(TimeUnit.SECONDS.toMillis(60));
        assertFalse(thread.isAlive(), thread.getName() + " did not finish");
      }

      assertEquals(List.of(), List.copyOf(seen.unexpected));
      assertEquals(1, seen.closes.get(), "exactly one closedir succeeds");
      assertTrue(shared.isClosed());
      List<String> names = new ArrayList<>(seen.names);
      Set<String> distinct = new TreeSet<>(names);
      assertEquals(names.size(), distinct.size(), "an entry was read twice");
      assertTrue(expected.containsAll(distinct), "names that are not in the directory: " + without(distinct, expected));
      if (seen.sawEnd.get()) assertEquals(expected, distinct);
    }
    watchdog.close();
  }

  @Test
  void closedirSyncOnAnotherThreadWhileTheLoopReadsIsRefusedNamingTheRead() throws Exception {
    Files.createFile(dir.resolve("only"));
    Dir shared = Fs.opendirSync(dir.toString());
    List<List<Dirent>> batches = new ArrayList<>();
    loop.fs().readdir(shared, 8, (batch, error) -> batches.add(batch));

    Throwable thrown = OtherThread.thrownBy(() -> Fs.closedirSync(shared));

    IllegalStateException e = assertInstanceOf(IllegalStateException.class, thrown);
    assertEquals("directory '" + dir + "' is busy with a readdir in progress", e.getMessage());
    loop.run();
    assertEquals(List.of(List.of(new Dirent("only", Dirent.Type.FILE))), batches);
    Fs.closedirSync(shared);
    assertTrue(shared.isClosed());
  }

  /** Reads in small batches, now and then closes, until the directory is closed. */
  private static void readSync(Dir shared, Round seen, Random random, CountDownLatch start) {
    try {
      start.await();
      while (true) {
        try {
          if (random.nextInt(200) == 0 || seen.sawEnd.get()) {
            Fs.closedirSync(shared);
            seen.closes.incrementAndGet();
            return;
          }
          seen.read(Fs.readdirSync(shared, 1 + random.nextInt(3)));
        } catch (IllegalStateException e) {
          if (seen.refused(e)) return;
          // let the holder finish rather than compete with it for the processor
          Thread.yield();
        }
      }
    } catch (Throwable t) {
      seen.unexpected.add(t);
    }
  }

  /** The loop's share: {@code reads} readdirs one after another, each retried on the loop's next turn while refused. */
  private void readAsync(Dir shared, Round seen, Random random, int reads) {
    if (reads == 0) return;
    try {
      loop.fs().readdir(shared, 1 + random.nextInt(3), (batch, error) -> {
        if (error != null) seen.unexpected.add(error);
        else seen.read(batch);
        readAsync(shared, seen, random, reads - 1);
      });
    } catch (IllegalStateException e) {
      if (!seen.refused(e)) loop.setImmediate(() -> readAsync(shared, seen, random, reads));
    }
  }

  private static Set<String> without(Set<String> names, Set<String> expected) {
    Set<String> extra = new TreeSet<>(names);
    extra.removeAll(expected);
    return Collections.unmodifiableSet(extra);
  }
}
