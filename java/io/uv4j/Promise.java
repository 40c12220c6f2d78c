package io.uv4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * A promise whose reactions run as microtasks on its loop's thread, so that chains order exactly
 * as JavaScript promises do. A promise is created pending by {@link Loop#promise()} (through its
 * {@link Resolver}) or settled by {@link #resolve(Loop, Object)} / {@link #reject(Loop,
 * Throwable)}; it settles once, and later attempts are ignored.
 *
 * <p>A rejected promise that has no reaction by the end of the next drain is reported to the
 * loop's unhandled-rejection handler, and without one treated as an uncaught exception.
 *
 * <p>Every method must be called on the loop's thread and throws {@link IllegalStateException}
 * otherwise; {@link #from(Loop, CompletionStage)} is how other threads hand results in.
 *
 * @param <T> the fulfilment value's type
 */
public final class Promise<T> {
  private enum State {
    PENDING,
    FULFILLED,
    REJECTED
  }

  /**
   * A reaction to a value or a reason. What it throws, checked or not, rejects the promise the
   * reaction returns, as a throw in a JavaScript handler does.
   *
   * @param <A> the type of the value or reason it reacts to
   * @param <R> the type of its result
   */
  @FunctionalInterface
  public interface Handler<A, R> {
    /**
     * Reacts to a settled promise.
     *
     * @param value the fulfilment value, or the rejection's reason for a rejection handler
     * @return what the derived promise is fulfilled with (or, for {@link
     *     Promise#thenCompose(Handler)}, the promise it follows)
     * @throws Exception anything; it rejects the derived promise
     */
    R apply(A value) throws Exception;
  }

  /**
   * A reaction that returns nothing; what it throws rejects the derived promise.
   *
   * @param <A> the type of the value it reacts to
   */
  @FunctionalInterface
  public interface Action<A> {
    /**
     * Reacts to a fulfilled promise.
     *
     * @param value the fulfilment value
     * @throws Exception anything; it rejects the derived promise
     */
    void accept(A value) throws Exception;
  }

  /**
   * Settles one pending promise; only the first call of either method counts.
   *
   * @param <T> the fulfilment value's type
   */
  public static final class Resolver<T> {
    private final Promise<T> promise;

    Resolver(Promise<T> promise) {
      this.promise = promise;
    }

    /**
     * The promise this resolver settles.
     *
     * @return the promise, the same one on every call
     */
    public Promise<T> promise() {
      return promise;
    }

    /**
     * Fulfils the promise with {@code value} (which may be null).
     *
     * @param value the fulfilment value; a {@code Promise} here is a plain value, not adopted (use
     *     {@link #adopt(Promise)} for that)
     * @return whether this call settled it (false if it was already settled or is adopting
     *     another promise)
     * @throws IllegalStateException if the loop is closed, or called from a thread other than the
     *     loop's
     */
    public boolean resolve(T value) {
      promise.loop.checkOpen();
      // as in JavaScript, a promise resolved with another promise is no longer settled directly
      if (promise.adopting) return false;
      return promise.settle(State.FULFILLED, value);
    }

    /**
     * Rejects the promise.
     *
     * @param reason the rejection's reason, passed to rejection handlers as it is
     * @return whether this call settled it (false if it was already settled or is adopting
     *     another promise)
     * @throws NullPointerException if {@code reason} is null
     * @throws IllegalStateException if the loop is closed, or called from a thread other than the
     *     loop's
     */
    public boolean reject(Throwable reason) {
      Objects.requireNonNull(reason, "reason");
      promise.loop.checkOpen();
      if (promise.adopting) return false;
      return promise.settle(State.REJECTED, reason);
    }

    /**
     * Settles the promise as {@code other} settles (JavaScript's {@code resolve(thenable)}: two
     * microtask turns after {@code other} settles).
     *
     * @param other the promise to follow, on the same loop
     * @return whether the promise was still pending (false if already settled or adopting)
     * @throws NullPointerException if {@code other} is null
     * @throws IllegalArgumentException if {@code other} belongs to another loop or is this
     *     promise
     * @throws IllegalStateException if the loop is closed, or called from a thread other than the
     *     loop's
     */
    public boolean adopt(Promise<? extends T> other) {
      Objects.requireNonNull(other, "other");
      promise.loop.checkOpen();
      promise.checkSameLoop(other);
      if (other == promise) throw new IllegalArgumentException("a promise cannot adopt itself");
      if (promise.state != State.PENDING || promise.adopting) return false;
      promise.adoptLater(other);
      return true;
    }
  }

  /**
   * The outcome of one promise, as {@link #allSettled(Loop, List)} reports it.
   *
   * @param <T> the fulfilment value's type
   */
  public static final class Settled<T> {
    private final T value;
    private final Throwable reason;

    private Settled(T value, Throwable reason) {
      this.value = value;
      this.reason = reason;
    }

    /**
     * Whether the promise was fulfilled.
     *
     * @return true if it was fulfilled, false if it was rejected
     */
    public boolean isFulfilled() {
      return reason == null;
    }

    /**
     * The fulfilment value.
     *
     * @return the value the promise was fulfilled with, which may be null
     * @throws IllegalStateException if the promise was rejected
     */
    public T value() {
      if (reason != null) throw new IllegalStateException("rejected: " + reason, reason);
      return value;
    }

    /**
     * The rejection's reason.
     *
     * @return the reason the promise was rejected with, never null
     * @throws IllegalStateException if the promise was fulfilled
     */
    public Throwable reason() {
      if (reason == null) throw new IllegalStateException("fulfilled with " + value);
      return reason;
    }

    @Override
    public String toString() {
      return reason == null ? "fulfilled(" + value + ")" : "rejected(" + reason + ")";
    }
  }

  /** One reaction: a microtask that runs a handler once the source promise has settled. */
  private static final class Reaction implements Runnable {
    private final Promise<?> source;
    private final Handler<Object, Object> onFulfilled;
    private final Handler<Throwable, Object> onRejected;
    private final Promise<Object> derived;
    private final boolean adoptResult;

    @SuppressWarnings("unchecked")
    Reaction(
        Promise<?> source,
        Handler<?, ?> onFulfilled,
        Handler<Throwable, ?> onRejected,
        Promise<?> derived,
        boolean adoptResult) {
      this.source = source;
      this.onFulfilled = (Handler<Object, Object>) onFulfilled;
      this.onRejected = (Handler<Throwable, Object>) onRejected;
      this.derived = (Promise<Object>) derived;
      this.adoptResult = adoptResult;
    }

    @Override
    public void run() {
      boolean fulfilled = source.state == State.FULFILLED;
      Handler<?, Object> handler = fulfilled ? onFulfilled : onRejected;
      if (handler == null) {
        if (derived != null) derived.settle(source.state, source.result);
        return;
      }
      Object result;
      try {
        result = fulfilled ? onFulfilled.apply(source.result) : onRejected.apply((Throwable) source.result);
      } catch (Throwable t) {
        if (derived != null) derived.settle(State.REJECTED, t);
        return;
      }
      if (derived == null) return;
      if (adoptResult) {
        if (result == null) {
          derived.settle(State.REJECTED, new NullPointerException("thenCompose function returned null"));
        } else {
          Promise<?> inner = (Promise<?>) result;
          if (inner == derived) {
            derived.settle(State.REJECTED, new IllegalStateException("a promise cannot adopt itself"));
          } else if (inner.loop != derived.loop) {
            derived.settle(State.REJECTED, new IllegalArgumentException(inner + " belongs to another loop"));
          } else {
            derived.adoptLater(inner);
          }
        }
      } else {
        derived.settle(State.FULFILLED, result);
      }
    }
  }

  final Loop loop;
  private State state = State.PENDING;
  private Object result;
  private boolean adopting;
  private boolean handled;
  private ArrayList<Reaction> reactions;

  private Promise(Loop loop) {
    this.loop = loop;
  }

  /** A new pending promise and its resolver; see {@link Loop#promise()}. */
  static <T> Resolver<T> pending(Loop loop) {
    loop.checkOpen();
    return new Resolver<>(new Promise<>(loop));
  }

  /**
   * A promise fulfilled with {@code value}.
   *
   * @param <T> the fulfilment value's type
   * @param loop the loop whose thread runs the promise's reactions
   * @param value the fulfilment value, which may be null; a promise here is a plain value, not
   *     adopted
   * @return a promise already fulfilled, whose reactions run as microtasks
   * @throws NullPointerException if {@code loop} is null
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  public static <T> Promise<T> resolve(Loop loop, T value) {
    Objects.requireNonNull(loop, "loop");
    loop.checkOpen();
    Promise<T> promise = new Promise<>(loop);
    promise.settle(State.FULFILLED, value);
    return promise;
  }

  /**
   * A promise rejected with {@code reason}. Unless a reaction is attached before the drain ends
   * it is reported as an unhandled rejection.
   *
   * @param <T> the type the promise would have been fulfilled with
   * @param loop the loop whose thread runs the promise's reactions
   * @param reason the rejection's reason
   * @return a promise already rejected
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  public static <T> Promise<T> reject(Loop loop, Throwable reason) {
    Objects.requireNonNull(loop, "loop");
    Objects.requireNonNull(reason, "reason");
    loop.checkOpen();
    Promise<T> promise = new Promise<>(loop);
    promise.settle(State.REJECTED, reason);
    return promise;
  }

  /**
   * A promise settled, on the loop thread, as {@code stage} completes on whatever thread; until
   * then the loop stays alive, as it does for any operation in flight. A {@link
   * CompletionException} is unwrapped to its cause.
   *
   * @param <T> the fulfilment value's type
   * @param loop the loop whose thread settles the promise and runs its reactions
   * @param stage the stage to follow; it may complete on any thread, or may already be complete
   * @return a pending promise that settles on the loop's thread once {@code stage} completes
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  public static <T> Promise<T> from(Loop loop, CompletionStage<? extends T> stage) {
    Objects.requireNonNull(loop, "loop");
    Objects.requireNonNull(stage, "stage");
    Resolver<T> resolver = pending(loop);
    loop.awaitCompletion();
    stage.whenComplete(
        (value, error) ->
            loop.execute(
                () -> {
                  loop.completionArrived();
                  if (error == null) {
                    resolver.resolve(value);
                  } else {
                    Throwable cause = error;
                    if (cause instanceof CompletionException && cause.getCause() != null) {
                      cause = cause.getCause();
                    }
                    resolver.reject(cause);
                  }
                }));
    return resolver.promise();
  }

  // --- reactions ------------------------------------------------------------------------------

  /**
   * A promise fulfilled with {@code onFulfilled}'s result, or rejected with what it throws; a
   * rejection passes through unchanged.
   *
   * @param <R> the derived promise's value type
   * @param onFulfilled called with this promise's value, as a microtask once it is fulfilled
   * @return the derived promise
   * @throws NullPointerException if {@code onFulfilled} is null
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  public <R> Promise<R> then(Handler<? super T, ? extends R> onFulfilled) {
    Objects.requireNonNull(onFulfilled, "onFulfilled");
    return react(onFulfilled, null, false);
  }

  /**
   * A promise settled by whichever handler runs: {@code onFulfilled} with the value, or {@code
   * onRejected} with the reason.
   *
   * @param <R> the derived promise's value type
   * @param onFulfilled called with this promise's value, as a microtask once it is fulfilled
   * @param onRejected called with this promise's reason, as a microtask once it is rejected; what
   *     it returns fulfils the derived promise
   * @return the derived promise
   * @throws NullPointerException if a handler is null
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  public <R> Promise<R> then(
      Handler<? super T, ? extends R> onFulfilled, Handler<Throwable, ? extends R> onRejected) {
    Objects.requireNonNull(onFulfilled, "onFulfilled");
    Objects.requireNonNull(onRejected, "onRejected");
    return react(onFulfilled, onRejected, false);
  }

  /**
   * Like {@link #then(Handler)} for a handler that returns nothing; the result is fulfilled with
   * {@code null}.
   *
   * @param action called with this promise's value, as a microtask once it is fulfilled
   * @return the derived promise, fulfilled with {@code null} once {@code action} returns
   * @throws NullPointerException if {@code action} is null
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  public Promise<Void> thenAccept(Action<? super T> action) {
    Objects.requireNonNull(action, "action");
    Handler<T, Void> accept =
        value -> {
          action.accept(value);
          return null;
        };
    return react(accept, null, false);
  }

  /**
   * A promise that follows the promise {@code fn} returns (JavaScript's {@code then} returning a
   * promise, which it adopts two microtask turns after that promise settles).
   *
   * @param <R> the derived promise's value type
   * @param fn called with this promise's value once it is fulfilled; returns a promise of the same
   *     loop (a null or a foreign promise rejects the derived one)
   * @return the derived promise, settled as the promise {@code fn} returned settles
   * @throws NullPointerException if {@code fn} is null
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  public <R> Promise<R> thenCompose(Handler<? super T, ? extends Promise<? extends R>> fn) {
    Objects.requireNonNull(fn, "fn");
    return react(fn, null, true);
  }

  /**
   * A promise fulfilled with this one's value, or with {@code onRejected}'s result if this one is
   * rejected (JavaScript's {@code catch}).
   *
   * @param onRejected called with this promise's reason, as a microtask once it is rejected
   * @return the derived promise
   * @throws NullPointerException if {@code onRejected} is null
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  public Promise<T> catchError(Handler<Throwable, ? extends T> onRejected) {
    Objects.requireNonNull(onRejected, "onRejected");
    return react(null, onRejected, false);
  }

  /**
   * Runs {@code action} once this promise settles either way, then settles as this one did,
   * unless {@code action} throws, which rejects the result (JavaScript's {@code finally}, with its
   * microtask turns).
   *
   * @param action run once this promise settles; it sees neither the value nor the reason
   * @return the derived promise
   * @throws NullPointerException if {@code action} is null
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  public Promise<T> finallyDo(Runnable action) {
    Objects.requireNonNull(action, "action");
    Handler<T, Promise<T>> afterValue =
        value -> {
          action.run();
          return Promise.<Object>resolve(loop, null).then(ignored -> value);
        };
    Handler<Throwable, Promise<T>> afterReason =
        reason -> {
          action.run();
          return Promise.<Object>resolve(loop, null).then(ignored -> { throw Throwables.sneaky(reason); });
        };
    return react(afterValue, afterReason, true);
  }

  /**
   * A future completed, on the loop thread, as this promise settles. Counts as a handler.
   *
   * <p>Only the loop thread completes the future, so on that thread its {@code get} and {@code
   * join} (and those of futures derived from it, such as {@code thenApply}'s) answer only once it
   * is done or this promise has settled, and otherwise throw {@link IllegalStateException} rather
   * than wait for ever; react with {@link #then(Handler)} instead. Other threads wait as usual.
   * If the loop is closed, or closes, before this promise settles, nothing can settle it any more:
   * the future then completes exceptionally with {@link IllegalStateException}, so that no thread
   * waits for it for ever.
   *
   * @return a new future, completed with this promise's value or exceptionally with its reason
   * @throws IllegalStateException if called from another thread
   */
  public CompletableFuture<T> toCompletableFuture() {
    loop.checkThread();
    CompletableFuture<T> future = new LoopFuture<>(loop, Thread.currentThread(), this);
    subscribe(
        value -> {
          loop.settled(future);
          future.complete(value);
        },
        reason -> {
          loop.settled(future);
          future.completeExceptionally(reason);
        });
    if (!future.isDone()) loop.awaitSettlement(future);
    return future;
  }

  // --- combinators ----------------------------------------------------------------------------

  /**
   * Fulfilled with every value, in order, once all are fulfilled; rejected with the first
   * rejection.
   *
   * @param <T> the type of the promises' values
   * @param loop the loop the promises belong to
   * @param promises the promises to wait for
   * @return a promise of an unmodifiable list holding each value at its promise's index (at once
   *     fulfilled with an empty list if {@code promises} is empty)
   * @throws NullPointerException if an argument or element is null
   * @throws IllegalArgumentException if a promise belongs to another loop
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  public static <T> Promise<List<T>> all(Loop loop, List<? extends Promise<? extends T>> promises) {
    Resolver<List<T>> resolver = combinator(loop, promises);
    int count = promises.size();
    @SuppressWarnings("unchecked")
    T[] values = (T[]) new Object[count];
    int[] remaining = {count};
    for (int i = 0; i < count; i++) {
      int index = i;
      promises.get(i).subscribe(
          value -> {
            values[index] = value;
            if (--remaining[0] == 0) resolver.resolve(Collections.unmodifiableList(Arrays.asList(values)));
          },
          resolver::reject);
    }
    if (count == 0) resolver.resolve(List.of());
    return resolver.promise();
  }

  /**
   * Fulfilled, once every promise has settled, with each one's outcome in order; never rejected.
   *
   * @param <T> the type of the promises' values
   * @param loop the loop the promises belong to
   * @param promises the promises to wait for
   * @return a promise of an unmodifiable list holding each outcome at its promise's index
   * @throws NullPointerException if an argument or element is null
   * @throws IllegalArgumentException if a promise belongs to another loop
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  public static <T> Promise<List<Settled<T>>> allSettled(
      Loop loop, List<? extends Promise<? extends T>> promises) {
    Resolver<List<Settled<T>>> resolver = combinator(loop, promises);
    int count = promises.size();
    @SuppressWarnings({"unchecked", "rawtypes"})
    Settled<T>[] outcomes = new Settled[count];
    int[] remaining = {count};
    for (int i = 0; i < count; i++) {
      int index = i;
      promises.get(i).subscribe(
          value -> {
            outcomes[index] = new Settled<>(value, null);
            if (--remaining[0] == 0) resolver.resolve(List.of(outcomes));
          },
          reason -> {
            outcomes[index] = new Settled<>(null, reason);
            if (--remaining[0] == 0) resolver.resolve(List.of(outcomes));
          });
    }
    if (count == 0) resolver.resolve(List.of());
    return resolver.promise();
  }

  /**
   * Fulfilled with the first value; rejected with an {@link AggregateException} of every reason,
   * in order, if all are rejected (at once for an empty list).
   *
   * @param <T> the type of the promises' values
   * @param loop the loop the promises belong to
   * @param promises the promises to race for a fulfilment
   * @return a promise settled by the first fulfilment, or by the last rejection
   * @throws NullPointerException if an argument or element is null
   * @throws IllegalArgumentException if a promise belongs to another loop
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  public static <T> Promise<T> any(Loop loop, List<? extends Promise<? extends T>> promises) {
    Resolver<T> resolver = combinator(loop, promises);
    int count = promises.size();
    Throwable[] reasons = new Throwable[count];
    int[] remaining = {count};
    for (int i = 0; i < count; i++) {
      int index = i;
      promises.get(i).subscribe(
          resolver::resolve,
          reason -> {
            reasons[index] = reason;
            if (--remaining[0] == 0) resolver.reject(new AggregateException(List.of(reasons)));
          });
    }
    if (count == 0) resolver.reject(new AggregateException(List.of()));
    return resolver.promise();
  }

  /**
   * Settled as the first of {@code promises} to settle; pending forever for an empty list.
   *
   * @param <T> the type of the promises' values
   * @param loop the loop the promises belong to
   * @param promises the promises to race
   * @return a promise settled as the first of them to settle
   * @throws NullPointerException if an argument or element is null
   * @throws IllegalArgumentException if a promise belongs to another loop
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  public static <T> Promise<T> race(Loop loop, List<? extends Promise<? extends T>> promises) {
    Resolver<T> resolver = combinator(loop, promises);
    for (Promise<? extends T> promise : promises) promise.subscribe(resolver::resolve, resolver::reject);
    return resolver.promise();
  }

  // --- state ----------------------------------------------------------------------------------

  /** {@return whether the promise has not settled yet} */
  public boolean isPending() {
    return state == State.PENDING;
  }

  /** {@return whether the promise was fulfilled} */
  public boolean isFulfilled() {
    return state == State.FULFILLED;
  }

  /** {@return whether the promise was rejected} */
  public boolean isRejected() {
    return state == State.REJECTED;
  }

  /**
   * The fulfilment value.
   *
   * @return the value the promise was fulfilled with, which may be null
   * @throws IllegalStateException if the promise is pending or rejected
   */
  @SuppressWarnings("unchecked")
  public T value() {
    if (state != State.FULFILLED) throw new IllegalStateException(this + " is not fulfilled");
    return (T) result;
  }

  /**
   * The rejection's reason.
   *
   * @return the reason the promise was rejected with, never null
   * @throws IllegalStateException if the promise is pending or fulfilled
   */
  public Throwable reason() {
    if (state != State.REJECTED) throw new IllegalStateException(this + " is not rejected");
    return (Throwable) result;
  }

  /** {@return the loop whose microtask queue runs this promise's reactions} */
  public Loop loop() {
    return loop;
  }

  @Override
  public String toString() {
    switch (state) {
      case FULFILLED:
        return "Promise[fulfilled: " + result + "]";
      case REJECTED:
        return "Promise[rejected: " + result + "]";
      default:
        return "Promise[pending]";
    }
  }

  // --- internals ------------------------------------------------------------------------------

  private <R> Promise<R> react(
      Handler<?, ?> onFulfilled, Handler<Throwable, ?> onRejected, boolean adoptResult) {
    loop.checkOpen();
    Promise<R> derived = new Promise<>(loop);
    addReaction(new Reaction(this, onFulfilled, onRejected, derived, adoptResult));
    return derived;
  }

  /** A reaction with no derived promise, one microtask turn after settlement, like {@code then}. */
  void subscribe(Consumer<? super T> onFulfilled, Consumer<Throwable> onRejected) {
    loop.checkThread();
    Handler<T, Object> ful =
        value -> {
          onFulfilled.accept(value);
          return null;
        };
    Handler<Throwable, Object> rej =
        reason -> {
          onRejected.accept(reason);
          return null;
        };
    addReaction(new Reaction(this, ful, rej, null, false));
  }

  private void addReaction(Reaction reaction) {
    handled = true;
    if (state == State.PENDING) {
      if (reactions == null) reactions = new ArrayList<>(2);
      reactions.add(reaction);
    } else {
      loop.enqueueMicrotask(reaction);
    }
  }

  /** JavaScript's NewPromiseResolveThenableJob: one turn to subscribe, one for the reaction. */
  private void adoptLater(Promise<?> inner) {
    adopting = true;
    loop.enqueueMicrotask(
        () -> inner.subscribe(value -> settle(State.FULFILLED, value), reason -> settle(State.REJECTED, reason)));
  }

  private boolean settle(State outcome, Object value) {
    if (state != State.PENDING) return false;
    state = outcome;
    result = value;
    if (outcome == State.REJECTED && !handled) loop.rejectedWithoutHandler(this);
    ArrayList<Reaction> queued = reactions;
    reactions = null;
    if (queued != null) {
      for (Reaction reaction : queued) loop.enqueueMicrotask(reaction);
    }
    return true;
  }

  /** Completes {@code future} with this promise's outcome at once; false if still pending. */
  boolean completeIfSettled(CompletableFuture<T> future) {
    @SuppressWarnings("unchecked")
    T value = (T) result;
    switch (state) {
      case FULFILLED:
        future.complete(value);
        return true;
      case REJECTED:
        future.completeExceptionally((Throwable) result);
        return true;
      default:
        return false;
    }
  }

  /** Called when a drain reports rejections: true if this one is still unhandled. */
  boolean reportUnhandled() {
    return !handled;
  }

  private void checkSameLoop(Promise<?> other) {
    if (other.loop != loop) throw new IllegalArgumentException(other + " belongs to another loop than " + this);
  }

  private static <T> Resolver<T> combinator(Loop loop, List<? extends Promise<?>> promises) {
    Objects.requireNonNull(loop, "loop");
    Objects.requireNonNull(promises, "promises");
    Resolver<T> resolver = pending(loop);
    for (int i = 0; i < promises.size(); i++) {
      Promise<?> promise = promises.get(i);
      if (promise == null) throw new NullPointerException("promises[" + i + "] is null");
      if (promise.loop != loop) {
        throw new IllegalArgumentException("promises[" + i + "] belongs to another loop than " + loop);
      }
    }
    return resolver;
  }
}
