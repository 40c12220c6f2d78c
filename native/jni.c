/* Library load: caches every class and method ID the shim uses. */
#include "uv4j.h"

JavaVM *uv4j_vm;
jclass uv4j_object_class;
jclass uv4j_string_class;
static jclass loop_class;
static jmethodID upcall_method;
static jclass request_table_class;
static jmethodID completed_method;
static jmethodID run_on_pool_method;

static jclass global_class(JNIEnv *env, const char *name) {
  jclass local = (*env)->FindClass(env, name);
  if (local == NULL) return NULL;
  jclass global = (*env)->NewGlobalRef(env, local);
  (*env)->DeleteLocalRef(env, local);
  return global;
}

JNIEXPORT jint JNICALL JNI_OnLoad(JavaVM *vm, void *reserved) {
  JNIEnv *env;
  if ((*vm)->GetEnv(vm, (void **) &env, JNI_VERSION_1_8) != JNI_OK) return JNI_ERR;
  uv4j_vm = vm;
  uv4j_object_class = global_class(env, "java/lang/Object");
  if (uv4j_object_class == NULL) return JNI_ERR;
  uv4j_string_class = global_class(env, "java/lang/String");
  if (uv4j_string_class == NULL) return JNI_ERR;
  loop_class = global_class(env, "io/uv4j/Loop");
  if (loop_class == NULL) return JNI_ERR;
  upcall_method = (*env)->GetStaticMethodID(env, loop_class, "upcall", "(Lio/uv4j/Peer;IJ)V");
  if (upcall_method == NULL) return JNI_ERR;
  request_table_class = global_class(env, "io/uv4j/RequestTable");
  if (request_table_class == NULL) return JNI_ERR;
  completed_method = (*env)->GetMethodID(env, request_table_class, "completed", "(I)V");
  if (completed_method == NULL) return JNI_ERR;
  run_on_pool_method = (*env)->GetMethodID(env, request_table_class, "runOnPool", "(I)V");
  if (run_on_pool_method == NULL) return JNI_ERR;
  return JNI_VERSION_1_8;
}

/* A throwable that got past the funnel is kept on the loop, which is stopped. */
static void keep_escaped(uv4j_loop *loop) {
  JNIEnv *env = loop->env;
  if (!(*env)->ExceptionCheck(env)) return;
  jthrowable thrown = (*env)->ExceptionOccurred(env);
  (*env)->ExceptionClear(env);
  if (loop->escaped == NULL) loop->escaped = (*env)->NewGlobalRef(env, thrown);
  (*env)->DeleteLocalRef(env, thrown);
  uv_stop(&loop->uv);
}

void uv4j_upcall(uv_loop_t *uv, jobject peer, jint event, jlong arg) {
  uv4j_loop *loop = (uv4j_loop *) uv;
  /* completions collected from a burst of pool work come first: they happened first */
  if (loop->requests.pending > 0) uv4j_request_flush(loop);
  JNIEnv *env = loop->env;
  (*env)->CallStaticVoidMethod(env, loop_class, upcall_method, peer, event, arg);
  keep_escaped(loop);
}

void uv4j_completions_call(uv4j_loop *loop, jint count) {
  JNIEnv *env = loop->env;
  (*env)->CallVoidMethod(env, loop->requests.java, completed_method, count);
  keep_escaped(loop);
}

void uv4j_pool_run(JNIEnv *env, jobject table, jint slot) {
  (*env)->CallVoidMethod(env, table, run_on_pool_method, slot);
  /* runOnPool catches every throwable; one that still escapes must not unwind into libuv's
   * pool, and the work then completes with no result, which Java reports as a failure */
  if ((*env)->ExceptionCheck(env)) (*env)->ExceptionClear(env);
}
