/*
 * Raw libuv baseline for the idle benchmark: one uv_idle_t whose callback counts its calls
 * and stops the handle after N of them. Prints the callback rate measured with uv_hrtime.
 *
 * THREADS extra threads, parked for the whole run, make the process multi-threaded as a JVM
 * is: Linux then takes a reference on the epoll file in every epoll_pwait, which a
 * single-threaded process skips, so this separates that cost from the cost of JNI.
 *
 * usage: idle_loop [N [THREADS]]   (N defaults to 20000000, THREADS to 0)
 */
#include <stdio.h>
#include <stdlib.h>
#include <uv.h>

static uint64_t calls;
static uint64_t limit;

static void idle_cb(uv_idle_t *idle) {
  if (++calls == limit) uv_idle_stop(idle);
}

static void park(void *arg) {
  uv_sem_wait(arg);
}

int main(int argc, char **argv) {
  limit = argc > 1 ? strtoull(argv[1], NULL, 10) : 20000000;
  int threads = argc > 2 ? atoi(argv[2]) : 0;
  if (limit == 0 || threads < 0) {
    fprintf(stderr, "usage: %s [N > 0 [THREADS >= 0]]\n", argv[0]);
    return 2;
  }
  uv_sem_t parked;
  uv_thread_t *parkers = calloc(threads > 0 ? threads : 1, sizeof *parkers);
  if (parkers == NULL || uv_sem_init(&parked, 0) != 0) return 1;
  for (int i = 0; i < threads; i++) {
    if (uv_thread_create(&parkers[i], park, &parked) != 0) return 1;
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
  for (int i = 0; i < threads; i++) uv_sem_post(&parked);
  for (int i = 0; i < threads; i++) uv_thread_join(&parkers[i]);
  uv_sem_destroy(&parked);
  free(parkers);
  printf("idle_cb_per_sec=%.0f calls=%llu ns=%llu threads=%d\n", calls * 1e9 / (double) elapsed,
         (unsigned long long) calls, (unsigned long long) elapsed, threads);
  return calls == limit ? 0 : 1;
}
