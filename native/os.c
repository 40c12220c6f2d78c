/* Facts about the OS, the process and the machine: synchronous libuv calls, safe on any thread.
 * Strings cross as their bytes (a byte[]; Java decodes them); results too big for the return
 * value go into arrays Java passes, the return value being libuv's (0 or a negative error). */
#include <stdlib.h>
#include <string.h>
#include "uv4j.h"
#include "io_uv4j_internal_Native.h"

/* The longs of a uv_rusage_t: user and system CPU time as (seconds, microseconds), then the 14
 * counters in uv.h's order. */
#define RUSAGE_LONGS 18
/* The longs of one uv_cpu_info_t: speed, then the times user, nice, sys, idle, irq. */
#define CPU_LONGS 6
/* The byte[]s of one interface address: name, physical address, address, netmask. */
#define INTERFACE_ARRAYS 4

/* Stores `value` at out[index] and drops the local reference, so loops stay within JNI's local
 * capacity. 0, or UV_ENOMEM with an exception pending. */
static int store(JNIEnv *env, jobjectArray out, jsize index, jobject value) {
  if ((*env)->ExceptionCheck(env)) return UV_ENOMEM;
  (*env)->SetObjectArrayElement(env, out, index, value);
  if (value != NULL) (*env)->DeleteLocalRef(env, value);
  return (*env)->ExceptionCheck(env) ? UV_ENOMEM : 0;
}

/* Copies `count` longs into `out`: 0, or UV_ENOMEM with an exception pending. */
static int put_longs(JNIEnv *env, jlongArray out, const jlong *values, jsize count) {
  (*env)->SetLongArrayRegion(env, out, 0, count, values);
  return (*env)->ExceptionCheck(env) ? UV_ENOMEM : 0;
}

static int store_string(JNIEnv *env, jobjectArray out, jsize index, const char *s) {
  return store(env, out, index, uv4j_string_bytes(env, s));
}

/* uv_os_getenv as a uv4j_string_getter: its source is the variable's name. */
static int getenv_getter(const void *name, char *buffer, size_t *size) {
  return uv_os_getenv(name, buffer, size);
}

/* Stores the string `get` reads from `source` in out[0]. */
static int store_got_string(JNIEnv *env, uv4j_string_getter get, const void *source,
                            jobjectArray out) {
  jbyteArray bytes;
  int rc = uv4j_get_string(env, get, source, &bytes);
  return rc == 0 ? store(env, out, 0, bytes) : rc;
}

/* Defines the entry point Native.name(Object[] out) storing the string `call`, one of libuv's
 * getters of a fact with no argument, fills its buffer with. */
#define STRING_FACT(name, call)                                                               \
  static int name##_getter(const void *unused, char *buffer, size_t *size) {                  \
    return call(buffer, size);                                                                \
  }                                                                                           \
  JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_##name(JNIEnv *env, jclass cls,         \
                                                             jobjectArray out) {              \
    return store_got_string(env, name##_getter, NULL, out);                                   \
  }

STRING_FACT(osHostname, uv_os_gethostname)
STRING_FACT(osHomedir, uv_os_homedir)
STRING_FACT(osTmpdir, uv_os_tmpdir)
STRING_FACT(osExepath, uv_exepath)
STRING_FACT(osCwd, uv_cwd)

/* Runs `call`, one of libuv's calls taking one string, with `bytes` as a C string. */
static int call_with_string(JNIEnv *env, jbyteArray bytes, int (*call)(const char *)) {
  char *chars = uv4j_c_string(env, bytes, NULL, 0);
  int rc = chars == NULL ? UV_ENOMEM : call(chars);
  free(chars);
  return rc;
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_osChdir(JNIEnv *env, jclass cls,
                                                           jbyteArray dir) {
  return call_with_string(env, dir, uv_chdir);
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_osGetenv(JNIEnv *env, jclass cls,
                                                            jbyteArray name, jobjectArray out) {
  char *key = uv4j_c_string(env, name, NULL, 0);
  int rc = key == NULL ? UV_ENOMEM : store_got_string(env, getenv_getter, key, out);
  free(key);
  return rc;
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_osSetenv(JNIEnv *env, jclass cls,
                                                            jbyteArray name, jbyteArray value) {
  char *key = uv4j_c_string(env, name, NULL, 0);
  char *text = key == NULL ? NULL : uv4j_c_string(env, value, NULL, 0);
  int rc = text == NULL ? UV_ENOMEM : uv_os_setenv(key, text);
  free(text);
  free(key);
  return rc;
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_osUnsetenv(JNIEnv *env, jclass cls,
                                                              jbyteArray name) {
  return call_with_string(env, name, uv_os_unsetenv);
}

/* out[0]: an Object[] of byte[]s, name then value for each variable. */
JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_osEnviron(JNIEnv *env, jclass cls,
                                                             jobjectArray out) {
  uv_env_item_t *items;
  int count;
  int rc = uv_os_environ(&items, &count);
  if (rc < 0) return rc;
  jobjectArray pairs = (*env)->NewObjectArray(env, 2 * count, uv4j_object_class, NULL);
  rc = pairs == NULL ? UV_ENOMEM : 0;
  for (int i = 0; rc == 0 && i < count; i++) {
    rc = store_string(env, pairs, 2 * i, items[i].name);
    if (rc == 0) rc = store_string(env, pairs, 2 * i + 1, items[i].value);
  }
  uv_os_free_environ(items, count);
  return rc == 0 ? store(env, out, 0, pairs) : rc;
}

/* strings: username, shell (null where the OS has none), homedir; ids: uid, gid. */
JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_osPasswd(JNIEnv *env, jclass cls,
                                                            jboolean current, jlong uid,
                                                            jobjectArray strings, jlongArray ids) {
  uv_passwd_t pwd;
  int rc = current ? uv_os_get_passwd(&pwd) : uv_os_get_passwd2(&pwd, (uv_uid_t) uid);
  if (rc < 0) return rc;
  rc = store_string(env, strings, 0, pwd.username);
  if (rc == 0) rc = store_string(env, strings, 1, pwd.shell);
  if (rc == 0) rc = store_string(env, strings, 2, pwd.homedir);
  if (rc == 0) {
    jlong v[2] = {(jlong) pwd.uid, (jlong) pwd.gid};
    (*env)->SetLongArrayRegion(env, ids, 0, 2, v);
    if ((*env)->ExceptionCheck(env)) rc = UV_ENOMEM;
  }
  uv_os_free_passwd(&pwd);
  return rc;
}

/* out[0]: the group's name; out[1]: an Object[] of its members' names, each a byte[]. */
JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_osGroup(JNIEnv *env, jclass cls, jlong gid,
                                                           jobjectArray out) {
  uv_group_t grp;
  int rc = uv_os_get_group(&grp, (uv_uid_t) gid);
  if (rc < 0) return rc;
  jsize count = 0;
  while (grp.members[count] != NULL) count++;
  jobjectArray members = (*env)->NewObjectArray(env, count, uv4j_object_class, NULL);
  rc = members == NULL ? UV_ENOMEM : 0;
  for (jsize i = 0; rc == 0 && i < count; i++) rc = store_string(env, members, i, grp.members[i]);
  if (rc == 0) rc = store_string(env, out, 0, grp.groupname);
  if (rc == 0) rc = store(env, out, 1, members);
  uv_os_free_group(&grp);
  return rc;
}

/* out: sysname, release, version, machine. */
JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_osUname(JNIEnv *env, jclass cls,
                                                           jobjectArray out) {
  uv_utsname_t name;
  int rc = uv_os_uname(&name);
  if (rc < 0) return rc;
  rc = store_string(env, out, 0, name.sysname);
  if (rc == 0) rc = store_string(env, out, 1, name.release);
  if (rc == 0) rc = store_string(env, out, 2, name.version);
  if (rc == 0) rc = store_string(env, out, 3, name.machine);
  return rc;
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_osGetpid(JNIEnv *env, jclass cls) {
  return (jint) uv_os_getpid();
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_osGetppid(JNIEnv *env, jclass cls) {
  return (jint) uv_os_getppid();
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_osGetPriority(JNIEnv *env, jclass cls,
                                                                 jint pid, jintArray out) {
  int priority;
  int rc = uv_os_getpriority((uv_pid_t) pid, &priority);
  if (rc < 0) return rc;
  jint value = priority;
  (*env)->SetIntArrayRegion(env, out, 0, 1, &value);
  return (*env)->ExceptionCheck(env) ? UV_ENOMEM : 0;
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_osSetPriority(JNIEnv *env, jclass cls,
                                                                 jint pid, jint priority) {
  return uv_os_setpriority((uv_pid_t) pid, priority);
}

/* out[0]: an Object[] of each CPU's model (byte[]); out[1]: a long[] of CPU_LONGS per CPU. */
JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_osCpuInfo(JNIEnv *env, jclass cls,
                                                             jobjectArray out) {
  uv_cpu_info_t *cpus;
  int count;
  int rc = uv_cpu_info(&cpus, &count);
  if (rc < 0) return rc;
  jobjectArray models = (*env)->NewObjectArray(env, count, uv4j_object_class, NULL);
  jlongArray numbers = models == NULL ? NULL : (*env)->NewLongArray(env, CPU_LONGS * count);
  rc = numbers == NULL ? UV_ENOMEM : 0;
  for (int i = 0; rc == 0 && i < count; i++) {
    const uv_cpu_info_t *cpu = &cpus[i];
    jlong v[CPU_LONGS] = {cpu->speed,         (jlong) cpu->cpu_times.user,
                          (jlong) cpu->cpu_times.nice, (jlong) cpu->cpu_times.sys,
                          (jlong) cpu->cpu_times.idle, (jlong) cpu->cpu_times.irq};
    (*env)->SetLongArrayRegion(env, numbers, CPU_LONGS * i, CPU_LONGS, v);
    rc = store_string(env, models, i, cpu->model);
  }
  uv_free_cpu_info(cpus, count);
  if (rc == 0) rc = store(env, out, 0, models);
  if (rc == 0) rc = store(env, out, 1, numbers);
  return rc;
}

/* Stores `addr`, encoded as uv4j_sockaddr_to_java does, in a new byte[] at out[index]. */
static int store_sockaddr(JNIEnv *env, jobjectArray out, jsize index, const struct sockaddr *addr) {
  jbyteArray bytes = (*env)->NewByteArray(env, UV4J_SOCKADDR_LEN);
  if (bytes == NULL) return UV_ENOMEM;
  int rc = uv4j_sockaddr_to_java(env, addr, bytes);
  if (rc < 0) {
    (*env)->DeleteLocalRef(env, bytes);
    return rc;
  }
  return store(env, out, index, bytes);
}

/* out[0]: an Object[] of INTERFACE_ARRAYS byte[]s per address; out[1]: a boolean[], whether
 * each is internal (loopback). */
JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_osInterfaceAddresses(JNIEnv *env, jclass cls,
                                                                        jobjectArray out) {
  uv_interface_address_t *addresses;
  int count;
  int rc = uv_interface_addresses(&addresses, &count);
  if (rc < 0) return rc;
  jobjectArray arrays = (*env)->NewObjectArray(env, INTERFACE_ARRAYS * count, uv4j_object_class, NULL);
  jbooleanArray internal = arrays == NULL ? NULL : (*env)->NewBooleanArray(env, count);
  rc = internal == NULL ? UV_ENOMEM : 0;
  for (int i = 0; rc == 0 && i < count; i++) {
    const uv_interface_address_t *a = &addresses[i];
    jsize at = INTERFACE_ARRAYS * i;
    rc = store_string(env, arrays, at, a->name);
    if (rc == 0) rc = store(env, arrays, at + 1, uv4j_bytes_of(env, a->phys_addr, sizeof a->phys_addr));
    if (rc == 0) rc = store_sockaddr(env, arrays, at + 2, (const struct sockaddr *) &a->address);
    if (rc == 0) {
      /* the netmask is of the address's family, whatever family its own header names */
      struct sockaddr_storage netmask;
      memset(&netmask, 0, sizeof netmask);
      memcpy(&netmask, &a->netmask, sizeof a->netmask);
      netmask.ss_family = a->address.address4.sin_family;
      rc = store_sockaddr(env, arrays, at + 3, (const struct sockaddr *) &netmask);
    }
    if (rc == 0) {
      jboolean flag = a->is_internal ? JNI_TRUE : JNI_FALSE;
      (*env)->SetBooleanArrayRegion(env, internal, i, 1, &flag);
    }
  }
  uv_free_interface_addresses(addresses, count);
  if (rc == 0) rc = store(env, out, 0, arrays);
  if (rc == 0) rc = store(env, out, 1, internal);
  return rc;
}

JNIEXPORT jdoubleArray JNICALL Java_io_uv4j_internal_Native_osLoadavg(JNIEnv *env, jclass cls) {
  double avg[3];
  uv_loadavg(avg);
  jdoubleArray out = (*env)->NewDoubleArray(env, 3);
  if (out != NULL) (*env)->SetDoubleArrayRegion(env, out, 0, 3, avg);
  return out;
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_osUptime(JNIEnv *env, jclass cls,
                                                            jdoubleArray out) {
  double uptime;
  int rc = uv_uptime(&uptime);
  if (rc < 0) return rc;
  (*env)->SetDoubleArrayRegion(env, out, 0, 1, &uptime);
  return (*env)->ExceptionCheck(env) ? UV_ENOMEM : 0;
}

JNIEXPORT jlong JNICALL Java_io_uv4j_internal_Native_osFreeMemory(JNIEnv *env, jclass cls) {
  return (jlong) uv_get_free_memory();
}

JNIEXPORT jlong JNICALL Java_io_uv4j_internal_Native_osTotalMemory(JNIEnv *env, jclass cls) {
  return (jlong) uv_get_total_memory();
}

JNIEXPORT jlong JNICALL Java_io_uv4j_internal_Native_osAvailableMemory(JNIEnv *env, jclass cls) {
  return (jlong) uv_get_available_memory();
}

JNIEXPORT jlong JNICALL Java_io_uv4j_internal_Native_osConstrainedMemory(JNIEnv *env, jclass cls) {
  return (jlong) uv_get_constrained_memory();
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_osResidentSetMemory(JNIEnv *env, jclass cls,
                                                                       jlongArray out) {
  size_t rss;
  int rc = uv_resident_set_memory(&rss);
  if (rc < 0) return rc;
  jlong value = (jlong) rss;
  return put_longs(env, out, &value, 1);
}

/* out[0]: a long[RUSAGE_LONGS]; `thread`: the calling thread's usage, else the process's. */
JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_osRusage(JNIEnv *env, jclass cls,
                                                            jboolean thread, jobjectArray out) {
  uv_rusage_t u;
  int rc = thread ? uv_getrusage_thread(&u) : uv_getrusage(&u);
  if (rc < 0) return rc;
  jlong v[RUSAGE_LONGS] = {
      (jlong) u.ru_utime.tv_sec, (jlong) u.ru_utime.tv_usec, (jlong) u.ru_stime.tv_sec,
      (jlong) u.ru_stime.tv_usec, (jlong) u.ru_maxrss,      (jlong) u.ru_ixrss,
      (jlong) u.ru_idrss,         (jlong) u.ru_isrss,       (jlong) u.ru_minflt,
      (jlong) u.ru_majflt,        (jlong) u.ru_nswap,       (jlong) u.ru_inblock,
      (jlong) u.ru_oublock,       (jlong) u.ru_msgsnd,      (jlong) u.ru_msgrcv,
      (jlong) u.ru_nsignals,      (jlong) u.ru_nvcsw,       (jlong) u.ru_nivcsw};
  jlongArray values = (*env)->NewLongArray(env, RUSAGE_LONGS);
  if (values == NULL) return UV_ENOMEM;
  (*env)->SetLongArrayRegion(env, values, 0, RUSAGE_LONGS, v);
  return store(env, out, 0, values);
}

JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_osAvailableParallelism(JNIEnv *env,
                                                                          jclass cls) {
  return (jint) uv_available_parallelism();
}

/* out: seconds, microseconds. */
JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_osGettimeofday(JNIEnv *env, jclass cls,
                                                                  jlongArray out) {
  uv_timeval64_t tv;
  int rc = uv_gettimeofday(&tv);
  if (rc < 0) return rc;
  jlong v[2] = {(jlong) tv.tv_sec, (jlong) tv.tv_usec};
  return put_longs(env, out, v, 2);
}

/* out: seconds, nanoseconds. */
JNIEXPORT jint JNICALL Java_io_uv4j_internal_Native_osClockGettime(JNIEnv *env, jclass cls,
                                                                  jint clock, jlongArray out) {
  uv_timespec64_t ts;
  int rc = uv_clock_gettime((uv_clock_id) clock, &ts);
  if (rc < 0) return rc;
  jlong v[2] = {(jlong) ts.tv_sec, (jlong) ts.tv_nsec};
  return put_longs(env, out, v, 2);
}
