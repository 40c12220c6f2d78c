/* uv_idle_t, uv_prepare_t, uv_check_t: handles that fire once per loop iteration. */
#include "uv4j.h"
#include "io_uv4j_internal_Native.h"

#define UV4J_LOOP_WATCHER(kind)                                                              \
  UV4J_FIRED_CB(kind)                                                                        \
  UV4J_HANDLE_NEW(kind##New, uv_##kind##_t, uv_##kind##_init(uv, handle))                    \
  JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_##kind##Start(JNIEnv *env, jclass cls,  \
                                                                    jlong ptr) {             \
    return uv_##kind##_start(UV4J_PTR(uv_##kind##_t, ptr), kind##_fired_cb);                 \
  }                                                                                          \
  JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_##kind##Stop(JNIEnv *env, jclass cls,   \
                                                                   jlong ptr) {              \
    return uv_##kind##_stop(UV4J_PTR(uv_##kind##_t, ptr));                                   \
  }

UV4J_LOOP_WATCHER(idle)
UV4J_LOOP_WATCHER(prepare)
UV4J_LOOP_WATCHER(check)

static void idle_noop_cb(uv_idle_t *handle) {}

/* Starts an idle handle that only keeps the poll phase from blocking: no upcall per iteration. */
JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_idleStartQuiet(JNIEnv *env, jclass cls,
                                                                   jlong ptr) {
  return uv_idle_start(UV4J_PTR(uv_idle_t, ptr), idle_noop_cb);
}
