package dev.aicompass.bench.cuda;

/** Thrown when a CUDA driver call fails after the driver was found; names the call and result. */
public final class CudaFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the failure with a message naming the call and its CUresult. */
  public CudaFailure(String message) {
    super(message);
  }
}
