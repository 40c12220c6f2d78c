/* Strings between Java and C: Java passes them as byte[]s (UTF-8, or the platform's bytes for a
 * raw name) and decodes the byte[]s it gets back, so Java's modified UTF-8 never touches them. */
#include <stdlib.h>
#include <string.h>
#include "uv4j.h"

char *uv4j_c_string(JNIEnv *env, jbyteArray bytes, char *small, size_t small_size) {
  jsize length = (*env)->GetArrayLength(env, bytes);
  char *chars = (size_t) length < small_size ? small : malloc((size_t) length + 1);
  if (chars == NULL) return NULL;
  (*env)->GetByteArrayRegion(env, bytes, 0, length, (jbyte *) chars);
  chars[length] = '\0';
  return chars;
}

void uv4j_c_string_free(char *chars, const char *small) {
  if (chars != small) free(chars);
}

jbyteArray uv4j_bytes_of(JNIEnv *env, const char *chars, size_t length) {
  if (chars == NULL) return NULL;
  jbyteArray out = (*env)->NewByteArray(env, (jsize) length);
  if (out != NULL) (*env)->SetByteArrayRegion(env, out, 0, (jsize) length, (const jbyte *) chars);
  return out;
}

jbyteArray uv4j_string_bytes(JNIEnv *env, const char *chars) {
  return uv4j_bytes_of(env, chars, chars == NULL ? 0 : strlen(chars));
}

/* libuv answers UV_ENOBUFS with the size it needs; a string that fills the buffer may also have
 * been cut short (uv_exepath truncates without saying so), so that is tried again with more room
 * too. */
int uv4j_get_string(JNIEnv *env, uv4j_string_getter get, const void *source, jbyteArray *out) {
  *out = NULL;
  size_t capacity = 256;
  for (;;) {
    char *buffer = malloc(capacity);
    if (buffer == NULL) return UV_ENOMEM;
    size_t size = capacity;
    int rc = get(source, buffer, &size);
    if (rc == UV_ENOBUFS || (rc == 0 && size + 1 >= capacity)) {
      free(buffer);
      capacity = rc == UV_ENOBUFS && size > capacity ? size : capacity * 2;
      continue;
    }
    if (rc == 0) {
      *out = uv4j_bytes_of(env, buffer, size);
      if (*out == NULL) rc = UV_ENOMEM;
    }
    free(buffer);
    return rc;
  }
}
