/* uv_tty_t */
#include "uv4j.h"
#include "io_uv4j_internal_Native.h"

JNIEXPORT jlong JNICALL Java_io_uv4j_internal_Native_ttyNew(JNIEnv *env, jclass cls, jlong loop,
                                                            jobject peer, jint fd) {
  uv4j_stream *tty = (uv4j_stream *) uv4j_handle_alloc(env, sizeof *tty, peer);
  if (tty == NULL) return UV_ENOMEM;
  return uv4j_handle_initialized(
      env, (uv_handle_t *) tty,
      uv_tty_init(&UV4J_PTR(uv4j_loop, loop)->uv, &tty->uv.tty, (uv_file) fd, 0));
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_ttySetMode(JNIEnv *env, jclass cls, jlong ptr,
                                                               jint mode) {
  return uv_tty_set_mode(UV4J_PTR(uv_tty_t, ptr), (uv_tty_mode_t) mode);
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_ttyResetMode(JNIEnv *env, jclass cls) {
  return uv_tty_reset_mode();
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_ttyWindowSize(JNIEnv *env, jclass cls,
                                                                  jlong ptr, jintArray out) {
  int size[2];
  int rc = uv_tty_get_winsize(UV4J_PTR(uv_tty_t, ptr), &size[0], &size[1]);
  if (rc < 0) return rc;
  jint values[2] = {size[0], size[1]};
  (*env)->SetIntArrayRegion(env, out, 0, 2, values);
  return 0;
}

JNIEXPORT jboolean JNICALL Java_io_uv4j_internal_Native_ttyIsTty(JNIEnv *env, jclass cls,
                                                                 jint fd) {
  return uv_guess_handle((uv_file) fd) == UV_TTY ? JNI_TRUE : JNI_FALSE;
}

/* The state (uv_tty_vtermstate_t, 0 or more), or a negative error. */
JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_ttyVtermState(JNIEnv *env, jclass cls) {
  uv_tty_vtermstate_t state;
  int rc = uv_tty_get_vterm_state(&state);
  return rc < 0 ? rc : (jint) state;
}

JNIEXPORT void JNICALL Java_io_uv4j_internal_Native_ttySetVtermState(JNIEnv *env, jclass cls,
                                                                     jint state) {
  uv_tty_set_vterm_state((uv_tty_vtermstate_t) state);
}
