/* uv_fs_event_t and uv_fs_poll_t: watching paths. */
#include <string.h>
#include "uv4j.h"
#include "io_uv4j_internal_Native.h"

/* An fs event handle with the file name of the event being delivered. */
typedef struct uv4j_fs_event {
  uv_fs_event_t uv;
  const char *filename;
} uv4j_fs_event;

/* An fs poll handle with the two stats of the change being delivered. */
typedef struct uv4j_fs_poll {
  uv_fs_poll_t uv;
  const uv_stat_t *prev;
  const uv_stat_t *curr;
} uv4j_fs_poll;

static void fs_event_cb(uv_fs_event_t *handle, const char *filename, int events, int status) {
  ((uv4j_fs_event *) handle)->filename = filename;
  uv4j_upcall(handle->loop, handle->data, UV4J_EVENT_FIRED, status < 0 ? status : events);
  ((uv4j_fs_event *) handle)->filename = NULL;
}

static void fs_poll_cb(uv_fs_poll_t *handle, int status, const uv_stat_t *prev,
                       const uv_stat_t *curr) {
  uv4j_fs_poll *poll = (uv4j_fs_poll *) handle;
  poll->prev = prev;
  poll->curr = curr;
  uv4j_upcall(handle->loop, handle->data, UV4J_EVENT_FIRED, status);
  poll->prev = poll->curr = NULL;
}

static jbyteArray path_bytes(JNIEnv *env, uv_handle_t *handle,
                             int (*getpath)(uv_handle_t *, char *, size_t *), jintArray status) {
  char buf[4096];
  size_t len = sizeof buf;
  jint rc = getpath(handle, buf, &len);
  (*env)->SetIntArrayRegion(env, status, 0, 1, &rc);
  if (rc < 0 || (*env)->ExceptionCheck(env)) return NULL;
  jbyteArray out = (*env)->NewByteArray(env, (jsize) len);
  if (out != NULL) (*env)->SetByteArrayRegion(env, out, 0, (jsize) len, (const jbyte *) buf);
  return out;
}

static char *path_chars(JNIEnv *env, jbyteArray path, char *small, size_t small_len) {
  jsize len = (*env)->GetArrayLength(env, path);
  if ((size_t) len >= small_len) return NULL;
  (*env)->GetByteArrayRegion(env, path, 0, len, (jbyte *) small);
  small[len] = '\0';
  return small;
}

JNIEXPORT jlong JNICALL Java_io_uv4j_internal_Native_fsEventNew(JNIEnv *env, jclass cls,
                                                                jlong loop, jobject peer) {
  uv4j_fs_event *h = (uv4j_fs_event *) uv4j_handle_alloc(env, sizeof *h, peer);
  if (h == NULL) return UV_ENOMEM;
  int rc = uv_fs_event_init(&UV4J_PTR(uv4j_loop, loop)->uv, &h->uv);
  if (rc < 0) {
    uv4j_handle_free(env, (uv_handle_t *) h);
    return rc;
  }
  return UV4J_JPTR(h);
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_fsEventStart(JNIEnv *env, jclass cls,
                                                                 jlong ptr, jbyteArray path,
                                                                 jint flags) {
  char buf[4096];
  if (path_chars(env, path, buf, sizeof buf) == NULL) return UV_ENAMETOOLONG;
  return uv_fs_event_start(UV4J_PTR(uv_fs_event_t, ptr), fs_event_cb, buf, (unsigned int) flags);
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_fsEventStop(JNIEnv *env, jclass cls,
                                                                jlong ptr) {
  return uv_fs_event_stop(UV4J_PTR(uv_fs_event_t, ptr));
}

/* During an event: the file name it is about (may be null), UTF-8. */
JNIEXPORT jbyteArray JNICALL Java_io_uv4j_internal_Native_fsEventFilename(JNIEnv *env,
                                                                          jclass cls,
                                                                          jlong ptr) {
  const char *name = UV4J_PTR(uv4j_fs_event, ptr)->filename;
  if (name == NULL) return NULL;
  jsize len = (jsize) strlen(name);
  jbyteArray out = (*env)->NewByteArray(env, len);
  if (out != NULL) (*env)->SetByteArrayRegion(env, out, 0, len, (const jbyte *) name);
  return out;
}

static int fs_event_getpath(uv_handle_t *h, char *buf, size_t *len) {
  return uv_fs_event_getpath((uv_fs_event_t *) h, buf, len);
}

JNIEXPORT jbyteArray JNICALL Java_io_uv4j_internal_Native_fsEventPath(JNIEnv *env, jclass cls,
                                                                      jlong ptr,
                                                                      jintArray status) {
  return path_bytes(env, UV4J_PTR(uv_handle_t, ptr), fs_event_getpath, status);
}

JNIEXPORT jlong JNICALL Java_io_uv4j_internal_Native_fsPollNew(JNIEnv *env, jclass cls,
                                                               jlong loop, jobject peer) {
  uv4j_fs_poll *h = (uv4j_fs_poll *) uv4j_handle_alloc(env, sizeof *h, peer);
  if (h == NULL) return UV_ENOMEM;
  int rc = uv_fs_poll_init(&UV4J_PTR(uv4j_loop, loop)->uv, &h->uv);
  if (rc < 0) {
    uv4j_handle_free(env, (uv_handle_t *) h);
    return rc;
  }
  return UV4J_JPTR(h);
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_fsPollStart(JNIEnv *env, jclass cls,
                                                                jlong ptr, jbyteArray path,
                                                                jint interval) {
  char buf[4096];
  if (path_chars(env, path, buf, sizeof buf) == NULL) return UV_ENAMETOOLONG;
  return uv_fs_poll_start(UV4J_PTR(uv_fs_poll_t, ptr), fs_poll_cb, buf, (unsigned int) interval);
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_fsPollStop(JNIEnv *env, jclass cls,
                                                               jlong ptr) {
  return uv_fs_poll_stop(UV4J_PTR(uv_fs_poll_t, ptr));
}

/* During a poll callback: previous then current stat, UV4J_STAT_LONGS longs each (see fsResultStat). */
JNIEXPORT void JNICALL Java_io_uv4j_internal_Native_fsPollStats(JNIEnv *env, jclass cls,
                                                                jlong ptr, jlongArray out) {
  uv4j_fs_poll *poll = UV4J_PTR(uv4j_fs_poll, ptr);
  jlong v[2 * UV4J_STAT_LONGS];
  uv4j_stat_to_longs(poll->prev, v);
  uv4j_stat_to_longs(poll->curr, v + UV4J_STAT_LONGS);
  (*env)->SetLongArrayRegion(env, out, 0, 2 * UV4J_STAT_LONGS, v);
}

static int fs_poll_getpath(uv_handle_t *h, char *buf, size_t *len) {
  return uv_fs_poll_getpath((uv_fs_poll_t *) h, buf, len);
}

JNIEXPORT jbyteArray JNICALL Java_io_uv4j_internal_Native_fsPollPath(JNIEnv *env, jclass cls,
                                                                     jlong ptr,
                                                                     jintArray status) {
  return path_bytes(env, UV4J_PTR(uv_handle_t, ptr), fs_poll_getpath, status);
}
