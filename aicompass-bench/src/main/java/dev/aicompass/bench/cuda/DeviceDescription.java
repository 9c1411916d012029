package dev.aicompass.bench.cuda;

import dev.aicompass.bench.internal.Checks;

/**
 * Static facts of an opened CUDA device.
 *
 * @param name the driver's device name
 * @param ccMajor compute capability major version
 * @param ccMinor compute capability minor version
 * @param multiprocessors number of streaming multiprocessors
 * @param memoryBytes total device memory in bytes
 * @param l2CacheBytes L2 cache size in bytes
 * @param driverVersion driver version, e.g. {@code "580.159"} or {@code "CUDA 13.0"}
 * @param deviceCount number of CUDA devices visible
 */
public record DeviceDescription(String name, int ccMajor, int ccMinor, int multiprocessors,
    long memoryBytes, long l2CacheBytes, String driverVersion, int deviceCount) {

  /**
   * Creates a description.
   *
   * @throws IllegalArgumentException if name or driverVersion is blank or a count is below 1
   */
  public DeviceDescription {
    Checks.notBlank("name", name);
    Checks.positive("ccMajor", ccMajor);
    Checks.nonNegative("ccMinor", ccMinor);
    Checks.positive("multiprocessors", multiprocessors);
    Checks.positive("memoryBytes", memoryBytes);
    Checks.positive("l2CacheBytes", l2CacheBytes);
    Checks.notBlank("driverVersion", driverVersion);
    Checks.positive("deviceCount", deviceCount);
  }

  /** Returns the compute capability as 10 · major + minor, e.g. 90 for 9.0. */
  public int computeCapability() {
    return ccMajor * 10 + ccMinor;
  }

  /** Returns the compute capability as {@code "major.minor"}. */
  public String computeCapabilityText() {
    return ccMajor + "." + ccMinor;
  }
}
