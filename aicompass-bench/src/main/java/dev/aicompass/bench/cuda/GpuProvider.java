package dev.aicompass.bench.cuda;

/** Opens a {@link Gpu}; the seam that lets tests replace the CUDA driver. */
@FunctionalInterface
public interface GpuProvider {
  /**
   * Opens the device with the given ordinal.
   *
   * @param ordinal CUDA device ordinal, 0 for the first GPU
   * @throws NoCudaDeviceException if the driver cannot be loaded or finds no such device
   * @throws CudaFailure if the driver is present but setting up the device fails
   */
  Gpu open(int ordinal) throws NoCudaDeviceException;
}
