package io.uv4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The futures of a loop's promises not settled yet. Once the loop is closed nothing can settle
 * them, so they fail then, and whoever waits on one is released.
 */
final class UnsettledFutures {
  private final Loop loop;
  private final Set<CompletableFuture<?>> futures = Collections.newSetFromMap(new IdentityHashMap<>());

  UnsettledFutures(Loop loop) {
    this.loop = loop;
  }

  /** Remembers the future of a pending promise until it settles; fails it at once if the loop is closed. */
  void add(CompletableFuture<?> future) {
    futures.add(future);
    if (loop.pointer() == 0) failAll();
  }

  /** The promise of a future from add() settled. */
  void settled(CompletableFuture<?> future) {
    futures.remove(future);
  }

  /** Releases whoever waits for a promise the closed loop can no longer settle. */
  void failAll() {
    List<CompletableFuture<?>> unsettled = new ArrayList<>(futures);
    futures.clear();
    for (CompletableFuture<?> future : unsettled) {
      future.completeExceptionally(new IllegalStateException(loop + " is closed and the promise did not settle"));
    }
  }
}
