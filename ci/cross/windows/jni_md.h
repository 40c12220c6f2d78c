/* The machine-dependent JNI types for Windows, for cross-building the shim with MinGW-w64 against
 * a Linux JDK's jni.h (a Linux JDK has no include/win32). */
#ifndef _JAVASOFT_JNI_MD_H_
#define _JAVASOFT_JNI_MD_H_

#define JNIEXPORT __declspec(dllexport)
#define JNIIMPORT __declspec(dllimport)
#define JNICALL __stdcall

typedef long jint;
typedef __int64 jlong;
typedef signed char jbyte;

#endif
