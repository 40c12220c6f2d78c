package io.uv4j.demo;

import io.uv4j.LoopTracer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A {@link LoopTracer} that keeps what it is told, with times in milliseconds since one origin:
 * the phase bands of every iteration, the callbacks, the queue drains, and the pool work.
 *
 * <p>All but the pool-work methods run on the loop thread; pool threads only touch the
 * concurrent queue and their own thread-local start time.
 */
final class Recording implements LoopTracer {
  /** The loop thread stayed in one phase from {@code start} to {@code end}. */
  record PhaseBand(Phase phase, long iteration, double start, double end) {}

  /** One traced callback on the loop thread. */
  static final class CallbackRun {
    final String what;
    final Phase phase;
    final long iteration;
    final double start;
    double end = Double.NaN;

    CallbackRun(String what, Phase phase, long iteration, double start) {
      this.what = what;
      this.phase = phase;
      this.iteration = iteration;
      this.start = start;
    }
  }

  /** The next-tick and microtask queues drained from {@code start} to {@code end}. */
  record Drain(double start, double end) {}

  /** A work item ran on the pool thread named {@code thread}. */
  record PoolWork(String thread, String what, double start, double end) {}

  private final long origin;
  private final String loopThread = Thread.currentThread().getName();
  private final List<PhaseBand> bands = new ArrayList<>();
  private final List<CallbackRun> callbacks = new ArrayList<>();
  private final List<Drain> drains = new ArrayList<>();
  private final ConcurrentLinkedQueue<PoolWork> poolWork = new ConcurrentLinkedQueue<>();
  private final ThreadLocal<double[]> poolStart = ThreadLocal.withInitial(() -> new double[1]);
  private Phase phase;
  private double phaseStart;
  /** Iterations so far: each one enters the poll phase exactly once. */
  private long iteration;
  private final List<CallbackRun> running = new ArrayList<>();
  private double drainStart = Double.NaN;
  private double scriptEnd = Double.NaN;

  /** Made on the loop thread; times count from {@code originNanos} ({@link System#nanoTime}). */
  Recording(long originNanos) {
    this.origin = originNanos;
  }

  /** Milliseconds since the origin, on any thread. */
  double now() {
    return (System.nanoTime() - origin) / 1e6;
  }

  @Override
  public void phaseEntered(Phase entered) {
    if (entered == Phase.POLL) iteration++;
    phase = entered;
    phaseStart = now();
  }

  @Override
  public void phaseLeft(Phase left) {
    if (phase == left) bands.add(new PhaseBand(left, iteration, phaseStart, now()));
    phase = null;
  }

  @Override
  public void callbackStarted(Phase in, String what) {
    CallbackRun run = new CallbackRun(what, in, iteration, now());
    callbacks.add(run);
    running.add(run);
  }

  @Override
  public void callbackEnded(Phase in, String what) {
    if (!running.isEmpty()) running.remove(running.size() - 1).end = now();
  }

  @Override
  public void drainStarted() {
    drainStart = now();
  }

  @Override
  public void drainEnded() {
    drains.add(new Drain(drainStart, now()));
  }

  @Override
  public void poolWorkStarted(String what) {
    poolStart.get()[0] = now();
  }

  @Override
  public void poolWorkEnded(String what) {
    poolWork.add(new PoolWork(Thread.currentThread().getName(), what, poolStart.get()[0], now()));
  }

  /** The main script, which runs before the loop, has returned. */
  void scriptEnded() {
    scriptEnd = now();
  }

  double scriptEnd() {
    return scriptEnd;
  }

  /**
   * The callback started last: the one running now or, from a next-tick or a microtask, the one
   * whose drain this is (a drain follows its callback before any other callback starts).
   */
  CallbackRun current() {
    return callbacks.isEmpty() ? null : callbacks.get(callbacks.size() - 1);
  }

  /** The name of the thread that made this recording, the loop's. */
  String loopThread() {
    return loopThread;
  }

  long iterations() {
    return iteration;
  }

  List<PhaseBand> bands() {
    return bands;
  }

  List<CallbackRun> callbacks() {
    return callbacks;
  }

  List<Drain> drains() {
    return drains;
  }

  List<PoolWork> poolWork() {
    return new ArrayList<>(poolWork);
  }
}
