package io.uv4j;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * The tasks other threads hand to a loop: many submitting threads, one draining thread (the
 * loop's). A submission takes no lock and wakes the loop only when no wake-up is pending yet.
 *
 * <p>Two flags, each written by one side and read by the other, keep every task accounted for:
 *
 * <ul>
 *   <li>{@code wakePending}: set by the submitter that sends the wake-up, cleared by the loop
 *       before it drains. A submitter that sees it set knows the loop has yet to drain, so it
 *       skips the send; a task added after the clear finds it clear and sends again.
 *   <li>{@code closed}: set by the loop before its last drain. A submitter that sees it takes
 *       its task back; if the last drain claimed the task first, the task runs there and the
 *       submission stands. Each task is claimed once, by the drain or by its submitter.
 * </ul>
 */
final class SubmittedTasks {
  private static final VarHandle TASK;
  private static final VarHandle WAKE_PENDING;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      TASK = lookup.findVarHandle(Node.class, "task", Runnable.class);
      WAKE_PENDING = lookup.findVarHandle(SubmittedTasks.class, "wakePending", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** A queued task; its task field is cleared by whichever side claims it. */
  private static final class Node {
    Runnable task;
    volatile Node next;

    Node(Runnable task) {
      this.task = task;
    }
  }

  /** Sends the wake-up; false if the wake-up handle is closed. */
  private final BooleanSupplier sendWakeup;
  /** Last node added; submitters swap themselves in here. */
  private final AtomicReference<Node> tail;
  /** The node before the next one to drain; only the loop thread reads or writes it. */
  private Node head;

  private volatile boolean wakePending;
  private volatile boolean closed;

  SubmittedTasks(BooleanSupplier sendWakeup) {
    this.sendWakeup = sendWakeup;
    head = new Node(null);
    tail = new AtomicReference<>(head);
  }

  /**
   * Adds {@code task} from any thread and wakes the loop unless a wake-up is already pending.
   *
   * @return false if the loop is closing and {@code task} was taken back: it will not run
   */
  boolean submit(Runnable task) {
    // refused before linking, so that calls on a closed loop leave nothing queued
    if (closed) return false;
    Node node = new Node(task);
    tail.getAndSet(node).next = node;
    if (closed) return !takeBack(node);
    if (wakePending || !WAKE_PENDING.compareAndSet(this, false, true)) return true;
    // a failed send means the handle is closed, which close() does only after setting closed
    return sendWakeup.getAsBoolean() || !takeBack(node);
  }

  /** Claims {@code node}'s task for its submitter; false if a drain claimed it first. */
  private static boolean takeBack(Node node) {
    return TASK.getAndSet(node, (Runnable) null) != null;
  }

  /**
   * Loop thread: clears the pending wake-up, so that any task added from here on sends a new one.
   * Called before draining.
   */
  void wakeupReceived() {
    wakePending = false;
  }

  /**
   * Loop thread: sends a wake-up whatever the flag says, for tasks a drain left queued (a batch
   * limit reached, or an upcall that failed before any task ran).
   */
  void wakeAgain() {
    wakePending = true;
    sendWakeup.getAsBoolean();
  }

  /**
   * Loop thread: the next task, or null if none is ready. A task whose submitter is still linking
   * it in may be missed; that submitter then finds the wake-up flag clear and wakes the loop.
   */
  Runnable poll() {
    for (Node next = head.next; next != null; next = head.next) {
      head = next;
      Runnable task = (Runnable) TASK.getAndSet(next, (Runnable) null);
      if (task != null) return task;
    }
    return null;
  }

  /** Loop thread: whether any task is queued, counting one whose submitter is still linking it. */
  boolean isEmpty() {
    return tail.get() == head;
  }

  /** Loop thread: refuses every later submission; call before {@link #pollAccepted()}. */
  void close() {
    closed = true;
  }

  /**
   * Loop thread, after {@link #close()}: the next task a submitter may have seen accepted, or
   * null once there is none. Waits for a submitter that is linking its task in, which takes a
   * few instructions.
   */
  Runnable pollAccepted() {
    while (true) {
      Runnable task = poll();
      if (task != null || isEmpty()) return task;
      Thread.onSpinWait();
    }
  }
}
