package dev.aicompass.bench.cuda;

/** Thrown when no CUDA device can be used: no driver library, no device, or a driver too old. */
public final class NoCudaDeviceException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param reason one line, e.g. {@code "libcuda.so.1 not loadable: cannot open shared object file"}
   */
  public NoCudaDeviceException(String reason) {
    super(reason);
  }

  /** Returns the one-line reason. */
  public String reason() {
    return getMessage();
  }
}
