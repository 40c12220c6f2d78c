/* uv_timer_t */
#include "uv4j.h"
#include "io_uv4j_internal_Native.h"

UV4J_FIRED_CB(timer)

UV4J_HANDLE_NEW(timerNew, uv_timer_t, uv_timer_init(uv, handle))

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_timerStart(JNIEnv *env, jclass cls, jlong ptr,
                                                               jlong timeout, jlong repeat) {
  return uv_timer_start(UV4J_PTR(uv_timer_t, ptr), timer_fired_cb, (uint64_t) timeout,
                        (uint64_t) repeat);
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_timerStop(JNIEnv *env, jclass cls, jlong ptr) {
  return uv_timer_stop(UV4J_PTR(uv_timer_t, ptr));
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_timerAgain(JNIEnv *env, jclass cls,
                                                               jlong ptr) {
  return uv_timer_again(UV4J_PTR(uv_timer_t, ptr));
}

JNIEXPORT void JNICALL Java_io_uv4j_internal_Native_timerSetRepeat(JNIEnv *env, jclass cls,
                                                                   jlong ptr, jlong repeat) {
  uv_timer_set_repeat(UV4J_PTR(uv_timer_t, ptr), (uint64_t) repeat);
}

JNIEXPORT jlong JNICALL Java_io_uv4j_internal_Native_timerGetRepeat(JNIEnv *env, jclass cls,
                                                                    jlong ptr) {
  return (jlong) uv_timer_get_repeat(UV4J_PTR(uv_timer_t, ptr));
}

JNIEXPORT jlong JNICALL Java_io_uv4j_internal_Native_timerGetDueIn(JNIEnv *env, jclass cls,
                                                                   jlong ptr) {
  return (jlong) uv_timer_get_due_in(UV4J_PTR(uv_timer_t, ptr));
}
