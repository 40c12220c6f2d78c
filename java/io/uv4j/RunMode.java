package io.uv4j;

/** How far {@link Loop#run(RunMode)} runs, as libuv's {@code uv_run_mode}. */
public enum RunMode {
  /** Until no referenced handle or request is left, or {@link Loop#stop()} is called. */
  DEFAULT(0),
  /** One iteration, blocking for I/O if there is nothing else to do. */
  ONCE(1),
  /** One iteration without blocking. */
  NOWAIT(2);

  final int code;

  RunMode(int code) {
    this.code = code;
  }
}
