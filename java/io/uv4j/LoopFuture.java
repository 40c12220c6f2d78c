package io.uv4j;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The future {@link Promise#toCompletableFuture()} returns, and every future derived from it.
 * Only the loop thread completes it, so that thread waiting for it would wait for itself: there
 * {@code get} and {@code join} answer a future that is done or whose promise has settled, and
 * refuse to wait for one that has not. Other threads wait as on any future.
 */
final class LoopFuture<T> extends CompletableFuture<T> {
  private final Loop loop;
  private final Thread loopThread;
  /** The promise this future mirrors; null for a future derived from another one. */
  private final Promise<T> source;

  LoopFuture(Loop loop, Thread loopThread, Promise<T> source) {
    this.loop = loop;
    this.loopThread = loopThread;
    this.source = source;
  }

  @Override
  public <U> CompletableFuture<U> newIncompleteFuture() {
    return new LoopFuture<>(loop, loopThread, null);
  }

  @Override
  public T get() throws InterruptedException, ExecutionException {
    checkCanWait("get()");
    return super.get();
  }

  @Override
  public T get(long timeout, TimeUnit unit)
      throws InterruptedException, ExecutionException, TimeoutException {
    checkCanWait("get(timeout)");
    return super.get(timeout, unit);
  }

  @Override
  public T join() {
    checkCanWait("join()");
    return super.join();
  }

  /** On the loop thread, completes from a settled promise or refuses to wait. */
  private void checkCanWait(String method) {
    if (isDone() || Thread.currentThread() != loopThread) return;
    if (source != null && source.completeIfSettled(this)) return;
    throw new IllegalStateException(
        method + " of a future not yet completed, called on the thread of " + loop
            + ", would wait forever: only that thread can complete it; react with"
            + " Promise.then/thenAccept (or the future's thenApply/thenAccept) instead");
  }
}
