/*
 * Raw libuv baseline for the timer benchmarks, two measurements:
 *  - fire: BATCH 0 ms timers started at once, run until every one has fired, N/BATCH rounds;
 *  - start_stop: N uv_timer_start + uv_timer_stop pairs on one timer, no loop run.
 * Prints timer_fire_per_sec and timer_start_stop_per_sec measured with uv_hrtime.
 *
 * usage: timer_loop [N [BATCH]]   (defaults 2000000 and 1000)
 */
#include <stdio.h>
#include <stdlib.h>
#include <uv.h>

static uint64_t fired;

static void timer_cb(uv_timer_t *timer) {
  fired++;
}

static void noop_cb(uv_timer_t *timer) {}

int main(int argc, char **argv) {
  uint64_t n = argc > 1 ? strtoull(argv[1], NULL, 10) : 2000000;
  uint64_t batch = argc > 2 ? strtoull(argv[2], NULL, 10) : 1000;
  if (n == 0 || batch == 0 || n % batch != 0) {
    fprintf(stderr, "usage: %s [N [BATCH]], N > 0 a multiple of BATCH > 0\n", argv[0]);
    return 2;
  }
  uv_loop_t loop;
  if (uv_loop_init(&loop) != 0) return 1;
  uv_timer_t *timers = calloc(batch, sizeof *timers);
  if (timers == NULL) return 1;
  for (uint64_t i = 0; i < batch; i++) uv_timer_init(&loop, &timers[i]);

  uint64_t start = uv_hrtime();
  for (uint64_t round = 0; round < n / batch; round++) {
    for (uint64_t i = 0; i < batch; i++) uv_timer_start(&timers[i], timer_cb, 0, 0);
    uv_run(&loop, UV_RUN_DEFAULT);
  }
  uint64_t fire_ns = uv_hrtime() - start;

  start = uv_hrtime();
  for (uint64_t i = 0; i < n; i++) {
    uv_timer_start(&timers[0], noop_cb, 1000, 0);
    uv_timer_stop(&timers[0]);
  }
  uint64_t start_stop_ns = uv_hrtime() - start;

  for (uint64_t i = 0; i < batch; i++) uv_close((uv_handle_t *) &timers[i], NULL);
  uv_run(&loop, UV_RUN_DEFAULT);
  uv_loop_close(&loop);
  free(timers);
  printf("timer_fire_per_sec=%.0f fired=%llu\n", fired * 1e9 / (double) fire_ns,
         (unsigned long long) fired);
  printf("timer_start_stop_per_sec=%.0f pairs=%llu\n", n * 1e9 / (double) start_stop_ns,
         (unsigned long long) n);
  return fired == n ? 0 : 1;
}
