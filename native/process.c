/* uv_process_t: spawning a child, and signalling processes. */
#include <stdlib.h>
#include <string.h>
#include "uv4j.h"
#include "io_uv4j_internal_Native.h"

/* The exit arrives as UV4J_EVENT_FIRED whose arg packs the exit status (high 32 bits: a Unix
 * status is 0..255, a Windows exit code a 32-bit DWORD) and the terminating signal (low 32). */
static void exit_cb(uv_process_t *process, int64_t exit_status, int term_signal) {
  jlong arg = (jlong) (((uint64_t) (uint32_t) exit_status << 32) | (uint32_t) term_signal);
  uv4j_upcall(process->loop, process->data, UV4J_EVENT_FIRED, arg);
}

static void free_strings(char **strings) {
  if (strings == NULL) return;
  for (char **s = strings; *s != NULL; s++) free(*s);
  free(strings);
}

/* A NULL-terminated array of copies of a byte[][]; NULL when memory runs out (an exception may
 * then be pending). */
static char **copy_strings(JNIEnv *env, jobjectArray array) {
  jsize count = (*env)->GetArrayLength(env, array);
  char **out = calloc((size_t) count + 1, sizeof *out);
  if (out == NULL) return NULL;
  for (jsize i = 0; i < count; i++) {
    jbyteArray element = (jbyteArray) (*env)->GetObjectArrayElement(env, array, i);
    if (element == NULL) {
      free_strings(out);
      return NULL;
    }
    out[i] = uv4j_c_string(env, element, NULL, 0);
    (*env)->DeleteLocalRef(env, element);
    if (out[i] == NULL) {
      free_strings(out);
      return NULL;
    }
  }
  return out;
}

/* Spawns a child. stdioFlags[i] are uv_stdio_flags; stdioData[i] is a descriptor for
 * UV_INHERIT_FD, else a stream pointer (UV_INHERIT_STREAM, UV_CREATE_PIPE). env and cwd may be
 * null (inherit). Once uv_spawn has run, handle[0] is the process handle, to be closed even
 * when the spawn failed, and handle[1] its pid. Returns uv_spawn's result. */
JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_processSpawn(
    JNIEnv *env, jclass cls, jlong loop, jobject peer, jbyteArray file, jobjectArray args,
    jobjectArray environment, jbyteArray cwd, jint flags, jint uid, jint gid,
    jintArray stdio_flags, jlongArray stdio_data, jlongArray handle) {
  int rc;
  uv_process_options_t options;
  memset(&options, 0, sizeof options);
  uv_process_t *process = (uv_process_t *) uv4j_handle_alloc(env, sizeof *process, peer);
  jsize stdio_count = (*env)->GetArrayLength(env, stdio_flags);
  jint *kinds = malloc(((size_t) stdio_count + 1) * sizeof *kinds);
  jlong *data = malloc(((size_t) stdio_count + 1) * sizeof *data);
  uv_stdio_container_t *stdio = calloc((size_t) stdio_count + 1, sizeof *stdio);
  char *file_copy = uv4j_c_string(env, file, NULL, 0);
  char *cwd_copy = cwd == NULL ? NULL : uv4j_c_string(env, cwd, NULL, 0);
  char **args_copy = copy_strings(env, args);
  char **env_copy = environment == NULL || args_copy == NULL ? NULL : copy_strings(env, environment);
  if (kinds == NULL || data == NULL || stdio == NULL || file_copy == NULL || args_copy == NULL ||
      (cwd != NULL && cwd_copy == NULL) || (environment != NULL && env_copy == NULL) ||
      process == NULL) {
    if (process != NULL) uv4j_handle_free(env, (uv_handle_t *) process);
    rc = UV_ENOMEM;
    goto done;
  }
  (*env)->GetIntArrayRegion(env, stdio_flags, 0, stdio_count, kinds);
  (*env)->GetLongArrayRegion(env, stdio_data, 0, stdio_count, data);
  for (jsize i = 0; i < stdio_count; i++) {
    stdio[i].flags = (uv_stdio_flags) kinds[i];
    if (kinds[i] & UV_INHERIT_FD) {
      stdio[i].data.fd = (int) data[i];
    } else {
      stdio[i].data.stream = UV4J_PTR(uv_stream_t, data[i]);
    }
  }
  options.exit_cb = exit_cb;
  options.file = file_copy;
  options.args = args_copy;
  options.env = env_copy;
  options.cwd = cwd_copy;
  options.flags = (unsigned int) flags;
  options.stdio_count = (int) stdio_count;
  options.stdio = stdio;
  options.uid = (uv_uid_t) uid;
  options.gid = (uv_gid_t) gid;
  rc = uv_spawn(&UV4J_PTR(uv4j_loop, loop)->uv, process, &options);
  jlong out[2] = {UV4J_JPTR(process), rc == 0 ? (jlong) uv_process_get_pid(process) : 0};
  (*env)->SetLongArrayRegion(env, handle, 0, 2, out);
done:
  free(kinds);
  free(data);
  free(stdio);
  free(file_copy);
  free(cwd_copy);
  free_strings(args_copy);
  free_strings(env_copy);
  return rc;
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_processKill(JNIEnv *env, jclass cls,
                                                                jlong ptr, jint signum) {
  return uv_process_kill(UV4J_PTR(uv_process_t, ptr), signum);
}

JNIEXPORT void JNICALL Java_io_uv4j_internal_Native_disableStdioInheritance(JNIEnv *env,
                                                                           jclass cls) {
  uv_disable_stdio_inheritance();
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_kill(JNIEnv *env, jclass cls, jint pid,
                                                         jint signum) {
  return uv_kill(pid, signum);
}

