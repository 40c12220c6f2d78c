/*
 * Raw libuv baseline for the file-system benchmark: N asynchronous uv_fs_stat calls of one
 * file, at most K in flight (each completion starts the next), timed with uv_hrtime from the
 * first start to the last completion. Prints stats_per_sec.
 *
 * usage: stat_loop PATH [N [K]]   (defaults 100000 and 1024)
 */
#include <stdio.h>
#include <stdlib.h>
#include <uv.h>

static const char *path;
static uint64_t total;
static uint64_t started;
static uint64_t completed;
static uint64_t failed;

static void stat_cb(uv_fs_t *req);

static void start_one(uv_loop_t *loop, uv_fs_t *req) {
  started++;
  int rc = uv_fs_stat(loop, req, path, stat_cb);
  if (rc < 0) {
    fprintf(stderr, "uv_fs_stat: %s\n", uv_strerror(rc));
    exit(1);
  }
}

static void stat_cb(uv_fs_t *req) {
  if (req->result < 0) failed++;
  completed++;
  uv_loop_t *loop = req->loop;
  uv_fs_req_cleanup(req);
  if (started < total) start_one(loop, req);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s PATH [N [K]]\n", argv[0]);
    return 2;
  }
  path = argv[1];
  total = argc > 2 ? strtoull(argv[2], NULL, 10) : 100000;
  uint64_t k = argc > 3 ? strtoull(argv[3], NULL, 10) : 1024;
  if (total == 0 || k == 0) {
    fprintf(stderr, "usage: %s PATH [N [K]], N > 0, K > 0\n", argv[0]);
    return 2;
  }
  if (k > total) k = total;
  uv_loop_t loop;
  if (uv_loop_init(&loop) != 0) return 1;
  uv_fs_t *reqs = calloc(k, sizeof *reqs);
  if (reqs == NULL) return 1;

  uint64_t start = uv_hrtime();
  for (uint64_t i = 0; i < k; i++) start_one(&loop, &reqs[i]);
  uv_run(&loop, UV_RUN_DEFAULT);
  uint64_t ns = uv_hrtime() - start;

  uv_loop_close(&loop);
  free(reqs);
  printf("stats_per_sec=%.0f n=%llu k=%llu failed=%llu\n", completed * 1e9 / (double) ns,
         (unsigned long long) completed, (unsigned long long) k, (unsigned long long) failed);
  return completed == total && failed == 0 ? 0 : 1;
}
