/*
 * Raw libuv baseline for the idle benchmark: one uv_idle_t whose callback counts its calls
 * and stops the handle after N of them. Prints the callback rate measured with uv_hrtime.
 *
 * usage: idle_loop [N]   (N defaults to 20000000)
 */
#include <stdio.h>
#include <stdlib.h>
#include <uv.h>

static uint64_t calls;
static uint64_t limit;

static void idle_cb(uv_idle_t *idle) {
  if (++calls == limit) uv_idle_stop(idle);
}

int main(int argc, char **argv) {
  limit = argc > 1 ? strtoull(argv[1], NULL, 10) : 20000000;
  if (limit == 0) {
    fprintf(stderr, "usage: %s [N > 0]\n", argv[0]);
    return 2;
  }
  uv_loop_t loop;
  uv_idle_t idle;
  if (uv_loop_init(&loop) != 0) return 1;
  uv_idle_init(&loop, &idle);
  uv_idle_start(&idle, idle_cb);
  uint64_t start = uv_hrtime();
  uv_run(&loop, UV_RUN_DEFAULT);
  uint64_t elapsed = uv_hrtime() - start;
  uv_close((uv_handle_t *) &idle, NULL);
  uv_run(&loop, UV_RUN_DEFAULT);
  uv_loop_close(&loop);
  printf("idle_cb_per_sec=%.0f calls=%llu ns=%llu\n", calls * 1e9 / (double) elapsed,
         (unsigned long long) calls, (unsigned long long) elapsed);
  return calls == limit ? 0 : 1;
}
