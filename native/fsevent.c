/* uv_fs_event_t and uv_fs_poll_t: watching paths. */
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

/* Defines the entry points Native.<name>New, <name>Start(ptr, path, how), <name>Stop and
 * <name>Path(ptr, status) of the path watcher `kind` (fs_event or fs_poll), whose handle is a
 * `type` and whose callback is kind_cb. Start passes `how` (fs_event's flags, fs_poll's
 * interval) on; libuv copies the path. Path answers the watched path, or null with status[0]
 * the error (UV_EINVAL when the watcher is stopped). */
#define PATH_WATCHER(kind, name, type)                                                            \
  UV4J_HANDLE_NEW(name##New, type, uv_##kind##_init(uv, &handle->uv))                             \
  JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_##name##Start(                              \
      JNIEnv *env, jclass cls, jlong ptr, jbyteArray path, jint how) {                            \
    char small[256];                                                                              \
    char *chars = uv4j_c_string(env, path, small, sizeof small);                                  \
    if (chars == NULL) return UV_ENOMEM;                                                          \
    int rc = uv_##kind##_start(UV4J_PTR(uv_##kind##_t, ptr), kind##_cb, chars, (unsigned int) how); \
    uv4j_c_string_free(chars, small);                                                             \
    return rc;                                                                                    \
  }                                                                                               \
  JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_##name##Stop(JNIEnv *env, jclass cls,        \
                                                                   jlong ptr) {                   \
    return uv_##kind##_stop(UV4J_PTR(uv_##kind##_t, ptr));                                        \
  }                                                                                               \
  static int kind##_getpath(const void *handle, char *buffer, size_t *size) {                     \
    return uv_##kind##_getpath((uv_##kind##_t *) handle, buffer, size);                           \
  }                                                                                               \
  JNIEXPORT jbyteArray JNICALL Java_io_uv4j_internal_Native_##name##Path(                         \
      JNIEnv *env, jclass cls, jlong ptr, jintArray status) {                                     \
    jbyteArray out;                                                                               \
    jint rc = uv4j_get_string(env, kind##_getpath, UV4J_PTR(void, ptr), &out);                    \
    if (!(*env)->ExceptionCheck(env)) (*env)->SetIntArrayRegion(env, status, 0, 1, &rc);          \
    return out;                                                                                   \
  }

PATH_WATCHER(fs_event, fsEvent, uv4j_fs_event)
PATH_WATCHER(fs_poll, fsPoll, uv4j_fs_poll)

/* During an event: the file name it is about (may be null), UTF-8. */
JNIEXPORT jbyteArray JNICALL Java_io_uv4j_internal_Native_fsEventFilename(JNIEnv *env,
                                                                          jclass cls,
                                                                          jlong ptr) {
  return uv4j_string_bytes(env, UV4J_PTR(uv4j_fs_event, ptr)->filename);
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
