package dev.aicompass.bench.cuda;

/** Which implementation computes a GEMM. */
public enum GemmKernel {
  /** The shipped PTX kernel: tiled mma.sync with cp.async pipelining. */
  AICOMPASS_MMA("aicompass-mma"),
  /** cuBLAS cublasGemmEx through JCublas, when libcublas is installed. */
  CUBLAS("cublas");

  private final String id;

  GemmKernel(String id) {
    this.id = id;
  }

  /** Returns the name written in the profile's {@code "kernel"} field. */
  public String id() {
    return id;
  }
}
