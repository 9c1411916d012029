package dev.aicompass.bench.cuda;

import dev.aicompass.bench.Precision;
import java.util.OptionalDouble;

/**
 * The GPU-facing operations the bench needs, each returning a mean time per operation; the
 * measurement logic around it (sweeps, FLOP arithmetic, result checks, reports) is CPU-only and
 * unit-tested against fakes. Every timing runs the given warm-up operations, then times the given
 * number of operations between two CUDA events and divides.
 */
public interface Gpu extends AutoCloseable {

  /** Returns the static facts of the opened device. */
  DeviceDescription description();

  /**
   * Returns whether this device can time the given precision with the given kernel: the shipped
   * kernel needs the precision's compute capability, cuBLAS also needs libcublas and a
   * precision cublasGemmEx takes (not FP8).
   */
  boolean supports(Precision precision, GemmKernel kernel);

  /** Returns a one-line explanation of the cuBLAS state, e.g. {@code "cuBLAS not available (...)"}. */
  String cublasStatus();

  /**
   * Allocates and fills operands for one GEMM shape and returns a timer for M up to {@code maxM}.
   *
   * @param maxM largest token dimension that will be timed
   * @param n output features
   * @param k input features; k times the element size must be a multiple of 64 bytes
   * @throws IllegalArgumentException if the precision or kernel is not supported here or a
   *     dimension breaks the kernel's rules
   * @throws CudaFailure if a driver call fails (out of memory, for example)
   */
  GemmTimer gemm(Precision precision, GemmKernel kernel, int maxM, int n, int k);

  /**
   * Returns the mean seconds of one pass of a streaming kernel over arrays of {@code arrayBytes}.
   *
   * @param arrayBytes bytes of each array; a multiple of {@link MemoryKernel#GRANULE_BYTES}
   * @throws CudaFailure if a driver call fails
   */
  double memoryKernelSeconds(MemoryKernel kernel, long arrayBytes, int warmup, int iterations);

  /**
   * Returns the mean seconds of one pinned-host copy of {@code bytes}.
   *
   * @throws CudaFailure if a driver call fails
   */
  double hostCopySeconds(boolean toDevice, long bytes, int warmup, int iterations);

  /**
   * Returns the mean seconds of one copy of {@code bytes} from GPU 0 to GPU 1 (cuMemcpyPeer), or
   * empty when fewer than two GPUs are present.
   *
   * @throws CudaFailure if a driver call fails
   */
  OptionalDouble peerCopySeconds(long bytes, int warmup, int iterations);

  /** Releases every resource of the device; never throws. */
  @Override
  void close();

  /** Times one GEMM shape at several M with operands allocated once. */
  interface GemmTimer extends AutoCloseable {
    /**
     * Times C[M x N] = A[M x K] * B[N x K]^T and samples a few outputs for checking.
     *
     * @param m token dimension, 1 to the timer's maxM
     * @throws IllegalArgumentException if m is outside 1..maxM
     * @throws CudaFailure if a driver call fails
     */
    GemmTiming time(int m, int warmup, int iterations);

    /** Frees the operands; never throws. */
    @Override
    void close();
  }
}
