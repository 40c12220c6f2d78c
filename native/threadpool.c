/* uv_work_t: Java work on libuv's thread pool; uv_random. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include "uv4j.h"
#include "io_uv4j_internal_Native.h"

static uv_key_t pool_env_key;
static uv_once_t pool_once = UV_ONCE_INIT;
static uv_mutex_t pool_lock;
static int pool_threads;
static int pool_key_ok;

static void init_pool(void) {
  pool_key_ok = uv_key_create(&pool_env_key) == 0;
  uv_mutex_init(&pool_lock);
}

/* The pool thread's JNIEnv: attached to the JVM once, as a daemon named uv4j-pool-N. */
static JNIEnv *pool_env(void) {
  uv_once(&pool_once, init_pool);
  if (!pool_key_ok) return NULL;
  JNIEnv *env = uv_key_get(&pool_env_key);
  if (env != NULL) return env;
  char name[32];
  uv_mutex_lock(&pool_lock);
  int n = ++pool_threads;
  uv_mutex_unlock(&pool_lock);
  snprintf(name, sizeof name, "uv4j-pool-%d", n);
  JavaVMAttachArgs args = {JNI_VERSION_1_8, name, NULL};
  if ((*uv4j_vm)->AttachCurrentThreadAsDaemon(uv4j_vm, (void **) &env, &args) != JNI_OK) return NULL;
  uv_key_set(&pool_env_key, env);
  return env;
}

/* Work whose Java side is the request object under `slot` in its loop's table. */
typedef struct uv4j_work {
  uv_work_t uv;
  jint slot;
} uv4j_work;

static void work_cb(uv_work_t *uv) {
  JNIEnv *env = pool_env();
  if (env == NULL) return; /* the Java side sees no result and reports the work as failed */
  uv4j_pool_run(env, ((uv4j_loop *) uv->loop)->requests.java, ((uv4j_work *) uv)->slot);
}

static void free_request(uv_req_t *req) {
  free(req);
}

static void after_work_cb(uv_work_t *uv, int status) {
  uv4j_request_completion(uv->loop, (uv_req_t *) uv, ((uv4j_work *) uv)->slot, status,
                          free_request);
  uv4j_request_deliver(uv->loop);
}

/* Queues the work of the request under `slot`; 0 or an error. */
JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_workQueue(JNIEnv *env, jclass cls,
                                                              jlong loop, jint slot) {
  uv4j_loop *l = UV4J_PTR(uv4j_loop, loop);
  uv4j_work *req = malloc(sizeof *req);
  if (req == NULL) return UV_ENOMEM;
  req->slot = slot;
  int rc = uv4j_request_start(l, (uv_req_t *) req, slot);
  if (rc == 0) {
    rc = uv_queue_work(&l->uv, &req->uv, work_cb, after_work_cb);
    if (rc < 0) uv4j_request_abandon(l, slot);
  }
  if (rc < 0) free(req);
  return rc;
}

typedef struct uv4j_random {
  uv_random_t uv;
  jint slot;
} uv4j_random;

static void random_cb(uv_random_t *uv, int status, void *buf, size_t buflen) {
  uv4j_request_completion(uv->loop, (uv_req_t *) uv, ((uv4j_random *) uv)->slot, status,
                          free_request);
  uv4j_request_deliver(uv->loop);
}

/* Fills a direct buffer: on the pool of `loop` for the request under `slot`, or at once when
 * `loop` is 0; returns 0 or an error. */
JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_random(JNIEnv *env, jclass cls, jlong loop,
                                                           jint slot, jobject buffer,
                                                           jint offset, jint length) {
  char *base = uv4j_buffer_address(env, buffer, offset);
  if (loop == 0) return uv_random(NULL, NULL, base, (size_t) length, 0, NULL);
  uv4j_loop *l = UV4J_PTR(uv4j_loop, loop);
  uv4j_random *req = malloc(sizeof *req);
  if (req == NULL) return UV_ENOMEM;
  req->slot = slot;
  int rc = uv4j_request_start(l, (uv_req_t *) req, slot);
  if (rc == 0) {
    rc = uv_random(&l->uv, &req->uv, base, (size_t) length, 0, random_cb);
    if (rc < 0) uv4j_request_abandon(l, slot);
  }
  if (rc < 0) free(req);
  return rc;
}

/* libuv sizes its pool from getenv("UV_THREADPOOL_SIZE") at the pool's first use; this sets the
 * variable where that getenv reads it (the C runtime's copy on Windows). */
JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_threadPoolSizeSet(JNIEnv *env, jclass cls,
                                                                      jint size) {
  char value[16];
  snprintf(value, sizeof value, "%d", (int) size);
#ifdef _WIN32
  /* with a valid name and value, only memory can run out */
  return _putenv_s("UV_THREADPOOL_SIZE", value) == 0 ? 0 : UV_ENOMEM;
#else
  return setenv("UV_THREADPOOL_SIZE", value, 1) == 0 ? 0 : uv_translate_sys_error(errno);
#endif
}

/* What libuv's getenv("UV_THREADPOOL_SIZE") sees now, or null. */
JNIEXPORT jstring JNICALL Java_io_uv4j_internal_Native_threadPoolSizeVariable(JNIEnv *env,
                                                                             jclass cls) {
  const char *value = getenv("UV_THREADPOOL_SIZE");
  return value == NULL ? NULL : (*env)->NewStringUTF(env, value);
}
