/*
 * Raw libuv baseline for the timer benchmarks, two measurements:
 *  - fire: 1000 0 ms timers started at once, the loop run until every one has fired, repeated
 *    until FIRES timers have fired (what TimerThroughput.fire does per invocation);
 *  - start_stop: PAIRS uv_timer_start + uv_timer_stop pairs on one timer, no loop run.
 * Prints timer_fire_per_sec and timer_start_stop_per_sec measured with uv_hrtime.
 *
 * usage: timer_loop [FIRES [PAIRS]]   (defaults 10000000 and 100000000)
 */
#include <stdio.h>
#include <stdlib.h>
#include <uv.h>

#define BATCH 1000

static uint64_t fired;

static void timer_cb(uv_timer_t *timer) {
  fired++;
}

static void never_cb(uv_timer_t *timer) {
  abort();
}

int main(int argc, char **argv) {
  uint64_t fires = argc > 1 ? strtoull(argv[1], NULL, 10) : 10000000;
  uint64_t pairs = argc > 2 ? strtoull(argv[2], NULL, 10) : 100000000;
  if (fires == 0 || fires % BATCH != 0 || pairs == 0) {
    fprintf(stderr, "usage: %s [FIRES [PAIRS]], FIRES a multiple of %d, PAIRS > 0\n", argv[0],
            BATCH);
    return 2;
  }
  uv_loop_t loop;
  uv_timer_t timers[BATCH];
  if (uv_loop_init(&loop) != 0) return 1;
  for (int i = 0; i < BATCH; i++) uv_timer_init(&loop, &timers[i]);

  uint64_t start = uv_hrtime();
  for (uint64_t round = 0; round < fires / BATCH; round++) {
    for (int i = 0; i < BATCH; i++) uv_timer_start(&timers[i], timer_cb, 0, 0);
    uv_run(&loop, UV_RUN_DEFAULT);
  }
  uint64_t fire_ns = uv_hrtime() - start;

  start = uv_hrtime();
  for (uint64_t i = 0; i < pairs; i++) {
    uv_timer_start(&timers[0], never_cb, 1000, 0);
    uv_timer_stop(&timers[0]);
  }
  uint64_t start_stop_ns = uv_hrtime() - start;

  for (int i = 0; i < BATCH; i++) uv_close((uv_handle_t *) &timers[i], NULL);
  uv_run(&loop, UV_RUN_DEFAULT);
  uv_loop_close(&loop);
  printf("timer_fire_per_sec=%.0f fired=%llu\n", fired * 1e9 / (double) fire_ns,
         (unsigned long long) fired);
  printf("timer_start_stop_per_sec=%.0f pairs=%llu\n", pairs * 1e9 / (double) start_stop_ns,
         (unsigned long long) pairs);
  return fired == fires ? 0 : 1;
}
