package dev.aicompass.bench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NativeLoadFailureTest {
  // The message JCuda 12.6.0 threw on a machine without a driver (stack frames shortened).
  private static final String JCUDA_MESSAGE = """
      Error while loading native library "JCudaDriver-12.6.0-linux-x86_64"
      Operating system name: Linux
      Architecture         : amd64
      Architecture bit size: 64
      ---(start of nested stack traces)---
      Stack trace from the attempt to load the library as a file:
      java.lang.UnsatisfiedLinkError: no JCudaDriver-12.6.0-linux-x86_64 in java.library.path: /usr/lib
      \tat java.base/java.lang.ClassLoader.loadLibrary(ClassLoader.java:2434)
      Stack trace from the attempt to load the library as a resource:
      java.lang.UnsatisfiedLinkError: /tmp/libJCudaDriver-12.6.0-linux-x86_64.so: libcuda.so.1: cannot open shared object file: No such file or directory
      \tat java.base/jdk.internal.loader.NativeLibraries.load(Native Method)
      ---(end of nested stack traces)---
      """;

  @Test
  void extractsTheMissingDriverLibraryOnOneLine() {
    assertEquals("libcuda.so.1 not loadable: cannot open shared object file: No such file or "
            + "directory",
        NativeLoadFailure.describe(new UnsatisfiedLinkError(JCUDA_MESSAGE), "libcuda.so.1",
            "libJCudaDriver"));
  }

  @Test
  void looksThroughTheCauseOfALaterNoClassDefFoundError() {
    Throwable later = new NoClassDefFoundError("Could not initialize class jcuda.driver.JCudaDriver");
    later.initCause(new ExceptionInInitializerError("Exception " + JCUDA_MESSAGE));
    assertEquals("libcuda.so.1 not loadable: cannot open shared object file: No such file or "
            + "directory",
        NativeLoadFailure.describe(later, "libcuda.so.1", "libJCudaDriver"));
  }

  @Test
  void reportsAMissingSymbolOfTheWrapper() {
    String message = "java.lang.UnsatisfiedLinkError: /tmp/libJCudaDriver-12.6.0-linux-x86_64.so: "
        + "undefined symbol: cuMemcpyBatchAsync";
    assertEquals("libcuda.so.1 not loadable: undefined symbol: cuMemcpyBatchAsync",
        NativeLoadFailure.describe(new UnsatisfiedLinkError(message), "libcuda.so.1",
            "libJCudaDriver"));
  }

  @Test
  void fallsBackToTheFirstLine() {
    assertEquals("libcublas.so.12 not loadable: something odd",
        NativeLoadFailure.describe(new UnsatisfiedLinkError("something odd\nmore"),
            "libcublas.so.12", "libJCublas2"));
  }
}
