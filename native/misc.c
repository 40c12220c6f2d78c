/* Library-wide facts: version, clock, error names. */
#include <stddef.h>
#include "uv4j.h"
#include "io_uv4j_internal_Native.h"

#define UV4J_ERROR_ENTRY(name, _) {#name, UV_##name},
static const struct {
  const char *name;
  int value;
} error_table[] = {UV_ERRNO_MAP(UV4J_ERROR_ENTRY)};
#define ERROR_COUNT ((jsize) (sizeof error_table / sizeof error_table[0]))

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
  jobjectArray names = (*env)->NewObjectArray(env, ERROR_COUNT, uv4j_string_class, NULL);
  if (names == NULL) return NULL;
  for (jsize i = 0; i < ERROR_COUNT; i++) {
    jstring name = (*env)->NewStringUTF(env, error_table[i].name);
    if (name == NULL) return NULL;
    (*env)->SetObjectArrayElement(env, names, i, name);
    (*env)->DeleteLocalRef(env, name);
    if ((*env)->ExceptionCheck(env)) return NULL;
  }
  return names;
}

JNIEXPORT jintArray JNICALL Java_io_uv4j_internal_Native_errorNumbers(JNIEnv *env, jclass cls) {
  jintArray numbers = (*env)->NewIntArray(env, ERROR_COUNT);
  if (numbers == NULL) return NULL;
  jint values[ERROR_COUNT];
  for (jsize i = 0; i < ERROR_COUNT; i++) values[i] = error_table[i].value;
  (*env)->SetIntArrayRegion(env, numbers, 0, ERROR_COUNT, values);
  return numbers;
}

JNIEXPORT jlong JNICALL Java_io_uv4j_internal_Native_osHandleOf(JNIEnv *env, jclass cls, jint fd) {
  return (jlong) (intptr_t) uv_get_osfhandle((int) fd);
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_osHandleOpen(JNIEnv *env, jclass cls,
                                                                 jlong handle) {
  return uv_open_osfhandle((uv_os_fd_t) (intptr_t) handle);
}
