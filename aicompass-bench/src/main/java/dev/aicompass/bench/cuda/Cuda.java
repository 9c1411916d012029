package dev.aicompass.bench.cuda;

import java.util.Optional;

/** Entry point to the CUDA driver: a {@link GpuProvider} backed by JCuda, and a cached probe. */
public final class Cuda {
  private static volatile Optional<String> probe;

  private Cuda() {}

  /** Returns the provider that opens devices through the JCuda driver API. */
  public static GpuProvider provider() {
    return JCudaGpu::open;
  }

  /**
   * Returns whether the CUDA driver loads and reports at least one device; probed once per JVM
   * and never throws.
   */
  public static boolean isAvailable() {
    return unavailableReason().isEmpty();
  }

  /** Returns why CUDA is unusable here, or empty when a device was found; never throws. */
  public static Optional<String> unavailableReason() {
    Optional<String> result = probe;
    if (result == null) {
      synchronized (Cuda.class) {
        result = probe;
        if (result == null) {
          result = JCudaGpu.probe();
          probe = result;
        }
      }
    }
    return result;
  }
}
