/*
 * Raw libuv baseline for the thread-pool benchmark: N no-op uv_queue_work items, at most K in
 * flight (each completion queues the next), timed with uv_hrtime from the first queue to the
 * last completion. Prints work_per_sec.
 *
 * usage: work_loop [N [K]]   (defaults 1000000 and 1024)
 */
#include <stdio.h>
#include <stdlib.h>
#include <uv.h>

static uint64_t total;
static uint64_t queued;
static uint64_t completed;
static uint64_t ran;

static void work_cb(uv_work_t *req);
static void after_work_cb(uv_work_t *req, int status);

static void queue_one(uv_loop_t *loop, uv_work_t *req) {
  queued++;
  int rc = uv_queue_work(loop, req, work_cb, after_work_cb);
  if (rc < 0) {
    fprintf(stderr, "uv_queue_work: %s\n", uv_strerror(rc));
    exit(1);
  }
}

/* The work itself does nothing: the figure is the pool's round trip. The counter is only
 * read after every completion, which libuv orders after its work. */
static void work_cb(uv_work_t *req) {
  req->data = &ran;
}

static void after_work_cb(uv_work_t *req, int status) {
  if (status == 0 && req->data == &ran) completed++;
  req->data = NULL;
  if (queued < total) queue_one(req->loop, req);
}

int main(int argc, char **argv) {
  total = argc > 1 ? strtoull(argv[1], NULL, 10) : 1000000;
  uint64_t k = argc > 2 ? strtoull(argv[2], NULL, 10) : 1024;
  if (total == 0 || k == 0) {
    fprintf(stderr, "usage: %s [N [K]], N > 0, K > 0\n", argv[0]);
    return 2;
  }
  if (k > total) k = total;
  uv_loop_t loop;
  if (uv_loop_init(&loop) != 0) return 1;
  uv_work_t *reqs = calloc(k, sizeof *reqs);
  if (reqs == NULL) return 1;

  uint64_t start = uv_hrtime();
  for (uint64_t i = 0; i < k; i++) queue_one(&loop, &reqs[i]);
  uv_run(&loop, UV_RUN_DEFAULT);
  uint64_t ns = uv_hrtime() - start;

  uv_loop_close(&loop);
  free(reqs);
  printf("work_per_sec=%.0f n=%llu k=%llu\n", completed * 1e9 / (double) ns,
         (unsigned long long) completed, (unsigned long long) k);
  return completed == total ? 0 : 1;
}
