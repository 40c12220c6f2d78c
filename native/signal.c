/* uv_signal_t, this platform's signal numbers, and the actions libuv's handler replaces */
#include <signal.h>
#include "uv4j.h"
#include "io_uv4j_internal_Native.h"

#ifndef _WIN32
#include <errno.h>
#include <pthread.h>
#endif

/* The signals Java knows by name: on Windows, those libuv delivers to watchers or emulates in
 * uv_kill; elsewhere the POSIX ones this platform defines. */
static const uv4j_named_value signal_table[] = {
#ifdef _WIN32
  {"SIGHUP", SIGHUP},   {"SIGINT", SIGINT},     {"SIGQUIT", SIGQUIT}, {"SIGKILL", SIGKILL},
  {"SIGTERM", SIGTERM}, {"SIGBREAK", SIGBREAK}, {"SIGWINCH", SIGWINCH},
#else
  {"SIGHUP", SIGHUP},     {"SIGINT", SIGINT},       {"SIGQUIT", SIGQUIT},   {"SIGILL", SIGILL},
  {"SIGTRAP", SIGTRAP},   {"SIGABRT", SIGABRT},     {"SIGBUS", SIGBUS},     {"SIGFPE", SIGFPE},
  {"SIGKILL", SIGKILL},   {"SIGUSR1", SIGUSR1},     {"SIGSEGV", SIGSEGV},   {"SIGUSR2", SIGUSR2},
  {"SIGPIPE", SIGPIPE},   {"SIGALRM", SIGALRM},     {"SIGTERM", SIGTERM},   {"SIGCHLD", SIGCHLD},
  {"SIGCONT", SIGCONT},   {"SIGSTOP", SIGSTOP},     {"SIGTSTP", SIGTSTP},   {"SIGTTIN", SIGTTIN},
  {"SIGTTOU", SIGTTOU},   {"SIGURG", SIGURG},       {"SIGXCPU", SIGXCPU},   {"SIGXFSZ", SIGXFSZ},
  {"SIGVTALRM", SIGVTALRM}, {"SIGPROF", SIGPROF},   {"SIGWINCH", SIGWINCH}, {"SIGIO", SIGIO},
  {"SIGSYS", SIGSYS},
#ifdef SIGPWR
  {"SIGPWR", SIGPWR},
#endif
#ifdef SIGSTKFLT
  {"SIGSTKFLT", SIGSTKFLT},
#endif
#ifdef SIGINFO
  {"SIGINFO", SIGINFO},
#endif
#ifdef SIGEMT
  {"SIGEMT", SIGEMT},
#endif
#endif
};

JNIEXPORT jobjectArray JNICALL Java_io_uv4j_internal_Native_signalNames(JNIEnv *env, jclass cls) {
  return uv4j_names_to_java(env, signal_table, UV4J_COUNT_OF(signal_table));
}

JNIEXPORT jintArray JNICALL Java_io_uv4j_internal_Native_signalNumbers(JNIEnv *env, jclass cls) {
  return uv4j_values_to_java(env, signal_table, UV4J_COUNT_OF(signal_table));
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_signalLimit(JNIEnv *env, jclass cls) {
  return NSIG;
}

static void signal_cb(uv_signal_t *handle, int signum) {
  uv4j_upcall(handle->loop, handle->data, UV4J_EVENT_FIRED, signum);
}

UV4J_HANDLE_NEW(signalNew, uv_signal_t, uv_signal_init(uv, handle))

#ifdef _WIN32

/* libuv on Windows watches console events and changes no signal action. */
JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_signalStart(JNIEnv *env, jclass cls, jlong ptr,
                                                                jint signum) {
  return uv_signal_start(UV4J_PTR(uv_signal_t, ptr), signal_cb, signum);
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_signalStop(JNIEnv *env, jclass cls, jlong ptr) {
  return uv_signal_stop(UV4J_PTR(uv_signal_t, ptr));
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_signalDisposition(JNIEnv *env, jclass cls,
                                                                      jint signum) {
  return UV_ENOTSUP;
}

#else

/* libuv installs its handler when the first watcher of a signal starts and sets SIG_DFL when the
 * last one stops, which for a signal the JVM handles (SIGINT, SIGTERM, SIGHUP) would end the
 * process without its shutdown. So the action libuv replaces is kept here and put back when libuv
 * resets it. The lock makes each start or stop and its bookkeeping one step for loops on other
 * threads. */
static pthread_mutex_t actions_lock = PTHREAD_MUTEX_INITIALIZER;
static struct sigaction replaced[NSIG];
static char kept[NSIG];

typedef void (*action_fn)(int);

/* The function an action runs, SIG_DFL or SIG_IGN, for comparison only (never called). */
static action_fn handler_of(const struct sigaction *action) {
  /* through void (*)(void), the type GCC lets any function pointer convert to without warning */
  return (action->sa_flags & SA_SIGINFO) ? (action_fn) (void (*)(void)) action->sa_sigaction
                                         : action->sa_handler;
}

/* uv_signal_stop, then the kept action back if libuv has just reset the signal to SIG_DFL. The
 * signal meets SIG_DFL between those two system calls: libuv offers no way around that. */
static int stop_restoring(uv_signal_t *handle) {
  int signum = handle->signum;
  int rc = uv_signal_stop(handle);
  if (rc < 0 || signum <= 0 || signum >= NSIG || !kept[signum]) return rc;
  struct sigaction now;
  if (sigaction(signum, NULL, &now) != 0) return uv_translate_sys_error(errno);
  if (handler_of(&now) != SIG_DFL) return 0; /* another watcher still has libuv's handler in place */
  kept[signum] = 0;
  if (sigaction(signum, &replaced[signum], NULL) != 0) return uv_translate_sys_error(errno);
  return 0;
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_signalStart(JNIEnv *env, jclass cls, jlong ptr,
                                                                jint signum) {
  uv_signal_t *handle = UV4J_PTR(uv_signal_t, ptr);
  if (signum <= 0 || signum >= NSIG) return UV_EINVAL;
  pthread_mutex_lock(&actions_lock);
  int rc = 0;
  /* uv_signal_start would stop the old signal itself, without putting its action back */
  if (handle->signum != 0 && handle->signum != signum) rc = stop_restoring(handle);
  struct sigaction before, after;
  if (rc == 0 && sigaction(signum, NULL, &before) != 0) rc = uv_translate_sys_error(errno);
  if (rc == 0) rc = uv_signal_start(handle, signal_cb, signum);
  if (rc == 0) {
    if (sigaction(signum, NULL, &after) != 0) {
      rc = uv_translate_sys_error(errno);
    } else if (handler_of(&after) != handler_of(&before)) {
      replaced[signum] = before;
      kept[signum] = 1;
    }
  }
  pthread_mutex_unlock(&actions_lock);
  return rc;
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_signalStop(JNIEnv *env, jclass cls, jlong ptr) {
  pthread_mutex_lock(&actions_lock);
  int rc = stop_restoring(UV4J_PTR(uv_signal_t, ptr));
  pthread_mutex_unlock(&actions_lock);
  return rc;
}

/* What the process does on `signum` now: one of UV4J_SIGNAL_DEFAULT, _IGNORED, _HANDLED. */
JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_signalDisposition(JNIEnv *env, jclass cls,
                                                                      jint signum) {
  if (signum <= 0 || signum >= NSIG) return UV_EINVAL;
  struct sigaction now;
  if (sigaction(signum, NULL, &now) != 0) return uv_translate_sys_error(errno);
  action_fn handler = handler_of(&now);
  return handler == SIG_DFL   ? UV4J_SIGNAL_DEFAULT
         : handler == SIG_IGN ? UV4J_SIGNAL_IGNORED
                              : UV4J_SIGNAL_HANDLED;
}

#endif
