package dev.aicompass.bench.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The real driver probe; which test runs depends on whether this machine has a GPU. */
class CudaTest {

  @Test
  void withoutADeviceOpeningFailsWithAOneLineReason() {
    Assumptions.assumeFalse(Cuda.isAvailable(), "a CUDA device is present");
    NoCudaDeviceException e =
        assertThrows(NoCudaDeviceException.class, () -> Cuda.provider().open(0));
    assertFalse(e.reason().contains("\n"), e.reason());
    assertTrue(e.reason().startsWith("libcuda.so.1 not loadable: ")
        || e.reason().startsWith("nvcuda.dll not loadable: ")
        || e.reason().startsWith("cuInit failed: ")
        || e.reason().startsWith("cuDeviceGetCount"), e.reason());
    assertEquals(e.reason(), Cuda.unavailableReason().orElseThrow());
  }

  @Test
  void withADeviceTheProbeHasNoReason() {
    Assumptions.assumeTrue(Cuda.isAvailable(), "no CUDA device");
    assertTrue(Cuda.unavailableReason().isEmpty());
  }
}
