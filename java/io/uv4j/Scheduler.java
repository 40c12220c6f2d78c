package io.uv4j;

import io.uv4j.internal.Native;
import java.util.HashMap;
import java.util.PriorityQueue;

/**
 * Node's timers and immediates on one loop, built the way Node builds them on libuv
 * (lib/internal/timers.js, src/env.cc): timers of equal duration share a list ordered by start
 * time; the lists sit in a priority queue by (expiry, list id); one libuv timer wakes the loop for
 * the earliest list. Immediates are a queue run from a check handle, with an idle handle started
 * while referenced immediates exist so that the poll phase does not block.
 */
final class Scheduler {
  private static final long TIMEOUT_MAX = (1L << 31) - 1;

  /** The timers of one duration, in start order. */
  private static final class TimerList {
    final long msecs;
    long expiry;
    long id;
    Timeout head;
    Timeout tail;

    TimerList(long msecs, long expiry, long id) {
      this.msecs = msecs;
      this.expiry = expiry;
      this.id = id;
    }

    void append(Timeout t) {
      t.prev = tail;
      t.next = null;
      if (tail == null) head = t;
      else tail.next = t;
      tail = t;
      t.linked = true;
    }

    void remove(Timeout t) {
      if (!t.linked) return;
      if (t.prev == null) head = t.next;
      else t.prev.next = t.next;
      if (t.next == null) tail = t.prev;
      else t.next.prev = t.prev;
      t.prev = t.next = null;
      t.linked = false;
    }
  }

  final Loop loop;
  private final Timer timerHandle;
  private final Idle idleHandle;
  /** Active only while immediates are queued, so that an idle loop makes no upcall for it. */
  private final Check checkHandle;
  /** What the two handles are doing, so that a chain of immediates makes no redundant call. */
  private boolean checking;
  private boolean idling;
  private final HashMap<Long, TimerList> lists = new HashMap<>();
  private final PriorityQueue<TimerList> queue =
      new PriorityQueue<>((a, b) -> a.expiry != b.expiry ? Long.compare(a.expiry, b.expiry) : Long.compare(a.id, b.id));
  private long nextExpiry = Long.MAX_VALUE;
  private long listIds;
  private int timerRefCount;

  private Immediate immediateHead;
  private Immediate immediateTail;
  /** The detached batch still running after an immediate threw, else null. */
  private Immediate outstanding;
  private boolean hasOutstanding;
  private int immediateCount;
  private int immediateRefCount;

  Scheduler(Loop loop) {
    this.loop = loop;
    timerHandle = Handle.internalUnref(new Timer(loop));
    checkHandle = Handle.internalUnref(new Check(loop));
    idleHandle = new Idle(loop);
    idleHandle.markInternal();
  }

  static long clamp(long delay) {
    return delay >= 1 && delay <= TIMEOUT_MAX ? delay : 1;
  }

  private long now() {
    return Native.loopUpdatedNow(loop.pointer());
  }

  // --- timers ------------------------------------------------------------------------------------

  Timeout setTimeout(Runnable callback, long delay, boolean repeating) {
    // Node warns only of the too large: a delay below 1 becomes 1 silently
    if (delay > TIMEOUT_MAX) {
      loop.warnings.emit(new Warning("TimeoutOverflowWarning",
          delay + " does not fit into a 32-bit signed integer.\nTimeout duration was set to 1."));
    }
    Timeout t = new Timeout(this, callback, clamp(delay), repeating);
    incTimerRef();
    insert(t, t.msecs, now());
    return t;
  }

  private void insert(Timeout t, long msecs, long start) {
    t.idleStart = start;
    TimerList list = lists.get(msecs);
    if (list == null) {
      long expiry = start + msecs;
      list = new TimerList(msecs, expiry, listIds++);
      lists.put(msecs, list);
      queue.add(list);
      if (nextExpiry > expiry) {
        timerHandle.start(msecs, 0, this::runTimers);
        nextExpiry = expiry;
      }
    }
    TimerList current = lists.get(t.msecs);
    if (t.linked && current != null) current.remove(t);
    list.append(t);
  }

  /**
   * Moves every pending timer {@code ms} later, as if the time since they were set had not passed.
   * It keeps, for tests, a premise Node's timing scenarios share: a main script that takes next to
   * no time, which a cold or instrumented JVM cannot promise.
   */
  void postponeTimers(long ms) {
    if (ms <= 0 || queue.isEmpty()) return;
    // a uniform shift keeps the queue's order
    for (TimerList list : queue) {
      list.expiry += ms;
      for (Timeout t = list.head; t != null; t = t.next) t.idleStart += ms;
    }
    nextExpiry += ms;
    long due = nextExpiry - now();
    timerHandle.start(due > 0 ? due : 1, 0, this::runTimers);
  }

  void clear(Timeout t) {
    if (t.callback == null) return;
    t.callback = null;
    unenroll(t);
  }

  private void unenroll(Timeout t) {
    if (t.destroyed) return;
    t.destroyed = true;
    if (t.refed) decTimerRef();
    TimerList list = lists.get(t.msecs);
    if (list != null) {
      list.remove(t);
      if (list.head == null) {
        queue.remove(list);
        lists.remove(list.msecs);
      }
    }
    t.msecs = -1;
  }

  void refresh(Timeout t) {
    if (t.msecs < 0) return;
    insert(t, t.msecs, now());
    if (t.destroyed) {
      t.destroyed = false;
      if (t.refed) incTimerRef();
    }
  }

  void ref(Timeout t, boolean refed) {
    if (t.refed == refed) return;
    t.refed = refed;
    if (t.destroyed) return;
    if (refed) incTimerRef();
    else decTimerRef();
  }

  private void incTimerRef() {
    if (timerRefCount++ == 0) timerHandle.ref();
  }

  private void decTimerRef() {
    // a closing loop has closed the timer; nothing can fire any more
    if (--timerRefCount == 0 && !loop.isTearingDown()) timerHandle.unref();
  }

  /** The libuv timer fired: Node's RunTimers, which re-runs the pass while a timer throws. */
  private void runTimers() {
    long now = now();
    long next;
    do {
      next = processTimers(now);
    } while (next == RESTART && loop.acceptsCallbacks());
    if (next == RESTART) {
      // the pass stopped on an unhandled error or an exit: keep the rest armed for a later run
      TimerList first = queue.peek();
      next = first == null ? 0 : timerRefCount > 0 ? first.expiry : -first.expiry;
    }
    if (next != 0) {
      long due = Math.abs(next) - Native.loopNow(loop.pointer());
      timerHandle.start(due > 0 ? due : 1, 0, this::runTimers);
      if (next > 0) timerHandle.ref();
      else timerHandle.unref();
    } else {
      timerHandle.unref();
    }
  }

  /** Marks a pass cut short by a throwing timer, to be run again. */
  private static final long RESTART = Long.MIN_VALUE;

  /** Node's processTimers: the next expiry (negative when unreferenced), 0 for none. */
  private long processTimers(long now) {
    nextExpiry = Long.MAX_VALUE;
    boolean ranAtLeastOneList = false;
    TimerList list;
    while ((list = queue.peek()) != null) {
      if (list.expiry > now) {
        nextExpiry = list.expiry;
        return timerRefCount > 0 ? nextExpiry : -nextExpiry;
      }
      if (ranAtLeastOneList) {
        if (!loop.runNextTicks()) return RESTART;
      } else {
        ranAtLeastOneList = true;
      }
      if (!listOnTimeout(list, now)) return RESTART;
    }
    return 0;
  }

  /** Runs the due timers of one list; false if one threw (the pass is then run again). */
  private boolean listOnTimeout(TimerList list, long now) {
    long msecs = list.msecs;
    boolean ranAtLeastOneTimer = false;
    Timeout timer;
    while ((timer = list.head) != null) {
      long diff = now - timer.idleStart;
      if (diff < msecs) {
        queue.remove(list);
        list.expiry = Math.max(timer.idleStart + msecs, now + 1);
        list.id = listIds++;
        queue.add(list);
        return true;
      }
      if (ranAtLeastOneTimer) {
        if (!loop.runNextTicks()) return false;
      } else {
        ranAtLeastOneTimer = true;
      }
      long start = timer.repeat > 0 ? now() : 0;
      list.remove(timer);
      Runnable callback = timer.callback;
      if (callback == null) {
        if (!timer.destroyed) {
          timer.destroyed = true;
          if (timer.refed) decTimerRef();
        }
        continue;
      }
      Throwable thrown = loop.callUser(callback, LoopTracer.Phase.TIMERS, timer);
      if (timer.repeat > 0 && timer.msecs != -1) {
        timer.msecs = timer.repeat;
        insert(timer, timer.msecs, start);
      } else if (!timer.linked && !timer.destroyed) {
        timer.destroyed = true;
        if (timer.refed) decTimerRef();
      }
      if (thrown != null) {
        loop.reportThrown(thrown);
        return false;
      }
    }
    if (lists.get(msecs) == list) {
      lists.remove(msecs);
      queue.remove(list);
    }
    return true;
  }

  // --- immediates --------------------------------------------------------------------------------

  Immediate setImmediate(Runnable callback) {
    Immediate immediate = new Immediate(this, callback);
    immediate.refed = Boolean.FALSE;
    ref(immediate, true);
    if (immediateCount++ == 0 && !checking) {
      checkHandle.start(this::checkImmediate);
      checking = true;
    }
    immediate.prev = immediateTail;
    if (immediateTail == null) immediateHead = immediate;
    else immediateTail.next = immediate;
    immediateTail = immediate;
    return immediate;
  }

  void clear(Immediate immediate) {
    if (immediate.destroyed) return;
    immediateCount--;
    immediate.destroyed = true;
    if (Boolean.TRUE.equals(immediate.refed) && --immediateRefCount == 0) stopIdling();
    immediate.refed = null;
    immediate.callback = null;
    if (immediate == outstanding) outstanding = immediate.next;
    remove(immediate);
  }

  /**
   * Node's ImmediateList.remove: relinks the neighbours even inside a batch already detached
   * from the queue, so that a batch being run skips an immediate cleared meanwhile.
   */
  private void remove(Immediate item) {
    if (item.next != null) item.next.prev = item.prev;
    if (item.prev != null) item.prev.next = item.next;
    if (item == immediateHead) immediateHead = item.next;
    if (item == immediateTail) immediateTail = item.prev;
    item.next = null;
    item.prev = null;
  }

  void ref(Immediate immediate, boolean refed) {
    if (refed) {
      if (Boolean.FALSE.equals(immediate.refed)) {
        immediate.refed = Boolean.TRUE;
        if (immediateRefCount++ == 0 && !idling) {
          idleHandle.startQuiet();
          idling = true;
        }
      }
    } else if (Boolean.TRUE.equals(immediate.refed)) {
      immediate.refed = Boolean.FALSE;
      if (--immediateRefCount == 0) stopIdling();
    }
  }

  private void stopIdling() {
    if (!idling) return;
    // a closing loop has closed the idle handle
    if (!loop.isTearingDown()) idleHandle.stop();
    idling = false;
  }

  /**
   * The check handle fired: Node's CheckImmediate, which first runs the native immediates in a
   * callback scope of their own, so that ticks a throw left queued run before any immediate.
   */
  private void checkImmediate() {
    if (!loop.runNextTicks()) return;
    if (immediateCount > 0) {
      do {
        boolean threw = processImmediate();
        if (!threw) loop.runNextTicks();
      } while (hasOutstanding && loop.acceptsCallbacks());
    }
    if (immediateRefCount == 0) stopIdling();
    if (immediateCount == 0 && !hasOutstanding && checking) {
      checkHandle.stop();
      checking = false;
    }
  }

  /** Node's processImmediate: runs the batch queued before it started; true if one threw. */
  private boolean processImmediate() {
    Immediate immediate;
    if (outstanding != null) {
      immediate = outstanding;
    } else {
      immediate = immediateHead;
      immediateHead = immediateTail = null;
      hasOutstanding = true;
    }
    Immediate previous = null;
    boolean ranAtLeastOne = false;
    while (immediate != null) {
      if (ranAtLeastOne) {
        if (!loop.runNextTicks()) {
          outstanding = immediate;
          return true;
        }
      } else {
        ranAtLeastOne = true;
      }
      if (immediate.destroyed) {
        // cleared by the ticks just drained: the previous one's link already skips it
        immediate = previous != null ? previous.next : null;
        continue;
      }
      immediate.destroyed = true;
      immediateCount--;
      if (Boolean.TRUE.equals(immediate.refed)) immediateRefCount--;
      immediate.refed = null;
      previous = immediate;
      Runnable callback = immediate.callback;
      immediate.callback = null;
      Throwable thrown = loop.callUser(callback, LoopTracer.Phase.CHECK, "Immediate");
      immediate = immediate.next;
      if (thrown != null) {
        outstanding = immediate;
        hasOutstanding = immediate != null;
        loop.reportThrown(thrown);
        return true;
      }
    }
    outstanding = null;
    hasOutstanding = false;
    return false;
  }
}
