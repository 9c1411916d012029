package dev.aicompass.bench.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aicompass.bench.Precision;
import dev.aicompass.bench.internal.ResultCheck;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the shipped kernels on a real device and checks their results; skipped without CUDA.
 * Asserts correctness only: speed belongs in the measure command, not in unit tests.
 */
class JCudaGpuTest {

  @BeforeEach
  void needsADevice() {
    Assumptions.assumeTrue(Cuda.isAvailable(), "no CUDA device");
  }

  @Test
  void everySupportedPrecisionComputesCorrectlyWithAndWithoutSplitK() throws Exception {
    try (Gpu gpu = Cuda.provider().open(0)) {
      for (Precision precision : Precision.values()) {
        if (!gpu.supports(precision, GemmKernel.AICOMPASS_MMA)) {
          continue;
        }
        // 1 and 37 rows exercise split-K and row predication; 300 a full and a partial tile;
        // N = 320 a partial N tile.
        try (Gpu.GemmTimer timer = gpu.gemm(precision, GemmKernel.AICOMPASS_MMA, 300, 320, 1024)) {
          for (int m : List.of(1, 37, 300)) {
            GemmTiming timing = timer.time(m, 1, 2);
            assertTrue(timing.seconds() > 0);
            assertEquals(java.util.Optional.empty(),
                ResultCheck.verify(precision, timing.samples()), precision + " m=" + m);
          }
        }
      }
    }
  }

  @Test
  void cublasAgreesWhereItLoads() throws Exception {
    try (Gpu gpu = Cuda.provider().open(0)) {
      Assumptions.assumeTrue(gpu.supports(Precision.BF16, GemmKernel.CUBLAS), gpu.cublasStatus());
      try (Gpu.GemmTimer timer = gpu.gemm(Precision.BF16, GemmKernel.CUBLAS, 64, 512, 512)) {
        GemmTiming timing = timer.time(64, 1, 2);
        assertEquals(java.util.Optional.empty(),
            ResultCheck.verify(Precision.BF16, timing.samples()));
      }
    }
  }

  @Test
  void memoryKernelsAndCopiesReturnPositiveTimes() throws Exception {
    try (Gpu gpu = Cuda.provider().open(0)) {
      for (MemoryKernel kernel : MemoryKernel.values()) {
        assertTrue(gpu.memoryKernelSeconds(kernel, 16L << 20, 1, 2) > 0, kernel.id());
      }
      assertTrue(gpu.hostCopySeconds(true, 4L << 20, 1, 2) > 0);
      assertTrue(gpu.hostCopySeconds(false, 4L << 20, 1, 2) > 0);
    }
  }
}
