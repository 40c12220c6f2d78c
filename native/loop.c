/* uv_loop_t: create, run, stop, close, metrics, walk. */
#if defined(__linux__) && !defined(_GNU_SOURCE)
#define _GNU_SOURCE /* pthread_getattr_np */
#endif
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(_MSC_VER)
#include <intrin.h>
#endif
#if !defined(_WIN32)
#include <pthread.h>
#endif
#include "uv4j.h"
#include "io_uv4j_internal_Native.h"

JNIEXPORT jlong JNICALL Java_io_uv4j_internal_Native_loopNew(JNIEnv *env, jclass cls) {
  uv4j_loop *loop = calloc(1, sizeof *loop);
  if (loop == NULL) return UV_ENOMEM;
  int rc = uv_loop_init(&loop->uv);
  if (rc < 0) {
    free(loop);
    return rc;
  }
  uv4j_request_table_init(loop);
  return UV4J_JPTR(loop);
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_loopRun(JNIEnv *env, jclass cls, jlong ptr,
                                                            jint mode) {
  uv4j_loop *loop = UV4J_PTR(uv4j_loop, ptr);
  JNIEnv *outer = loop->env;
  loop->env = env;
  int alive = uv_run(&loop->uv, (uv_run_mode) mode);
  loop->env = outer;
  if (loop->escaped != NULL) {
    jthrowable escaped = loop->escaped;
    loop->escaped = NULL;
    (*env)->Throw(env, escaped);
    (*env)->DeleteGlobalRef(env, escaped);
  }
  return alive;
}

JNIEXPORT void JNICALL Java_io_uv4j_internal_Native_loopStop(JNIEnv *env, jclass cls, jlong ptr) {
  uv_stop(&UV4J_PTR(uv4j_loop, ptr)->uv);
}

JNIEXPORT jboolean JNICALL Java_io_uv4j_internal_Native_loopAlive(JNIEnv *env, jclass cls,
                                                                  jlong ptr) {
  return uv_loop_alive(&UV4J_PTR(uv4j_loop, ptr)->uv) ? JNI_TRUE : JNI_FALSE;
}

JNIEXPORT jlong JNICALL Java_io_uv4j_internal_Native_loopNow(JNIEnv *env, jclass cls, jlong ptr) {
  return (jlong) uv_now(&UV4J_PTR(uv4j_loop, ptr)->uv);
}

JNIEXPORT void JNICALL Java_io_uv4j_internal_Native_loopUpdateTime(JNIEnv *env, jclass cls,
                                                                   jlong ptr) {
  uv_update_time(&UV4J_PTR(uv4j_loop, ptr)->uv);
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_loopClose(JNIEnv *env, jclass cls, jlong ptr) {
  uv4j_loop *loop = UV4J_PTR(uv4j_loop, ptr);
  int rc = uv_loop_close(&loop->uv);
  if (rc == 0) {
    uv4j_request_table_free(env, loop);
    free(loop);
  }
  return rc;
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_loopBackendFd(JNIEnv *env, jclass cls,
                                                                  jlong ptr) {
  return uv_backend_fd(&UV4J_PTR(uv4j_loop, ptr)->uv);
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_loopBackendTimeout(JNIEnv *env, jclass cls,
                                                                       jlong ptr) {
  return uv_backend_timeout(&UV4J_PTR(uv4j_loop, ptr)->uv);
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_loopEnableIdleTimeMetrics(JNIEnv *env,
                                                                              jclass cls,
                                                                              jlong ptr) {
  return uv_loop_configure(&UV4J_PTR(uv4j_loop, ptr)->uv, UV_METRICS_IDLE_TIME);
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_loopBlockSignal(JNIEnv *env, jclass cls,
                                                                  jlong ptr, jint signum) {
  return uv_loop_configure(&UV4J_PTR(uv4j_loop, ptr)->uv, UV_LOOP_BLOCK_SIGNAL, (int) signum);
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_loopUseIoUringSqpoll(JNIEnv *env, jclass cls,
                                                                       jlong ptr) {
  return uv_loop_configure(&UV4J_PTR(uv4j_loop, ptr)->uv, UV_LOOP_USE_IO_URING_SQPOLL);
}

/* The one signal UV_LOOP_BLOCK_SIGNAL accepts, or 0 where the platform has no SIGPROF. */
JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_loopBlockableSignal(JNIEnv *env, jclass cls) {
#ifdef SIGPROF
  return SIGPROF;
#else
  return 0;
#endif
}

/* uv_print_all_handles / uv_print_active_handles into a temporary file, read back whole. */
JNIEXPORT jstring JNICALL Java_io_uv4j_internal_Native_loopPrintHandles(JNIEnv *env, jclass cls,
                                                                      jlong ptr,
                                                                      jboolean active_only,
                                                                      jintArray status) {
  jint error = 0;
  char *text = NULL;
  FILE *file = tmpfile();
  if (file == NULL) {
    error = uv_translate_sys_error(errno);
  } else {
    uv_loop_t *loop = &UV4J_PTR(uv4j_loop, ptr)->uv;
    if (active_only) uv_print_active_handles(loop, file);
    else uv_print_all_handles(loop, file);
    long size = fflush(file) == 0 && fseek(file, 0, SEEK_END) == 0 ? ftell(file) : -1;
    if (size < 0) {
      error = uv_translate_sys_error(errno);
    } else if ((text = malloc((size_t) size + 1)) == NULL) {
      error = UV_ENOMEM;
    } else {
      rewind(file);
      if (fread(text, 1, (size_t) size, file) != (size_t) size) error = UV_EIO;
      text[size] = '\0';
    }
    fclose(file);
  }
  jstring out = NULL;
  if (error == 0) out = (*env)->NewStringUTF(env, text); /* libuv prints ASCII only */
  free(text);
  if (error != 0) (*env)->SetIntArrayRegion(env, status, 0, 1, &error);
  return out;
}

JNIEXPORT jlong JNICALL Java_io_uv4j_internal_Native_loopIdleTime(JNIEnv *env, jclass cls,
                                                                  jlong ptr) {
  return (jlong) uv_metrics_idle_time(&UV4J_PTR(uv4j_loop, ptr)->uv);
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_loopMetricsInfo(JNIEnv *env, jclass cls,
                                                                    jlong ptr, jlongArray out) {
  uv_metrics_t metrics;
  int rc = uv_metrics_info(&UV4J_PTR(uv4j_loop, ptr)->uv, &metrics);
  if (rc < 0) return rc;
  jlong values[UV4J_LOOP_METRICS_LONGS] = {(jlong) metrics.loop_count, (jlong) metrics.events,
                     (jlong) metrics.events_waiting};
  (*env)->SetLongArrayRegion(env, out, 0, UV4J_LOOP_METRICS_LONGS, values);
  return 0;
}

typedef struct walk_state {
  JNIEnv *env;
  jobjectArray peers;
  jsize count;
} walk_state;

static void count_cb(uv_handle_t *handle, void *arg) {
  ((walk_state *) arg)->count++;
}

static void collect_cb(uv_handle_t *handle, void *arg) {
  walk_state *state = arg;
  if (state->peers == NULL || (*state->env)->ExceptionCheck(state->env)) return;
  (*state->env)->SetObjectArrayElement(state->env, state->peers, state->count++, handle->data);
}

JNIEXPORT jobjectArray JNICALL Java_io_uv4j_internal_Native_loopWalk(JNIEnv *env, jclass cls,
                                                                     jlong ptr) {
  uv_loop_t *uv = &UV4J_PTR(uv4j_loop, ptr)->uv;
  walk_state state = {env, NULL, 0};
  uv_walk(uv, count_cb, &state);
  state.peers = (*env)->NewObjectArray(env, state.count, uv4j_object_class, NULL);
  if (state.peers == NULL) return NULL;
  state.count = 0;
  uv_walk(uv, collect_cb, &state);
  return state.peers;
}

/* The loop's time after refreshing it from the clock, as Node reads it for its timers. */
JNIEXPORT jlong JNICALL Java_io_uv4j_internal_Native_loopUpdatedNow(JNIEnv *env, jclass cls,
                                                                    jlong ptr) {
  uv_loop_t *loop = &UV4J_PTR(uv4j_loop, ptr)->uv;
  uv_update_time(loop);
  return (jlong) uv_now(loop);
}

/* The calling thread's stack as [low, high), or low = NULL where the platform does not say. */
static void stack_bounds(char **low, char **high) {
  *low = *high = NULL;
#if defined(_WIN32)
  ULONG_PTR lo, hi;
  GetCurrentThreadStackLimits(&lo, &hi);
  *low = (char *) lo;
  *high = (char *) hi;
#elif defined(__APPLE__)
  *high = (char *) pthread_get_stackaddr_np(pthread_self());
  *low = *high - pthread_get_stacksize_np(pthread_self());
#elif defined(__linux__)
  pthread_attr_t attr;
  void *addr;
  size_t size;
  if (pthread_getattr_np(pthread_self(), &attr) != 0) return;
  int rc = pthread_attr_getstack(&attr, &addr, &size);
  pthread_attr_destroy(&attr);
  if (rc != 0) return;
  *low = addr;
  *high = *low + size;
#endif
}

/* A thread's stack bounds never change, and asking costs a system call on Linux (about half a
 * microsecond), so each thread asks once; every run() of a loop asks how much stack is left. */
static uv_key_t stack_low_key, stack_high_key;
static int stack_keys_ok;
static uv_once_t stack_keys_once = UV_ONCE_INIT;

static void init_stack_keys(void) {
  stack_keys_ok = uv_key_create(&stack_low_key) == 0;
  if (stack_keys_ok && uv_key_create(&stack_high_key) != 0) {
    uv_key_delete(&stack_low_key);
    stack_keys_ok = 0;
  }
}

/* How many bytes of stack the calling thread has left below this frame, or -1 where the
 * platform does not say. The frame address, not a local's: under AddressSanitizer locals may
 * live on a heap-allocated fake stack. */
JNIEXPORT jlong JNICALL Java_io_uv4j_internal_Native_stackRemaining(JNIEnv *env, jclass cls) {
#if defined(_MSC_VER)
  char *here = (char *) _AddressOfReturnAddress();
#else
  char *here = (char *) __builtin_frame_address(0);
#endif
  char *low, *high;
  uv_once(&stack_keys_once, init_stack_keys);
  if (stack_keys_ok && (low = uv_key_get(&stack_low_key)) != NULL) {
    high = uv_key_get(&stack_high_key);
  } else {
    stack_bounds(&low, &high);
    if (stack_keys_ok && low != NULL) {
      uv_key_set(&stack_low_key, low);
      uv_key_set(&stack_high_key, high);
    }
  }
  if (low == NULL || here <= low || here > high) return -1;
  return (jlong) (here - low);
}
