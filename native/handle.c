/* uv_handle_t: what every handle kind shares. */
#include <stdlib.h>
#include "uv4j.h"
#include "io_uv4j_internal_Native.h"

uv_handle_t *uv4j_handle_alloc(JNIEnv *env, size_t size, jobject peer) {
  uv_handle_t *handle = calloc(1, size);
  if (handle == NULL) return NULL;
  handle->data = (*env)->NewGlobalRef(env, peer);
  if (handle->data == NULL) {
    if ((*env)->ExceptionCheck(env)) (*env)->ExceptionClear(env);
    free(handle);
    return NULL;
  }
  return handle;
}

void uv4j_handle_free(JNIEnv *env, uv_handle_t *handle) {
  (*env)->DeleteGlobalRef(env, handle->data);
  free(handle);
}

jlong uv4j_handle_initialized(JNIEnv *env, uv_handle_t *handle, int rc) {
  if (rc < 0) {
    uv4j_handle_free(env, handle);
    return rc;
  }
  return UV4J_JPTR(handle);
}

void uv4j_fired_cb(uv_handle_t *handle) {
  uv4j_upcall(handle->loop, handle->data, UV4J_EVENT_FIRED, 0);
}

void uv4j_close_cb(uv_handle_t *handle) {
  uv4j_loop *loop = (uv4j_loop *) handle->loop;
  uv4j_upcall(handle->loop, handle->data, UV4J_EVENT_CLOSED, 0);
  if (!uv4j_stream_outlives_close(handle)) uv4j_handle_free(loop->env, handle);
}

JNIEXPORT void JNICALL Java_io_uv4j_internal_Native_handleClose(JNIEnv *env, jclass cls,
                                                                jlong ptr) {
  uv_close(UV4J_PTR(uv_handle_t, ptr), uv4j_close_cb);
}

JNIEXPORT void JNICALL Java_io_uv4j_internal_Native_handleRef(JNIEnv *env, jclass cls, jlong ptr) {
  uv_ref(UV4J_PTR(uv_handle_t, ptr));
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_handleFileno(JNIEnv *env, jclass cls,
                                                                 jlong ptr, jlongArray out) {
  uv_os_fd_t fd;
  int rc = uv_fileno(UV4J_PTR(uv_handle_t, ptr), &fd);
  if (rc < 0) return rc;
  jlong value = (jlong) (intptr_t) fd;
  (*env)->SetLongArrayRegion(env, out, 0, 1, &value);
  return 0;
}

/* uv_send_buffer_size / uv_recv_buffer_size: value 0 reads the size, else sets it. */
JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_handleBufferSize(JNIEnv *env, jclass cls,
                                                                     jlong ptr, jboolean send,
                                                                     jint value) {
  int size = value;
  uv_handle_t *handle = UV4J_PTR(uv_handle_t, ptr);
  int rc = send ? uv_send_buffer_size(handle, &size) : uv_recv_buffer_size(handle, &size);
  return rc < 0 ? rc : size;
}

JNIEXPORT void JNICALL Java_io_uv4j_internal_Native_handleUnref(JNIEnv *env, jclass cls,
                                                                jlong ptr) {
  uv_unref(UV4J_PTR(uv_handle_t, ptr));
}

JNIEXPORT jboolean JNICALL Java_io_uv4j_internal_Native_handleHasRef(JNIEnv *env, jclass cls,
                                                                     jlong ptr) {
  return uv_has_ref(UV4J_PTR(uv_handle_t, ptr)) ? JNI_TRUE : JNI_FALSE;
}

JNIEXPORT jboolean JNICALL Java_io_uv4j_internal_Native_handleIsActive(JNIEnv *env, jclass cls,
                                                                       jlong ptr) {
  return uv_is_active(UV4J_PTR(uv_handle_t, ptr)) ? JNI_TRUE : JNI_FALSE;
}

JNIEXPORT jstring JNICALL Java_io_uv4j_internal_Native_handleTypeName(JNIEnv *env, jclass cls,
                                                                      jint type) {
  const char *name = uv_handle_type_name((uv_handle_type) type);
  return name == NULL ? NULL : (*env)->NewStringUTF(env, name);
}

JNIEXPORT jstring JNICALL Java_io_uv4j_internal_Native_requestTypeName(JNIEnv *env, jclass cls,
                                                                       jint type) {
  const char *name = uv_req_type_name((uv_req_type) type);
  return name == NULL ? NULL : (*env)->NewStringUTF(env, name);
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_handleType(JNIEnv *env, jclass cls,
                                                               jlong ptr) {
  return (jint) uv_handle_get_type(UV4J_PTR(uv_handle_t, ptr));
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_guessHandle(JNIEnv *env, jclass cls,
                                                                jint fd) {
  return (jint) uv_guess_handle((uv_file) fd);
}
