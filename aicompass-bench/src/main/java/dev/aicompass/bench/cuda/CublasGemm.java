package dev.aicompass.bench.cuda;

import dev.aicompass.bench.Precision;
import jcuda.Pointer;
import jcuda.cudaDataType;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUstream;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasComputeType;
import jcuda.jcublas.cublasGemmAlgo;
import jcuda.jcublas.cublasHandle;
import jcuda.jcublas.cublasOperation;
import jcuda.jcublas.cublasStatus;
import jcuda.runtime.cudaStream_t;

/**
 * cuBLAS GEMMs through JCublas. The only class that touches {@code jcuda.jcublas}: its first use
 * throws a LinkageError when libcublas is absent, which {@link JCudaGpu} catches, so a missing
 * cuBLAS never breaks the bench.
 */
final class CublasGemm implements AutoCloseable {
  private final cublasHandle handle;

  private CublasGemm(cublasHandle handle) {
    this.handle = handle;
  }

  /**
   * Creates a handle bound to {@code stream} in the current (primary) context.
   *
   * @throws LinkageError if JCublas or libcublas cannot be loaded
   * @throws CudaFailure if cublasCreate fails
   */
  static CublasGemm create(CUstream stream) {
    JCublas2.setExceptionsEnabled(false);
    cublasHandle handle = new cublasHandle();
    check(JCublas2.cublasCreate(handle), "cublasCreate");
    check(JCublas2.cublasSetStream(handle, new cudaStream_t(stream)), "cublasSetStream");
    return new CublasGemm(handle);
  }

  /** Returns whether cublasGemmEx takes this precision (FP8 needs cuBLASLt, not measured). */
  static boolean supports(Precision precision) {
    return precision != Precision.FP8;
  }

  /**
   * Enqueues C[M x N] = A[M x K] * B[N x K]^T (row-major), i.e. column-major C^T = B A^T: a TN
   * cublasGemmEx with the operands swapped.
   */
  void gemm(Precision precision, CUdeviceptr a, CUdeviceptr b, CUdeviceptr c, int m, int n,
      int k) {
    boolean int8 = precision == Precision.INT8;
    int type = switch (precision) {
      case FP16 -> cudaDataType.CUDA_R_16F;
      case BF16 -> cudaDataType.CUDA_R_16BF;
      case INT8 -> cudaDataType.CUDA_R_8I;
      case FP8 -> throw new IllegalArgumentException("precision (fp8) is not measured with cuBLAS");
    };
    int outType = int8 ? cudaDataType.CUDA_R_32I : type;
    int compute = int8 ? cublasComputeType.CUBLAS_COMPUTE_32I : cublasComputeType.CUBLAS_COMPUTE_32F;
    Pointer alpha = int8 ? Pointer.to(new int[] {1}) : Pointer.to(new float[] {1f});
    Pointer beta = int8 ? Pointer.to(new int[] {0}) : Pointer.to(new float[] {0f});
    check(JCublas2.cublasGemmEx(handle, cublasOperation.CUBLAS_OP_T, cublasOperation.CUBLAS_OP_N,
        n, m, k, alpha, b, type, k, a, type, k, beta, c, outType, n, compute,
        cublasGemmAlgo.CUBLAS_GEMM_DEFAULT), "cublasGemmEx(" + precision.id() + ")");
  }

  @Override
  public void close() {
    JCublas2.cublasDestroy(handle);
  }

  private static void check(int status, String call) {
    if (status != cublasStatus.CUBLAS_STATUS_SUCCESS) {
      throw new CudaFailure(call + " failed: " + cublasStatus.stringFor(status) + " (" + status + ")");
    }
  }
}
