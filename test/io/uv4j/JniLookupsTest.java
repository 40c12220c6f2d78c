package io.uv4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reading JNI lookups out of C text, the way the native-image metadata test reads the shim. */
class JniLookupsTest {
  @Test
  void classLookedUpThroughAWrapperFunctionIsFound() {
    JniLookups lookups = JniLookups.parse(Map.of("a.c", """
        static jclass global(JNIEnv *env, const char *name) {
          jclass local = (*env)->FindClass(env, name);
          return (*env)->NewGlobalRef(env, local);
        }
        void load(JNIEnv *env) { thing = global(env, "io/uv4j/Thing"); }
        """));

    assertEquals(Set.of("io.uv4j.Thing"), lookups.classes());
  }

  @Test
  void methodOfAClassHeldInAVariableIsFoundWithItsParameterTypes() {
    JniLookups lookups = JniLookups.parse(Map.of("a.c", """
        static jclass cls;
        void load(JNIEnv *env) {
          cls = (jclass) (*env)->NewGlobalRef(env, (*env)->FindClass(env, "io/uv4j/Thing"));
          id = (*env)->GetStaticMethodID(env, cls, "call",
                                         "(Lio/uv4j/Peer;[BIJZ)V");
        }
        """));

    assertEquals(Set.of(new JniLookups.Method("io.uv4j.Thing", "call",
        List.of("io.uv4j.Peer", "byte[]", "int", "long", "boolean"))), lookups.methods());
  }

  @Test
  void fieldLookedUpThroughAFunctionLikeMacroIsFound() {
    JniLookups lookups = JniLookups.parse(Map.of("a.c", """
        #define FIELD(cls, name, sig) \\
          (*env)->GetFieldID(env, (*env)->FindClass(env, cls), name, sig)
        #define COUNT_NAME "count"
        void load(JNIEnv *env) { count_id = FIELD("io/uv4j/Thing", COUNT_NAME, "I"); }
        """));

    assertEquals(Set.of(new JniLookups.Field("io.uv4j.Thing", "count")), lookups.fields());
  }

  @Test
  void lookupInACommentIsIgnored() {
    JniLookups lookups = JniLookups.parse(Map.of("a.c", """
        /* (*env)->FindClass(env, "io/uv4j/Old"); */
        // (*env)->FindClass(env, "io/uv4j/Older");
        void load(JNIEnv *env) { (*env)->FindClass(env, "io/uv4j/Thing"); }
        """));

    assertEquals(Set.of("io.uv4j.Thing"), lookups.classes());
  }

  @Test
  void memberOfAClassThatCannotBeToldFailsNamingTheLine() {
    IllegalStateException error = assertThrows(IllegalStateException.class,
        () -> JniLookups.parse(Map.of("a.c", """
            void load(JNIEnv *env, jobject o) {
              jclass cls = (*env)->GetObjectClass(env, o);
              (*env)->GetMethodID(env, cls, "run", "()V");
            }
            """)));

    assertTrue(error.getMessage().startsWith("a.c:3: cannot tell which class"), error.getMessage());
  }

  @Test
  void nameThatIsNotALiteralFailsNamingTheLine() {
    IllegalStateException error = assertThrows(IllegalStateException.class,
        () -> JniLookups.parse(Map.of("a.c", """
            static const char *names[] = {"io/uv4j/A", "io/uv4j/B"};
            void load(JNIEnv *env) {
              for (int i = 0; i < 2; i++) (*env)->FindClass(env, names[i]);
            }
            """)));

    assertTrue(error.getMessage().startsWith("a.c:3: the class name `names[i]` is not a string literal"),
        error.getMessage());
  }

  @Test
  void wrapperThatNoCodeCallsFailsNamingIt() {
    IllegalStateException error = assertThrows(IllegalStateException.class,
        () -> JniLookups.parse(Map.of("a.c", """
            static jmethodID runner(JNIEnv *env, jclass c) {
              return (*env)->GetMethodID(env, c, "run", "()V");
            }
            """)));

    assertTrue(error.getMessage().startsWith("a.c:1: runner passes its parameters to JNI lookups"),
        error.getMessage());
  }

  @Test
  void registerNativesFailsAsNotModelled() {
    IllegalStateException error = assertThrows(IllegalStateException.class,
        () -> JniLookups.parse(Map.of("a.c", """
            void load(JNIEnv *env, jclass c) { (*env)->RegisterNatives(env, c, table, 1); }
            """)));

    assertTrue(error.getMessage().startsWith("a.c:1: RegisterNatives"), error.getMessage());
  }
}
