package io.uv4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A promise whose reactions run as microtasks on its loop's thread, so that chains order exactly
 * as JavaScript promises do. A promise is created pending by {@link Loop#promise()} (through its
 * {@link Resolver}) or settled by {@link #resolve(Loop, Object)} / {@link #reject(Loop,
 * Throwable)}; it settles once, and later attempts are ignored.
 *
 * <p>A rejected promise that has no reaction by the end of the next drain is reported as an
 * unhandled rejection: what follows is the loop's {@link RejectionMode} (by default, with no
 * {@link LoopEvent#UNHANDLED_REJECTION} listener, it is an uncaught exception). One that gets a
 * reaction after that is reported once more, as {@link LoopEvent#REJECTION_HANDLED}.
 *
 * <p>A reason is a {@link Throwable}, as a {@link CompletionStage}'s failure is. JavaScript's
 * rejection with any other value is a rejection with a {@link RejectionValue} holding it.
 *
 * <p>Every method must be called on the loop's thread and throws {@link IllegalStateException}
 * otherwise; {@link #from(Loop, CompletionStage)} is how other threads hand results in.
 *
 * <h2>As a {@link CompletionStage}</h2>
 *
 * A promise is a {@code CompletionStage}, so code written for {@link CompletableFuture} takes it,
 * and every stage it derives is again a promise of the same loop. What differs from {@code
 * CompletableFuture}:
 *
 * <ul>
 *   <li>Every function runs as a microtask on the loop thread, one turn after the promise settles,
 *       as a JavaScript {@code then} handler does: {@code thenApply}, {@code thenAccept}, {@code
 *       thenRun}, {@code handle}, {@code whenComplete} and {@code exceptionally} order exactly as
 *       {@link #then(Handler, Handler)}. The functions of {@code thenCombine}, {@code
 *       thenAcceptBoth} and {@code runAfterBoth} run as {@code Promise.all([this, other]).then(f)}
 *       would, those of {@code applyToEither}, {@code acceptEither} and {@code runAfterEither} as
 *       {@code Promise.race([this, other]).then(f)}.
 *   <li>{@code thenCompose} and {@code exceptionallyCompose} adopt a promise of this loop that
 *       the function returns as JavaScript adopts a returned promise (two microtask turns after
 *       it settles). Any other stage (a {@code CompletableFuture}) is followed as {@link
 *       #from(Loop, CompletionStage)} follows it: its completion settles the derived promise
 *       through {@link Loop#execute(Runnable)}, in a callback of its own after the current drain,
 *       whichever thread completes it.
 *   <li>The {@code ...Async} forms without an executor are the same as the plain forms: this
 *       promise's default asynchronous facility is its loop's microtask queue, not {@link
 *       java.util.concurrent.ForkJoinPool#commonPool()}.
 *   <li>The {@code ...Async} forms with an executor run the function on that executor and settle
 *       the derived promise back on the loop thread, through {@link Loop#execute(Runnable)}, as a
 *       callback of its own; until then the loop stays alive. An executor that refuses the task
 *       rejects the derived promise with what it threw. If the loop has closed by the time the
 *       function returns, its outcome is dropped: the derived promise stays pending, and any
 *       future {@link #toCompletableFuture()} made of it was already failed by {@link
 *       Loop#close()}.
 *   <li>A reason reaches a function as it is, never wrapped in {@link CompletionException}, and a
 *       stage that failed with a {@code CompletionException} rejects with its cause.
 *   <li>Another stage given to {@code thenCombine}, {@code applyToEither} and the like is followed
 *       as {@link #from(Loop, CompletionStage)} follows it; a promise of another loop is refused
 *       with {@link IllegalArgumentException}.
 * </ul>
 *
 * <p>The functions of these methods cannot throw checked exceptions; {@link #then(Handler)},
 * {@link #then(Handler, Handler)}, {@link #catchError(Handler)} and {@link #onRejected(Action)}
 * take ones that can, and what they throw rejects the derived promise.
 *
 * @param <T> the fulfilment value's type
 */
public final class Promise<T> implements CompletionStage<T> {
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
     * @return what the derived promise is fulfilled with
     * @throws Exception anything; it rejects the derived promise
     */
    R apply(A value) throws Exception;
  }

  /**
   * A reaction that returns nothing; what it throws rejects the derived promise.
   *
   * @param <A> the type of the value or reason it reacts to
   */
  @FunctionalInterface
  public interface Action<A> {
    /**
     * Reacts to a settled promise.
     *
     * @param value the fulfilment value, or the rejection's reason for a rejection action
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

    /** Fulfils the promise with {@code value} when {@code error} is null, else rejects it with {@code error}. */
    void settle(T value, Throwable error) {
      if (error == null) resolve(value);
      else reject(error);
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
    private final Handler<Object, Object> onRejected;
    private final Promise<Object> derived;
    private final boolean followResult;
    private final Executor executor;

    @SuppressWarnings("unchecked")
    Reaction(
        Promise<?> source,
        Handler<?, ?> onFulfilled,
        Handler<? super Throwable, ?> onRejected,
        Promise<?> derived,
        boolean followResult,
        Executor executor) {
      this.source = source;
      this.onFulfilled = (Handler<Object, Object>) onFulfilled;
      this.onRejected = (Handler<Object, Object>) onRejected;
      this.derived = (Promise<Object>) derived;
      this.followResult = followResult;
      this.executor = executor;
    }

    @Override
    public void run() {
      Handler<Object, Object> handler = source.state == State.FULFILLED ? onFulfilled : onRejected;
      if (handler == null) {
        if (derived != null) derived.settle(source.state, source.result);
        return;
      }
      if (executor != null) {
        derived.runOn(executor, handler, source.result, followResult);
        return;
      }
      Object result;
      try {
        result = handler.apply(source.result);
      } catch (Throwable t) {
        if (derived != null) derived.settle(State.REJECTED, t);
        return;
      }
      if (derived != null) derived.take(result, followResult);
    }
  }

  final Loop loop;
  private State state = State.PENDING;
  private Object result;
  private boolean adopting;
  private boolean handled;
  /** Reported as an unhandled rejection, so a handler added later is told as rejectionHandled. */
  boolean reportedUnhandled;
  /** The id a rejection without a handler takes, quoted by the warnings about it; 0 for none. */
  int rejectionId;
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
   * <p>The completion reaches the loop thread through {@link Loop#execute(Runnable)}, as a
   * callback of its own, even when the stage completes on the loop thread or is already complete,
   * so the promise is still pending when this method returns. A promise of this loop is adopted
   * instead (two microtask turns after it settles, as in JavaScript); a promise of another loop is
   * refused, since only its own loop's thread may react to it.
   *
   * @param <T> the fulfilment value's type
   * @param loop the loop whose thread settles the promise and runs its reactions
   * @param stage the stage to follow; it may complete on any thread, or may already be complete
   * @return a pending promise that settles on the loop's thread once {@code stage} completes
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code stage} is a promise of another loop
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  public static <T> Promise<T> from(Loop loop, CompletionStage<? extends T> stage) {
    Objects.requireNonNull(loop, "loop");
    Objects.requireNonNull(stage, "stage");
    Promise<T> promise = Promise.<T>pending(loop).promise();
    if (stage instanceof Promise) {
      Promise<?> other = (Promise<?>) stage;
      promise.checkSameLoop(other);
      promise.adoptLater(other);
    } else {
      promise.followStage(stage);
    }
    return promise;
  }

  // --- reactions that may throw checked exceptions ---------------------------------------------

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
    return react(onFulfilled, null, false, null);
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
    return react(onFulfilled, onRejected, false, null);
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
    return react(null, onRejected, false, null);
  }

  /**
   * A promise fulfilled with this one's value, or with {@code null} once {@code action} has run
   * for this one's rejection: JavaScript's {@code catch} with a handler that returns nothing, such
   * as {@code p.catch(e => console.error(e))}. It handles the rejection, so the rejection is not
   * reported as unhandled. (It is not an overload of {@link #catchError(Handler)}: a lambda such
   * as {@code e -> log(e)} would fit both.)
   *
   * @param action called with this promise's reason, as a microtask once it is rejected; what it
   *     throws rejects the derived promise
   * @return the derived promise: this one's value, or {@code null} after a rejection
   * @throws NullPointerException if {@code action} is null
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  public Promise<T> onRejected(Action<Throwable> action) {
    Objects.requireNonNull(action, "action");
    Handler<Throwable, T> recover =
        reason -> {
          action.accept(reason);
          return null;
        };
    return react(null, recover, false, null);
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
    return react(afterValue, afterReason, true, null);
  }

  // --- CompletionStage ------------------------------------------------------------------------

  /**
   * A promise fulfilled with {@code fn}'s result, or rejected with what it throws; a rejection
   * passes through unchanged. {@code fn} runs as {@link #then(Handler)}'s handler would.
   *
   * @param <U> the derived promise's value type
   * @param fn called with this promise's value once it is fulfilled
   * @return the derived promise
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  @Override
  public <U> Promise<U> thenApply(Function<? super T, ? extends U> fn) {
    return applying(fn, null);
  }

  /**
   * The same as {@link #thenApply(Function)}: this promise's asynchronous facility is its
   * loop's microtask queue, not the common pool.
   *
   * @param <U> the derived promise's value type
   * @param fn called with this promise's value once it is fulfilled
   * @return the derived promise
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  @Override
  public <U> Promise<U> thenApplyAsync(Function<? super T, ? extends U> fn) {
    return thenApply(fn);
  }

  /**
   * Like {@link #thenApply(Function)}, but the function runs on {@code executor}; its
   * outcome settles the derived promise back on the loop thread, through {@link
   * Loop#execute(Runnable)}. An executor that refuses the task rejects the derived promise with
   * what it threw; an outcome that arrives after the loop has closed is dropped.
   *
   * @param <U> the derived promise's value type
   * @param fn called with this promise's value once it is fulfilled
   * @param executor where the function runs
   * @return the derived promise
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  @Override
  public <U> Promise<U> thenApplyAsync(Function<? super T, ? extends U> fn, Executor executor) {
    return applying(fn, checked(executor));
  }

  /**
   * A promise fulfilled with {@code null} once {@code action} has run with this promise's value;
   * a rejection passes through unchanged.
   *
   * @param action called with this promise's value once it is fulfilled
   * @return the derived promise
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  @Override
  public Promise<Void> thenAccept(Consumer<? super T> action) {
    return accepting(action, null);
  }

  /**
   * The same as {@link #thenAccept(Consumer)}: this promise's asynchronous facility is its
   * loop's microtask queue, not the common pool.
   *
   * @param action called with this promise's value once it is fulfilled
   * @return the derived promise
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  @Override
  public Promise<Void> thenAcceptAsync(Consumer<? super T> action) {
    return thenAccept(action);
  }

  /**
   * Like {@link #thenAccept(Consumer)}, but the function runs on {@code executor}; its
   * outcome settles the derived promise back on the loop thread, through {@link
   * Loop#execute(Runnable)}. An executor that refuses the task rejects the derived promise with
   * what it threw; an outcome that arrives after the loop has closed is dropped.
   *
   * @param action called with this promise's value once it is fulfilled
   * @param executor where the function runs
   * @return the derived promise
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  @Override
  public Promise<Void> thenAcceptAsync(Consumer<? super T> action, Executor executor) {
    return accepting(action, checked(executor));
  }

  /**
   * A promise fulfilled with {@code null} once {@code action} has run after this promise was
   * fulfilled; a rejection passes through unchanged.
   *
   * @param action run once this promise is fulfilled
   * @return the derived promise
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  @Override
  public Promise<Void> thenRun(Runnable action) {
    return running(action, null);
  }

  /**
   * The same as {@link #thenRun(Runnable)}: this promise's asynchronous facility is its
   * loop's microtask queue, not the common pool.
   *
   * @param action run once this promise is fulfilled
   * @return the derived promise
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  @Override
  public Promise<Void> thenRunAsync(Runnable action) {
    return thenRun(action);
  }

  /**
   * Like {@link #thenRun(Runnable)}, but the function runs on {@code executor}; its
   * outcome settles the derived promise back on the loop thread, through {@link
   * Loop#execute(Runnable)}. An executor that refuses the task rejects the derived promise with
   * what it threw; an outcome that arrives after the loop has closed is dropped.
   *
   * @param action run once this promise is fulfilled
   * @param executor where the function runs
   * @return the derived promise
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  @Override
  public Promise<Void> thenRunAsync(Runnable action, Executor executor) {
    return running(action, checked(executor));
  }

  /**
   * A promise fulfilled with {@code fn}'s result for this promise's value and {@code other}'s, or
   * rejected with the first rejection of either; ordered as {@code Promise.all([this,
   * other]).then(...)}.
   *
   * @param <U> the other stage's value type
   * @param <V> the derived promise's value type
   * @param other the other stage: a promise of this loop, or any stage, followed as {@link #from(Loop,
   *     CompletionStage)} follows it
   * @param fn called with both values once both are fulfilled
   * @return the derived promise
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code other} is a promise of another loop
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  @Override
  public <U, V> Promise<V> thenCombine(CompletionStage<? extends U> other, BiFunction<? super T, ? super U, ? extends V> fn) {
    return combining(other, fn, null);
  }

  /**
   * The same as {@link #thenCombine(CompletionStage, BiFunction)}: this promise's asynchronous facility is its
   * loop's microtask queue, not the common pool.
   *
   * @param <U> the other stage's value type
   * @param <V> the derived promise's value type
   * @param other the other stage: a promise of this loop, or any stage, followed as {@link #from(Loop,
   *     CompletionStage)} follows it
   * @param fn called with both values once both are fulfilled
   * @return the derived promise
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code other} is a promise of another loop
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  @Override
  public <U, V> Promise<V> thenCombineAsync(CompletionStage<? extends U> other, BiFunction<? super T, ? super U, ? extends V> fn) {
    return thenCombine(other, fn);
  }

  /**
   * Like {@link #thenCombine(CompletionStage, BiFunction)}, but the function runs on {@code executor}; its
   * outcome settles the derived promise back on the loop thread, through {@link
   * Loop#execute(Runnable)}. An executor that refuses the task rejects the derived promise with
   * what it threw; an outcome that arrives after the loop has closed is dropped.
   *
   * @param <U> the other stage's value type
   * @param <V> the derived promise's value type
   * @param other the other stage: a promise of this loop, or any stage, followed as {@link #from(Loop,
   *     CompletionStage)} follows it
   * @param fn called with both values once both are fulfilled
   * @param executor where the function runs
   * @return the derived promise
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code other} is a promise of another loop
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  @Override
  public <U, V> Promise<V> thenCombineAsync(CompletionStage<? extends U> other, BiFunction<? super T, ? super U, ? extends V> fn, Executor executor) {
    return combining(other, fn, checked(executor));
  }

  /**
   * A promise fulfilled with {@code null} once {@code action} has run with this promise's value
   * and {@code other}'s; rejected with the first rejection of either.
   *
   * @param <U> the other stage's value type
   * @param other the other stage, followed as {@link #from(Loop, CompletionStage)} follows it
   * @param action called with both values once both are fulfilled
   * @return the derived promise
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code other} is a promise of another loop
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  @Override
  public <U> Promise<Void> thenAcceptBoth(CompletionStage<? extends U> other, BiConsumer<? super T, ? super U> action) {
    return combining(other, acceptingBoth(action), null);
  }

  /**
   * The same as {@link #thenAcceptBoth(CompletionStage, BiConsumer)}: this promise's asynchronous facility is its
   * loop's microtask queue, not the common pool.
   *
   * @param <U> the other stage's value type
   * @param other the other stage, followed as {@link #from(Loop, CompletionStage)} follows it
   * @param action called with both values once both are fulfilled
   * @return the derived promise
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code other} is a promise of another loop
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  @Override
  public <U> Promise<Void> thenAcceptBothAsync(CompletionStage<? extends U> other, BiConsumer<? super T, ? super U> action) {
    return thenAcceptBoth(other, action);
  }

  /**
   * Like {@link #thenAcceptBoth(CompletionStage, BiConsumer)}, but the function runs on {@code executor}; its
   * outcome settles the derived promise back on the loop thread, through {@link
   * Loop#execute(Runnable)}. An executor that refuses the task rejects the derived promise with
   * what it threw; an outcome that arrives after the loop has closed is dropped.
   *
   * @param <U> the other stage's value type
   * @param other the other stage, followed as {@link #from(Loop, CompletionStage)} follows it
   * @param action called with both values once both are fulfilled
   * @param executor where the function runs
   * @return the derived promise
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code other} is a promise of another loop
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  @Override
  public <U> Promise<Void> thenAcceptBothAsync(CompletionStage<? extends U> other, BiConsumer<? super T, ? super U> action, Executor executor) {
    return combining(other, acceptingBoth(action), checked(executor));
  }

  /**
   * A promise fulfilled with {@code null} once {@code action} has run after this promise and
   * {@code other} were both fulfilled; rejected with the first rejection of either.
   *
   * @param other the other stage, followed as {@link #from(Loop, CompletionStage)} follows it
   * @param action run once both are fulfilled
   * @return the derived promise
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code other} is a promise of another loop
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  @Override
  public Promise<Void> runAfterBoth(CompletionStage<?> other, Runnable action) {
    return combining(other, runningAfterBoth(action), null);
  }

  /**
   * The same as {@link #runAfterBoth(CompletionStage, Runnable)}: this promise's asynchronous facility is its
   * loop's microtask queue, not the common pool.
   *
   * @param other the other stage, followed as {@link #from(Loop, CompletionStage)} follows it
   * @param action run once both are fulfilled
   * @return the derived promise
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code other} is a promise of another loop
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  @Override
  public Promise<Void> runAfterBothAsync(CompletionStage<?> other, Runnable action) {
    return runAfterBoth(other, action);
  }

  /**
   * Like {@link #runAfterBoth(CompletionStage, Runnable)}, but the function runs on {@code executor}; its
   * outcome settles the derived promise back on the loop thread, through {@link
   * Loop#execute(Runnable)}. An executor that refuses the task rejects the derived promise with
   * what it threw; an outcome that arrives after the loop has closed is dropped.
   *
   * @param other the other stage, followed as {@link #from(Loop, CompletionStage)} follows it
   * @param action run once both are fulfilled
   * @param executor where the function runs
   * @return the derived promise
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code other} is a promise of another loop
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  @Override
  public Promise<Void> runAfterBothAsync(CompletionStage<?> other, Runnable action, Executor executor) {
    return combining(other, runningAfterBoth(action), checked(executor));
  }

  /**
   * A promise fulfilled with {@code fn}'s result for the value of whichever of this promise and
   * {@code other} settles first, or rejected if that one is rejected; ordered as {@code
   * Promise.race([this, other]).then(...)}.
   *
   * @param <U> the derived promise's value type
   * @param other the other stage, followed as {@link #from(Loop, CompletionStage)} follows it
   * @param fn called with the value of whichever settles first, if that one is fulfilled
   * @return the derived promise
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code other} is a promise of another loop
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  @Override
  public <U> Promise<U> applyToEither(CompletionStage<? extends T> other, Function<? super T, U> fn) {
    return eitherApplying(other, fn, null);
  }

  /**
   * The same as {@link #applyToEither(CompletionStage, Function)}: this promise's asynchronous facility is its
   * loop's microtask queue, not the common pool.
   *
   * @param <U> the derived promise's value type
   * @param other the other stage, followed as {@link #from(Loop, CompletionStage)} follows it
   * @param fn called with the value of whichever settles first, if that one is fulfilled
   * @return the derived promise
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code other} is a promise of another loop
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  @Override
  public <U> Promise<U> applyToEitherAsync(CompletionStage<? extends T> other, Function<? super T, U> fn) {
    return applyToEither(other, fn);
  }

  /**
   * Like {@link #applyToEither(CompletionStage, Function)}, but the function runs on {@code executor}; its
   * outcome settles the derived promise back on the loop thread, through {@link
   * Loop#execute(Runnable)}. An executor that refuses the task rejects the derived promise with
   * what it threw; an outcome that arrives after the loop has closed is dropped.
   *
   * @param <U> the derived promise's value type
   * @param other the other stage, followed as {@link #from(Loop, CompletionStage)} follows it
   * @param fn called with the value of whichever settles first, if that one is fulfilled
   * @param executor where the function runs
   * @return the derived promise
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code other} is a promise of another loop
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  @Override
  public <U> Promise<U> applyToEitherAsync(CompletionStage<? extends T> other, Function<? super T, U> fn, Executor executor) {
    return eitherApplying(other, fn, checked(executor));
  }

  /**
   * A promise fulfilled with {@code null} once {@code action} has run with the value of whichever
   * of this promise and {@code other} settles first, or rejected if that one is rejected.
   *
   * @param other the other stage, followed as {@link #from(Loop, CompletionStage)} follows it
   * @param action called with the value of whichever settles first, if that one is fulfilled
   * @return the derived promise
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code other} is a promise of another loop
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  @Override
  public Promise<Void> acceptEither(CompletionStage<? extends T> other, Consumer<? super T> action) {
    return eitherApplying(other, acceptingValue(action), null);
  }

  /**
   * The same as {@link #acceptEither(CompletionStage, Consumer)}: this promise's asynchronous facility is its
   * loop's microtask queue, not the common pool.
   *
   * @param other the other stage, followed as {@link #from(Loop, CompletionStage)} follows it
   * @param action called with the value of whichever settles first, if that one is fulfilled
   * @return the derived promise
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code other} is a promise of another loop
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  @Override
  public Promise<Void> acceptEitherAsync(CompletionStage<? extends T> other, Consumer<? super T> action) {
    return acceptEither(other, action);
  }

  /**
   * Like {@link #acceptEither(CompletionStage, Consumer)}, but the function runs on {@code executor}; its
   * outcome settles the derived promise back on the loop thread, through {@link
   * Loop#execute(Runnable)}. An executor that refuses the task rejects the derived promise with
   * what it threw; an outcome that arrives after the loop has closed is dropped.
   *
   * @param other the other stage, followed as {@link #from(Loop, CompletionStage)} follows it
   * @param action called with the value of whichever settles first, if that one is fulfilled
   * @param executor where the function runs
   * @return the derived promise
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code other} is a promise of another loop
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  @Override
  public Promise<Void> acceptEitherAsync(CompletionStage<? extends T> other, Consumer<? super T> action, Executor executor) {
    return eitherApplying(other, acceptingValue(action), checked(executor));
  }

  /**
   * A promise fulfilled with {@code null} once {@code action} has run after whichever of this
   * promise and {@code other} settles first was fulfilled, or rejected if that one is rejected.
   *
   * @param other the other stage, followed as {@link #from(Loop, CompletionStage)} follows it
   * @param action run once whichever settles first is fulfilled
   * @return the derived promise
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code other} is a promise of another loop
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  @Override
  public Promise<Void> runAfterEither(CompletionStage<?> other, Runnable action) {
    return eitherRunning(other, action, null);
  }

  /**
   * The same as {@link #runAfterEither(CompletionStage, Runnable)}: this promise's asynchronous facility is its
   * loop's microtask queue, not the common pool.
   *
   * @param other the other stage, followed as {@link #from(Loop, CompletionStage)} follows it
   * @param action run once whichever settles first is fulfilled
   * @return the derived promise
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code other} is a promise of another loop
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  @Override
  public Promise<Void> runAfterEitherAsync(CompletionStage<?> other, Runnable action) {
    return runAfterEither(other, action);
  }

  /**
   * Like {@link #runAfterEither(CompletionStage, Runnable)}, but the function runs on {@code executor}; its
   * outcome settles the derived promise back on the loop thread, through {@link
   * Loop#execute(Runnable)}. An executor that refuses the task rejects the derived promise with
   * what it threw; an outcome that arrives after the loop has closed is dropped.
   *
   * @param other the other stage, followed as {@link #from(Loop, CompletionStage)} follows it
   * @param action run once whichever settles first is fulfilled
   * @param executor where the function runs
   * @return the derived promise
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code other} is a promise of another loop
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  @Override
  public Promise<Void> runAfterEitherAsync(CompletionStage<?> other, Runnable action, Executor executor) {
    return eitherRunning(other, action, checked(executor));
  }

  /**
   * A promise that follows the stage {@code fn} returns (JavaScript's {@code then} returning a
   * promise: a promise of this loop is adopted two microtask turns after it settles); a rejection
   * passes through unchanged.
   *
   * @param <U> the derived promise's value type
   * @param fn called with this promise's value once it is fulfilled; returns a promise of this loop
   *     or any other stage (null, or a promise of another loop, rejects the derived promise)
   * @return the derived promise
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  @Override
  public <U> Promise<U> thenCompose(Function<? super T, ? extends CompletionStage<U>> fn) {
    return composing(fn, null);
  }

  /**
   * The same as {@link #thenCompose(Function)}: this promise's asynchronous facility is its
   * loop's microtask queue, not the common pool.
   *
   * @param <U> the derived promise's value type
   * @param fn called with this promise's value once it is fulfilled; returns a promise of this loop
   *     or any other stage (null, or a promise of another loop, rejects the derived promise)
   * @return the derived promise
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  @Override
  public <U> Promise<U> thenComposeAsync(Function<? super T, ? extends CompletionStage<U>> fn) {
    return thenCompose(fn);
  }

  /**
   * Like {@link #thenCompose(Function)}, but the function runs on {@code executor}; its
   * outcome settles the derived promise back on the loop thread, through {@link
   * Loop#execute(Runnable)}. An executor that refuses the task rejects the derived promise with
   * what it threw; an outcome that arrives after the loop has closed is dropped.
   *
   * @param <U> the derived promise's value type
   * @param fn called with this promise's value once it is fulfilled; returns a promise of this loop
   *     or any other stage (null, or a promise of another loop, rejects the derived promise)
   * @param executor where the function runs
   * @return the derived promise
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  @Override
  public <U> Promise<U> thenComposeAsync(Function<? super T, ? extends CompletionStage<U>> fn, Executor executor) {
    return composing(fn, checked(executor));
  }

  /**
   * A promise fulfilled with {@code fn}'s result for however this promise settled, or rejected
   * with what {@code fn} throws.
   *
   * @param <U> the derived promise's value type
   * @param fn called with the value and {@code null}, or with {@code null} and the reason
   * @return the derived promise
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  @Override
  public <U> Promise<U> handle(BiFunction<? super T, Throwable, ? extends U> fn) {
    return handling(fn, null);
  }

  /**
   * The same as {@link #handle(BiFunction)}: this promise's asynchronous facility is its
   * loop's microtask queue, not the common pool.
   *
   * @param <U> the derived promise's value type
   * @param fn called with the value and {@code null}, or with {@code null} and the reason
   * @return the derived promise
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  @Override
  public <U> Promise<U> handleAsync(BiFunction<? super T, Throwable, ? extends U> fn) {
    return handle(fn);
  }

  /**
   * Like {@link #handle(BiFunction)}, but the function runs on {@code executor}; its
   * outcome settles the derived promise back on the loop thread, through {@link
   * Loop#execute(Runnable)}. An executor that refuses the task rejects the derived promise with
   * what it threw; an outcome that arrives after the loop has closed is dropped.
   *
   * @param <U> the derived promise's value type
   * @param fn called with the value and {@code null}, or with {@code null} and the reason
   * @param executor where the function runs
   * @return the derived promise
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  @Override
  public <U> Promise<U> handleAsync(BiFunction<? super T, Throwable, ? extends U> fn, Executor executor) {
    return handling(fn, checked(executor));
  }

  /**
   * A promise settled as this one once {@code action} has run with its outcome. If {@code action}
   * throws, a fulfilled outcome becomes a rejection with what it threw, and a rejection keeps
   * its reason, with what it threw added as suppressed.
   *
   * @param action called with the value and {@code null}, or with {@code null} and the reason
   * @return the derived promise
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  @Override
  public Promise<T> whenComplete(BiConsumer<? super T, ? super Throwable> action) {
    return completing(action, null);
  }

  /**
   * The same as {@link #whenComplete(BiConsumer)}: this promise's asynchronous facility is its
   * loop's microtask queue, not the common pool.
   *
   * @param action called with the value and {@code null}, or with {@code null} and the reason
   * @return the derived promise
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  @Override
  public Promise<T> whenCompleteAsync(BiConsumer<? super T, ? super Throwable> action) {
    return whenComplete(action);
  }

  /**
   * Like {@link #whenComplete(BiConsumer)}, but the function runs on {@code executor}; its
   * outcome settles the derived promise back on the loop thread, through {@link
   * Loop#execute(Runnable)}. An executor that refuses the task rejects the derived promise with
   * what it threw; an outcome that arrives after the loop has closed is dropped.
   *
   * @param action called with the value and {@code null}, or with {@code null} and the reason
   * @param executor where the function runs
   * @return the derived promise
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  @Override
  public Promise<T> whenCompleteAsync(BiConsumer<? super T, ? super Throwable> action, Executor executor) {
    return completing(action, checked(executor));
  }

  /**
   * A promise fulfilled with this one's value, or with {@code fn}'s result for its reason (as
   * {@link #catchError(Handler)}, for a function that throws no checked exception).
   *
   * @param fn called with this promise's reason once it is rejected
   * @return the derived promise
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  @Override
  public Promise<T> exceptionally(Function<Throwable, ? extends T> fn) {
    return recovering(fn, null);
  }

  /**
   * The same as {@link #exceptionally(Function)}: this promise's asynchronous facility is its
   * loop's microtask queue, not the common pool.
   *
   * @param fn called with this promise's reason once it is rejected
   * @return the derived promise
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  @Override
  public Promise<T> exceptionallyAsync(Function<Throwable, ? extends T> fn) {
    return exceptionally(fn);
  }

  /**
   * Like {@link #exceptionally(Function)}, but the function runs on {@code executor}; its
   * outcome settles the derived promise back on the loop thread, through {@link
   * Loop#execute(Runnable)}. An executor that refuses the task rejects the derived promise with
   * what it threw; an outcome that arrives after the loop has closed is dropped.
   *
   * @param fn called with this promise's reason once it is rejected
   * @param executor where the function runs
   * @return the derived promise
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  @Override
  public Promise<T> exceptionallyAsync(Function<Throwable, ? extends T> fn, Executor executor) {
    return recovering(fn, checked(executor));
  }

  /**
   * A promise fulfilled with this one's value, or following the stage {@code fn} returns for its
   * reason, as {@link #thenCompose(Function)} follows one.
   *
   * @param fn called with this promise's reason once it is rejected; returns the stage to follow
   * @return the derived promise
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  @Override
  public Promise<T> exceptionallyCompose(Function<Throwable, ? extends CompletionStage<T>> fn) {
    return recoveringWith(fn, null);
  }

  /**
   * The same as {@link #exceptionallyCompose(Function)}: this promise's asynchronous facility is its
   * loop's microtask queue, not the common pool.
   *
   * @param fn called with this promise's reason once it is rejected; returns the stage to follow
   * @return the derived promise
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  @Override
  public Promise<T> exceptionallyComposeAsync(Function<Throwable, ? extends CompletionStage<T>> fn) {
    return exceptionallyCompose(fn);
  }

  /**
   * Like {@link #exceptionallyCompose(Function)}, but the function runs on {@code executor}; its
   * outcome settles the derived promise back on the loop thread, through {@link
   * Loop#execute(Runnable)}. An executor that refuses the task rejects the derived promise with
   * what it threw; an outcome that arrives after the loop has closed is dropped.
   *
   * @param fn called with this promise's reason once it is rejected; returns the stage to follow
   * @param executor where the function runs
   * @return the derived promise
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  @Override
  public Promise<T> exceptionallyComposeAsync(Function<Throwable, ? extends CompletionStage<T>> fn, Executor executor) {
    return recoveringWith(fn, checked(executor));
  }
  /**
   * A future completed, on the loop thread, as this promise settles. Counts as a handler. Each
   * call makes a new future that only mirrors the outcome: completing or cancelling it from
   * outside changes nothing about this promise or the promises derived from it.
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
  @Override
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
   * {@link #all(Loop, List)} of promises that all belong to the loop of the first.
   *
   * @param <T> the type of the promises' values
   * @param promises the promises to wait for, at least one
   * @return a promise of an unmodifiable list holding each value at its promise's index
   * @throws NullPointerException if {@code promises} or an element is null
   * @throws IllegalArgumentException if {@code promises} is empty (there is no loop to take; use
   *     {@link #all(Loop, List)}), or if a promise belongs to another loop than the first
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  public static <T> Promise<List<T>> all(List<? extends Promise<? extends T>> promises) {
    return all(loopOf(promises, "all"), promises);
  }

  /**
   * {@link #all(Loop, List)} of the promises given, which all belong to the loop of the first.
   *
   * @param <T> the type of the promises' values
   * @param first the first promise, whose loop the others must share
   * @param rest the other promises
   * @return a promise of an unmodifiable list holding each value at its promise's position
   * @throws NullPointerException if an argument or element is null
   * @throws IllegalArgumentException if a promise belongs to another loop than the first
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  @SafeVarargs
  public static <T> Promise<List<T>> all(Promise<? extends T> first, Promise<? extends T>... rest) {
    return all(listOf(first, rest));
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
   * {@link #allSettled(Loop, List)} of promises that all belong to the loop of the first.
   *
   * @param <T> the type of the promises' values
   * @param promises the promises to wait for, at least one
   * @return a promise of an unmodifiable list holding each outcome at its promise's index
   * @throws NullPointerException if {@code promises} or an element is null
   * @throws IllegalArgumentException if {@code promises} is empty (there is no loop to take; use
   *     {@link #allSettled(Loop, List)}), or if a promise belongs to another loop than the first
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  public static <T> Promise<List<Settled<T>>> allSettled(List<? extends Promise<? extends T>> promises) {
    return allSettled(loopOf(promises, "allSettled"), promises);
  }

  /**
   * {@link #allSettled(Loop, List)} of the promises given, which all belong to the loop of the
   * first.
   *
   * @param <T> the type of the promises' values
   * @param first the first promise, whose loop the others must share
   * @param rest the other promises
   * @return a promise of an unmodifiable list holding each outcome at its promise's position
   * @throws NullPointerException if an argument or element is null
   * @throws IllegalArgumentException if a promise belongs to another loop than the first
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  @SafeVarargs
  public static <T> Promise<List<Settled<T>>> allSettled(Promise<? extends T> first, Promise<? extends T>... rest) {
    return allSettled(listOf(first, rest));
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
   * {@link #any(Loop, List)} of promises that all belong to the loop of the first.
   *
   * @param <T> the type of the promises' values
   * @param promises the promises to race for a fulfilment, at least one
   * @return a promise settled by the first fulfilment, or by the last rejection
   * @throws NullPointerException if {@code promises} or an element is null
   * @throws IllegalArgumentException if {@code promises} is empty (there is no loop to take; use
   *     {@link #any(Loop, List)}), or if a promise belongs to another loop than the first
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  public static <T> Promise<T> any(List<? extends Promise<? extends T>> promises) {
    return any(loopOf(promises, "any"), promises);
  }

  /**
   * {@link #any(Loop, List)} of the promises given, which all belong to the loop of the first.
   *
   * @param <T> the type of the promises' values
   * @param first the first promise, whose loop the others must share
   * @param rest the other promises
   * @return a promise settled by the first fulfilment, or by the last rejection
   * @throws NullPointerException if an argument or element is null
   * @throws IllegalArgumentException if a promise belongs to another loop than the first
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  @SafeVarargs
  public static <T> Promise<T> any(Promise<? extends T> first, Promise<? extends T>... rest) {
    return any(listOf(first, rest));
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

  /**
   * {@link #race(Loop, List)} of promises that all belong to the loop of the first.
   *
   * @param <T> the type of the promises' values
   * @param promises the promises to race, at least one
   * @return a promise settled as the first of them to settle
   * @throws NullPointerException if {@code promises} or an element is null
   * @throws IllegalArgumentException if {@code promises} is empty (there is no loop to take; use
   *     {@link #race(Loop, List)}), or if a promise belongs to another loop than the first
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  public static <T> Promise<T> race(List<? extends Promise<? extends T>> promises) {
    return race(loopOf(promises, "race"), promises);
  }

  /**
   * {@link #race(Loop, List)} of the promises given, which all belong to the loop of the first.
   *
   * @param <T> the type of the promises' values
   * @param first the first promise, whose loop the others must share
   * @param rest the other promises
   * @return a promise settled as the first of them to settle
   * @throws NullPointerException if an argument or element is null
   * @throws IllegalArgumentException if a promise belongs to another loop than the first
   * @throws IllegalStateException if the loop is closed or called from another thread
   */
  @SafeVarargs
  public static <T> Promise<T> race(Promise<? extends T> first, Promise<? extends T>... rest) {
    return race(listOf(first, rest));
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
      Handler<?, ?> onFulfilled,
      Handler<? super Throwable, ?> onRejected,
      boolean followResult,
      Executor executor) {
    loop.checkOpen();
    Promise<R> derived = new Promise<>(loop);
    addReaction(new Reaction(this, onFulfilled, onRejected, derived, followResult, executor));
    return derived;
  }

  private static Executor checked(Executor executor) {
    return Objects.requireNonNull(executor, "executor");
  }

  private <U> Promise<U> applying(Function<? super T, ? extends U> fn, Executor executor) {
    Objects.requireNonNull(fn, "fn");
    Handler<T, U> handler = fn::apply;
    return react(handler, null, false, executor);
  }

  private Promise<Void> accepting(Consumer<? super T> action, Executor executor) {
    Objects.requireNonNull(action, "action");
    Handler<T, Void> handler =
        value -> {
          action.accept(value);
          return null;
        };
    return react(handler, null, false, executor);
  }

  private Promise<Void> running(Runnable action, Executor executor) {
    Objects.requireNonNull(action, "action");
    Handler<T, Void> handler =
        value -> {
          action.run();
          return null;
        };
    return react(handler, null, false, executor);
  }

  private <U> Promise<U> composing(
      Function<? super T, ? extends CompletionStage<U>> fn, Executor executor) {
    Objects.requireNonNull(fn, "fn");
    Handler<T, CompletionStage<U>> handler = fn::apply;
    return react(handler, null, true, executor);
  }

  private <U> Promise<U> handling(BiFunction<? super T, Throwable, ? extends U> fn, Executor executor) {
    Objects.requireNonNull(fn, "fn");
    Handler<T, U> afterValue = value -> fn.apply(value, null);
    Handler<Throwable, U> afterReason = reason -> fn.apply(null, reason);
    return react(afterValue, afterReason, false, executor);
  }

  private Promise<T> completing(BiConsumer<? super T, ? super Throwable> action, Executor executor) {
    Objects.requireNonNull(action, "action");
    Handler<T, T> afterValue =
        value -> {
          action.accept(value, null);
          return value;
        };
    Handler<Throwable, T> afterReason =
        reason -> {
          try {
            action.accept(null, reason);
          } catch (Throwable thrown) {
            // as CompletableFuture does: the original failure wins, the action's is kept with it
            if (thrown != reason) reason.addSuppressed(thrown);
          }
          throw Throwables.sneaky(reason);
        };
    return react(afterValue, afterReason, false, executor);
  }

  private Promise<T> recovering(Function<Throwable, ? extends T> fn, Executor executor) {
    Objects.requireNonNull(fn, "fn");
    Handler<Throwable, T> handler = fn::apply;
    return react(null, handler, false, executor);
  }

  private Promise<T> recoveringWith(
      Function<Throwable, ? extends CompletionStage<T>> fn, Executor executor) {
    Objects.requireNonNull(fn, "fn");
    Handler<Throwable, CompletionStage<T>> handler = fn::apply;
    return react(null, handler, true, executor);
  }

  /** {@code Promise.all([this, other]).then(fn)}, run on {@code executor} if not null. */
  @SuppressWarnings("unchecked")
  private <U, V> Promise<V> combining(
      CompletionStage<? extends U> other,
      BiFunction<? super T, ? super U, ? extends V> fn,
      Executor executor) {
    Objects.requireNonNull(other, "other");
    Objects.requireNonNull(fn, "fn");
    Promise<List<Object>> both = all(loop, List.<Promise<?>>of(this, ofThisLoop(other)));
    Handler<List<Object>, V> handler = values -> fn.apply((T) values.get(0), (U) values.get(1));
    return both.react(handler, null, false, executor);
  }

  private static <T, U> BiFunction<T, U, Void> acceptingBoth(BiConsumer<? super T, ? super U> action) {
    Objects.requireNonNull(action, "action");
    return (value, otherValue) -> {
      action.accept(value, otherValue);
      return null;
    };
  }

  private static <T, U> BiFunction<T, U, Void> runningAfterBoth(Runnable action) {
    Objects.requireNonNull(action, "action");
    return (value, otherValue) -> {
      action.run();
      return null;
    };
  }

  /** {@code Promise.race([this, other]).then(fn)}, run on {@code executor} if not null. */
  private <U> Promise<U> eitherApplying(
      CompletionStage<? extends T> other, Function<? super T, U> fn, Executor executor) {
    Objects.requireNonNull(other, "other");
    Objects.requireNonNull(fn, "fn");
    Promise<T> first = race(loop, List.of(this, ofThisLoop(other)));
    Handler<T, U> handler = fn::apply;
    return first.react(handler, null, false, executor);
  }

  private Promise<Void> eitherRunning(CompletionStage<?> other, Runnable action, Executor executor) {
    Objects.requireNonNull(other, "other");
    Objects.requireNonNull(action, "action");
    Promise<Object> first = race(loop, List.<Promise<?>>of(this, ofThisLoop(other)));
    Handler<Object, Void> handler =
        value -> {
          action.run();
          return null;
        };
    return first.react(handler, null, false, executor);
  }

  private static <T> Function<T, Void> acceptingValue(Consumer<? super T> action) {
    Objects.requireNonNull(action, "action");
    return value -> {
      action.accept(value);
      return null;
    };
  }

  /** {@code stage} as a promise of this loop: itself if it is one, else one that follows it. */
  private <U> Promise<U> ofThisLoop(CompletionStage<U> stage) {
    if (stage instanceof Promise) {
      Promise<U> promise = (Promise<U>) stage;
      checkSameLoop(promise);
      return promise;
    }
    return from(loop, stage);
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
    addReaction(new Reaction(this, ful, rej, null, false, null));
  }

  private void addReaction(Reaction reaction) {
    if (!handled && reportedUnhandled) loop.handledAfterReport(this);
    handled = true;
    if (state == State.PENDING) {
      if (reactions == null) reactions = new ArrayList<>(2);
      reactions.add(reaction);
    } else {
      loop.enqueueMicrotask(reaction);
    }
  }

  /** Settles this derived promise with what its reaction returned: that value, or the stage it names. */
  private void take(Object result, boolean followResult) {
    if (followResult) {
      follow(result);
    } else {
      settle(State.FULFILLED, result);
    }
  }

  /** Settles this derived promise as the stage a compose function returned settles. */
  private void follow(Object stage) {
    if (stage == null) {
      settle(State.REJECTED, new NullPointerException("the function returned null instead of a CompletionStage"));
    } else if (stage == this) {
      settle(State.REJECTED, new IllegalStateException("a promise cannot adopt itself"));
    } else if (stage instanceof Promise) {
      Promise<?> inner = (Promise<?>) stage;
      if (inner.loop != loop) {
        settle(State.REJECTED, new IllegalArgumentException(foreign(inner)));
      } else {
        adoptLater(inner);
      }
    } else {
      followStage((CompletionStage<?>) stage);
    }
  }

  /** JavaScript's NewPromiseResolveThenableJob: one turn to subscribe, one for the reaction. */
  private void adoptLater(Promise<?> inner) {
    adopting = true;
    loop.enqueueMicrotask(
        () -> inner.subscribe(value -> settle(State.FULFILLED, value), reason -> settle(State.REJECTED, reason)));
  }

  /**
   * Settles this promise as {@code stage} completes. It subscribes now, and the completion goes
   * through execute() even when it happens on the loop thread, so that it never runs inside the
   * code that completes the stage; the loop stays alive until it arrives.
   */
  private void followStage(CompletionStage<?> stage) {
    adopting = true;
    loop.awaitCompletion();
    try {
      stage.whenComplete((value, error) -> settleThroughExecute(() -> settleAsStage(value, error)));
    } catch (Throwable refused) {
      loop.completionArrived();
      settle(State.REJECTED, refused);
    }
  }

  private void settleAsStage(Object value, Throwable error) {
    if (error == null) {
      settle(State.FULFILLED, value);
    } else {
      boolean wrapped = error instanceof CompletionException && error.getCause() != null;
      settle(State.REJECTED, wrapped ? error.getCause() : error);
    }
  }

  /**
   * Runs {@code handler} on {@code executor}, and settles this derived promise with its outcome
   * back on the loop thread; the loop stays alive meanwhile.
   */
  private void runOn(Executor executor, Handler<Object, Object> handler, Object input, boolean followResult) {
    loop.awaitCompletion();
    try {
      executor.execute(() -> {
        Object value = null;
        Throwable thrown = null;
        try {
          value = handler.apply(input);
        } catch (Throwable t) {
          thrown = t;
        }
        Object result = value;
        Throwable failure = thrown;
        settleThroughExecute(() -> {
          if (failure != null) {
            settle(State.REJECTED, failure);
          } else {
            take(result, followResult);
          }
        });
      });
    } catch (Throwable refused) {
      loop.completionArrived();
      settle(State.REJECTED, refused);
    }
  }

  /** Hands {@code settlement} to the loop thread; dropped if the loop has closed meanwhile. */
  private void settleThroughExecute(Runnable settlement) {
    try {
      loop.execute(() -> {
        loop.completionArrived();
        settlement.run();
      });
    } catch (RejectedExecutionException closed) {
      // the loop is closed: nothing can run this promise's reactions any more
    }
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

  /** Whether a reaction was ever added: a rejection is then handled. */
  boolean isHandled() {
    return handled;
  }

  private void checkSameLoop(Promise<?> other) {
    if (other.loop != loop) throw new IllegalArgumentException(foreign(other));
  }

  private String foreign(Promise<?> other) {
    return other + " belongs to another loop (" + other.loop + ") than " + this + " (" + loop + ")";
  }

  private static <T> Resolver<T> combinator(Loop loop, List<? extends Promise<?>> promises) {
    Objects.requireNonNull(loop, "loop");
    Objects.requireNonNull(promises, "promises");
    Resolver<T> resolver = pending(loop);
    for (int i = 0; i < promises.size(); i++) {
      Promise<?> promise = promises.get(i);
      if (promise == null) throw new NullPointerException("promises[" + i + "] is null");
      if (promise.loop != loop) {
        throw new IllegalArgumentException(
            "promises[" + i + "] belongs to another loop (" + promise.loop + ") than " + loop);
      }
    }
    return resolver;
  }

  /** The loop of the first promise, for the combinators that take none. */
  private static Loop loopOf(List<? extends Promise<?>> promises, String combinator) {
    Objects.requireNonNull(promises, "promises");
    if (promises.isEmpty()) {
      throw new IllegalArgumentException(
          "promises is empty, so there is no loop to take from it; call " + combinator + "(loop, promises)");
    }
    Promise<?> first = promises.get(0);
    if (first == null) throw new NullPointerException("promises[0] is null");
    return first.loop;
  }

  /** {@code first} then {@code rest}, nulls kept so that the combinator names their index. */
  private static <P> List<P> listOf(P first, P[] rest) {
    Objects.requireNonNull(rest, "rest");
    List<P> list = new ArrayList<>(rest.length + 1);
    list.add(first);
    Collections.addAll(list, rest);
    return list;
  }
}
