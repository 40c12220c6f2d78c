/* uv_idle_t, uv_prepare_t, uv_check_t: handles that fire once per loop iteration. */
#include "uv4j.h"
#include "io_uv4j_internal_Native.h"

#define UV4J_LOOP_WATCHER(kind, Kind)                                                       \
  static void kind##_cb(uv_##kind##_t *handle) {                                            \
    uv4j_fired_cb((uv_handle_t *) handle);                                                  \
  }                                                                                         \
  JNIEXPORT jlong JNICALL Java_io_uv4j_internal_Native_##kind##New(JNIEnv *env, jclass cls, \
                                                                   jlong loop, jobject peer) { \
    uv_##kind##_t *handle = (uv_##kind##_t *) uv4j_handle_alloc(env, sizeof *handle, peer); \
    if (handle == NULL) return UV_ENOMEM;                                                   \
    uv_##kind##_init(&UV4J_PTR(uv4j_loop, loop)->uv, handle);                               \
    return UV4J_JPTR(handle);                                                               \
  }                                                                                         \
  JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_##kind##Start(JNIEnv *env, jclass cls, \
                                                                    jlong ptr) {            \
    return uv_##kind##_start(UV4J_PTR(uv_##kind##_t, ptr), kind##_cb);                      \
  }                                                                                         \
  JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_##kind##Stop(JNIEnv *env, jclass cls, \
                                                                   jlong ptr) {             \
    return uv_##kind##_stop(UV4J_PTR(uv_##kind##_t, ptr));                                  \
  }

UV4J_LOOP_WATCHER(idle, Idle)
UV4J_LOOP_WATCHER(prepare, Prepare)
UV4J_LOOP_WATCHER(check, Check)

static void idle_noop_cb(uv_idle_t *handle) {}

/* Starts an idle handle that only keeps the poll phase from blocking: no upcall per iteration. */
JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_idleStartQuiet(JNIEnv *env, jclass cls,
                                                                   jlong ptr) {
  return uv_idle_start(UV4J_PTR(uv_idle_t, ptr), idle_noop_cb);
}
