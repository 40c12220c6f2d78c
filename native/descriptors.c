/*
 * The descriptors libuv keeps for a loop, so that Java can refuse to close or adopt them.
 * The io_uring that batches epoll_ctl lives only in libuv's private loop fields, so this one
 * file reads libuv's internal header; the build pins libuv 1.50.0, whose layout this matches.
 */
#include "uv4j.h"
#include "uv-common.h"
#include "io_uv4j_internal_Native.h"

jintArray uv4j_loop_descriptors(JNIEnv *env, uv_loop_t *loop) {
#ifdef _WIN32
  /* a Windows loop keeps handles, not descriptors */
  return (*env)->NewIntArray(env, 0);
#else
  /* negative where the loop has none yet; the io_uring for file operations (lfields->iou) is
   * made at the first file operation of a loop configured with UV_LOOP_USE_IO_URING_SQPOLL */
  jint fds[] = {
      loop->backend_fd,
      loop->async_io_watcher.fd,
      loop->async_wfd,
      loop->signal_pipefd[0],
      loop->signal_pipefd[1],
#ifdef __linux__
      loop->inotify_fd,
      uv__get_internal_fields(loop)->ctl.ringfd,
      uv__get_internal_fields(loop)->iou.ringfd,
#endif
  };
  jsize count = (jsize) (sizeof fds / sizeof fds[0]);
  jintArray out = (*env)->NewIntArray(env, count);
  if (out != NULL) (*env)->SetIntArrayRegion(env, out, 0, count, fds);
  return out;
#endif
}

JNIEXPORT jintArray JNICALL Java_io_uv4j_internal_Native_loopDescriptors(JNIEnv *env, jclass cls,
                                                                         jlong ptr) {
  return uv4j_loop_descriptors(env, &UV4J_PTR(uv4j_loop, ptr)->uv);
}
