package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File-system requests are named to the native side by their slot in the loop's request table:
 * stats that libuv's pool finishes together reach Java as one burst yet are each delivered as a
 * completion of their own, and a slot that a new request has taken cancels nothing for the
 * request that held it before.
 */
class FsRequestSlotTest extends LoopTestBase {
  private static final int STATS = 3 * PoolSize.get();

  @TempDir Path dir;
  private Path file;
  private PoolBlockers poolBlockers;
  private final List<String> log = new ArrayList<>();

  @BeforeEach
  void createFile() throws Exception {
    file = Files.writeString(dir.resolve("file"), "data");
  }

  @AfterEach
  void releasePoolThreads() {
    // a failed test must not leave pool threads waiting for the full timeout
    releasePool();
  }

  /**
   * Occupies the pool behind what is queued already (see {@link PoolBlockers}): everything queued
   * before has finished and waits for the loop, which has not looked yet.
   */
  private void occupyThePoolBehindWhatIsQueued() throws Exception {
    poolBlockers = new PoolBlockers(loop);
    poolBlockers.awaitRunning();
  }

  private void releasePool() {
    if (poolBlockers != null) poolBlockers.release();
  }

  @Test
  void eachStatOfABurstIsFollowedByItsOwnNextTicksAndMicrotasks() throws Exception {
    for (int i = 0; i < STATS; i++) {
      String name = Integer.toString(i);
      loop.fs().stat(file, (stat, error) -> {
        log.add("stat " + name + " " + (error == null ? stat.size() : error.code()));
        loop.queueMicrotask(() -> log.add("microtask " + name));
        loop.nextTick(() -> log.add("tick " + name));
      });
    }
    occupyThePoolBehindWhatIsQueued();
    releasePool();

    loop.run();

    // the pool finishes them in any order; each comes with its own tick and microtask
    assertEquals(3 * STATS, log.size(), log.toString());
    Set<String> delivered = new HashSet<>();
    for (int at = 0; at < log.size(); at += 3) {
      String name = log.get(at).split(" ")[1];
      assertTrue(delivered.add(name), log.toString());
      assertEquals(List.of("stat " + name + " 4", "tick " + name, "microtask " + name), log.subList(at, at + 3));
    }
  }

  @Test
  void aStaleCancelableDoesNotCancelTheRequestThatTookItsSlot() throws Exception {
    Cancelable[] first = new Cancelable[1];
    List<Boolean> staleCancels = new ArrayList<>();
    first[0] = loop.fs().stat(file, (stat, error) -> {
      // the first request's slot is free again, and the next request takes it; the pool is busy,
      // so that request waits in libuv's queue, where a cancel would reach it
      loop.fs().stat(file, (next, nextError) -> log.add(nextError == null ? "ok" : nextError.code()));
      staleCancels.add(first[0].cancel());
      releasePool();
    });
    occupyThePoolBehindWhatIsQueued();

    loop.run();

    assertEquals(List.of(false), staleCancels);
    assertEquals(List.of("ok"), log);
  }

  @Test
  void aStatDeliversEveryFieldTheSyncFormReads() throws Exception {
    Stat expected = Fs.statSync(file.toString());
    Stat[] delivered = new Stat[1];
    loop.fs().stat(file, (stat, error) -> {
      assertNull(error);
      delivered[0] = stat;
    });

    loop.run();

    assertEquals(expected, delivered[0]);
  }
}
