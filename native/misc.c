/* Library-wide facts: version, clock, error names, and the numbers Java shares with C. */
#include <stddef.h>
#include "uv4j.h"
#include "io_uv4j_internal_Native.h"
#include "fs_ops.h"

#define UV4J_ERROR_ENTRY(name, _) {#name, UV_##name},
static const uv4j_named_value error_table[] = {UV_ERRNO_MAP(UV4J_ERROR_ENTRY)};

/* Every number whose meaning C and Java share, under its C name. Java reads each by that name at
 * load (Native.constant); a public Java constant that must stay a compile-time constant is
 * compared with its entry by a test instead. */
#define UV4J_CONSTANT_ENTRY(name) {#name, name},
#define UV4J_TYPE_ENTRY(name, _) UV4J_CONSTANT_ENTRY(UV_##name)
/* each fs operation's op code (its uv_fs_type) and result kind, and the result kinds */
#define UV4J_FS_OP_ENTRIES(name, shape, result, call) \
  UV4J_CONSTANT_ENTRY(UV_FS_##name) {"UV4J_FS_" #name "_RESULT", UV4J_FS_RESULT_##result},
#define UV4J_FS_RESULT_ENTRY(kind) UV4J_CONSTANT_ENTRY(UV4J_FS_RESULT_##kind)
static const uv4j_named_value constant_table[] = {
    UV4J_CONSTANT_ENTRY(UV_UNKNOWN_HANDLE)
    UV_HANDLE_TYPE_MAP(UV4J_TYPE_ENTRY)
    UV4J_CONSTANT_ENTRY(UV_FILE)
    UV4J_CONSTANT_ENTRY(UV_UNKNOWN_REQ)
    UV_REQ_TYPE_MAP(UV4J_TYPE_ENTRY)
    UV4J_CONSTANT_ENTRY(UV_FS_O_RDONLY)
    UV4J_CONSTANT_ENTRY(UV_FS_O_WRONLY)
    UV4J_CONSTANT_ENTRY(UV_FS_O_RDWR)
    UV4J_CONSTANT_ENTRY(UV_FS_O_CREAT)
    UV4J_CONSTANT_ENTRY(UV_FS_O_EXCL)
    UV4J_CONSTANT_ENTRY(UV_FS_O_TRUNC)
    UV4J_CONSTANT_ENTRY(UV_FS_O_APPEND)
    UV4J_CONSTANT_ENTRY(UV_FS_O_SYNC)
    UV4J_CONSTANT_ENTRY(UV_FS_O_DSYNC)
    UV4J_CONSTANT_ENTRY(UV_FS_O_DIRECTORY)
    UV4J_CONSTANT_ENTRY(UV_FS_O_NOFOLLOW)
    UV4J_CONSTANT_ENTRY(UV_FS_O_NOATIME)
    UV4J_CONSTANT_ENTRY(UV_FS_O_NOCTTY)
    UV4J_CONSTANT_ENTRY(UV_FS_O_NONBLOCK)
    UV4J_CONSTANT_ENTRY(UV_FS_O_DIRECT)
    UV4J_CONSTANT_ENTRY(UV_PRIORITY_LOW)
    UV4J_CONSTANT_ENTRY(UV_PRIORITY_BELOW_NORMAL)
    UV4J_CONSTANT_ENTRY(UV_PRIORITY_NORMAL)
    UV4J_CONSTANT_ENTRY(UV_PRIORITY_ABOVE_NORMAL)
    UV4J_CONSTANT_ENTRY(UV_PRIORITY_HIGH)
    UV4J_CONSTANT_ENTRY(UV_PRIORITY_HIGHEST)
    UV4J_CONSTANT_ENTRY(UV_CLOCK_MONOTONIC)
    UV4J_CONSTANT_ENTRY(UV_CLOCK_REALTIME)
    UV4J_CONSTANT_ENTRY(AF_UNSPEC)
    UV4J_CONSTANT_ENTRY(AF_INET)
    UV4J_CONSTANT_ENTRY(AF_INET6)
    UV4J_CONSTANT_ENTRY(SOCK_STREAM)
    UV4J_CONSTANT_ENTRY(SOCK_DGRAM)
    UV4J_CONSTANT_ENTRY(UV_UDP_MMSG_CHUNK)
    UV4J_CONSTANT_ENTRY(UV_UDP_MMSG_FREE)
    UV4J_CONSTANT_ENTRY(UV4J_UDP_DGRAM_MAXSIZE)
    UV4J_CONSTANT_ENTRY(UV4J_EVENT_CLOSED)
    UV4J_CONSTANT_ENTRY(UV4J_EVENT_FIRED)
    UV4J_CONSTANT_ENTRY(UV4J_EVENT_READ)
    UV4J_CONSTANT_ENTRY(UV4J_EVENT_CONNECTION)
    UV4J_CONSTANT_ENTRY(UV4J_EVENT_DONE)
    UV4J_CONSTANT_ENTRY(UV4J_EVENT_WRITTEN)
    UV4J_CONSTANT_ENTRY(UV4J_SOCKADDR_LEN)
    UV4J_CONSTANT_ENTRY(UV4J_STAT_LONGS)
    UV4J_CONSTANT_ENTRY(UV4J_FS_SYNC)
    UV4J_CONSTANT_ENTRY(UV4J_COMPLETION_SLOT)
    UV4J_CONSTANT_ENTRY(UV4J_COMPLETION_RESULT)
    UV4J_CONSTANT_ENTRY(UV4J_COMPLETION_REQUEST)
    UV4J_CONSTANT_ENTRY(UV4J_COMPLETION_STAT)
    UV4J_CONSTANT_ENTRY(UV4J_COMPLETION_SIZE)
    UV4J_CONSTANT_ENTRY(UV4J_COMPLETIONS_MAX)
    UV4J_CONSTANT_ENTRY(UV4J_STATFS_LONGS)
    UV4J_CONSTANT_ENTRY(UV4J_LOOP_METRICS_LONGS)
    UV4J_CONSTANT_ENTRY(UV4J_UDP_MULTICAST_LOOP)
    UV4J_CONSTANT_ENTRY(UV4J_UDP_MULTICAST_TTL)
    UV4J_CONSTANT_ENTRY(UV4J_UDP_BROADCAST)
    UV4J_CONSTANT_ENTRY(UV4J_UDP_TTL)
    UV4J_CONSTANT_ENTRY(UV4J_SIGNAL_DEFAULT)
    UV4J_CONSTANT_ENTRY(UV4J_SIGNAL_IGNORED)
    UV4J_CONSTANT_ENTRY(UV4J_SIGNAL_HANDLED)
    UV4J_CONSTANT_ENTRY(UV_TTY_MODE_NORMAL)
    UV4J_CONSTANT_ENTRY(UV_TTY_MODE_RAW)
    UV4J_CONSTANT_ENTRY(UV_TTY_MODE_IO)
    UV4J_CONSTANT_ENTRY(UV_TTY_SUPPORTED)
    UV4J_CONSTANT_ENTRY(UV_TTY_UNSUPPORTED)
    UV4J_CONSTANT_ENTRY(UV_IGNORE)
    UV4J_CONSTANT_ENTRY(UV_CREATE_PIPE)
    UV4J_CONSTANT_ENTRY(UV_INHERIT_FD)
    UV4J_CONSTANT_ENTRY(UV_INHERIT_STREAM)
    UV4J_CONSTANT_ENTRY(UV_READABLE_PIPE)
    UV4J_CONSTANT_ENTRY(UV_WRITABLE_PIPE)
    UV4J_CONSTANT_ENTRY(UV_NONBLOCK_PIPE)
    UV4J_CONSTANT_ENTRY(UV_PROCESS_SETUID)
    UV4J_CONSTANT_ENTRY(UV_PROCESS_SETGID)
    UV4J_CONSTANT_ENTRY(UV_PROCESS_WINDOWS_VERBATIM_ARGUMENTS)
    UV4J_CONSTANT_ENTRY(UV_PROCESS_DETACHED)
    UV4J_CONSTANT_ENTRY(UV_PROCESS_WINDOWS_HIDE)
    UV4J_CONSTANT_ENTRY(UV_UDP_IPV6ONLY)
    UV4J_CONSTANT_ENTRY(UV_UDP_REUSEADDR)
    UV4J_CONSTANT_ENTRY(UV_UDP_PARTIAL)
    UV4J_CONSTANT_ENTRY(UV_TCP_IPV6ONLY)
    UV4J_CONSTANT_ENTRY(UV_TCP_REUSEPORT)
    UV4J_CONSTANT_ENTRY(UV_READABLE)
    UV4J_CONSTANT_ENTRY(UV_WRITABLE)
    UV4J_CONSTANT_ENTRY(UV_DISCONNECT)
    UV4J_CONSTANT_ENTRY(UV_PRIORITIZED)
    UV4J_CONSTANT_ENTRY(UV_RENAME)
    UV4J_CONSTANT_ENTRY(UV_CHANGE)
    UV4J_CONSTANT_ENTRY(UV_FS_EVENT_RECURSIVE)
    UV4J_CONSTANT_ENTRY(UV_FS_COPYFILE_EXCL)
    UV4J_CONSTANT_ENTRY(UV_FS_COPYFILE_FICLONE)
    UV4J_CONSTANT_ENTRY(UV_FS_COPYFILE_FICLONE_FORCE)
    UV4J_CONSTANT_ENTRY(UV_FS_SYMLINK_DIR)
    UV4J_CONSTANT_ENTRY(UV_FS_SYMLINK_JUNCTION)
    UV4J_FS_OPS(UV4J_FS_OP_ENTRIES)
    UV4J_FS_RESULTS(UV4J_FS_RESULT_ENTRY)
    UV4J_CONSTANT_ENTRY(F_OK)
    UV4J_CONSTANT_ENTRY(R_OK)
    UV4J_CONSTANT_ENTRY(W_OK)
    UV4J_CONSTANT_ENTRY(X_OK)};

jobjectArray uv4j_names_to_java(JNIEnv *env, const uv4j_named_value *table, jsize count) {
  jobjectArray names = (*env)->NewObjectArray(env, count, uv4j_string_class, NULL);
  if (names == NULL) return NULL;
  for (jsize i = 0; i < count; i++) {
    jstring name = (*env)->NewStringUTF(env, table[i].name);
    if (name == NULL) return NULL;
    (*env)->SetObjectArrayElement(env, names, i, name);
    (*env)->DeleteLocalRef(env, name);
    if ((*env)->ExceptionCheck(env)) return NULL;
  }
  return names;
}

jintArray uv4j_values_to_java(JNIEnv *env, const uv4j_named_value *table, jsize count) {
  jintArray values = (*env)->NewIntArray(env, count);
  if (values == NULL) return NULL;
  for (jsize i = 0; i < count; i++) {
    jint value = table[i].value;
    (*env)->SetIntArrayRegion(env, values, i, 1, &value);
  }
  return values;
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_version(JNIEnv *env, jclass cls) {
  return (jint) uv_version();
}

JNIEXPORT jstring JNICALL Java_io_uv4j_internal_Native_versionString(JNIEnv *env, jclass cls) {
  return (*env)->NewStringUTF(env, uv_version_string());
}

JNIEXPORT jlong JNICALL Java_io_uv4j_internal_Native_hrtime(JNIEnv *env, jclass cls) {
  return (jlong) uv_hrtime();
}

JNIEXPORT jstring JNICALL Java_io_uv4j_internal_Native_strError(JNIEnv *env, jclass cls,
                                                                jint err) {
  char buf[256];
  return (*env)->NewStringUTF(env, uv_strerror_r(err, buf, sizeof buf));
}

JNIEXPORT jstring JNICALL Java_io_uv4j_internal_Native_errName(JNIEnv *env, jclass cls, jint err) {
  char buf[64];
  return (*env)->NewStringUTF(env, uv_err_name_r(err, buf, sizeof buf));
}

JNIEXPORT jobjectArray JNICALL Java_io_uv4j_internal_Native_errorNames(JNIEnv *env, jclass cls) {
  return uv4j_names_to_java(env, error_table, UV4J_COUNT_OF(error_table));
}

JNIEXPORT jintArray JNICALL Java_io_uv4j_internal_Native_errorNumbers(JNIEnv *env, jclass cls) {
  return uv4j_values_to_java(env, error_table, UV4J_COUNT_OF(error_table));
}

JNIEXPORT jobjectArray JNICALL Java_io_uv4j_internal_Native_constantNames(JNIEnv *env,
                                                                          jclass cls) {
  return uv4j_names_to_java(env, constant_table, UV4J_COUNT_OF(constant_table));
}

JNIEXPORT jintArray JNICALL Java_io_uv4j_internal_Native_constantValues(JNIEnv *env,
                                                                        jclass cls) {
  return uv4j_values_to_java(env, constant_table, UV4J_COUNT_OF(constant_table));
}

JNIEXPORT jlong JNICALL Java_io_uv4j_internal_Native_osHandleOf(JNIEnv *env, jclass cls, jint fd) {
  return (jlong) (intptr_t) uv_get_osfhandle((int) fd);
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_osHandleOpen(JNIEnv *env, jclass cls,
                                                                 jlong handle) {
  return uv_open_osfhandle((uv_os_fd_t) (intptr_t) handle);
}
