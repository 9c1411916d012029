package dev.aicompass.bench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DriverVersionTest {

  @Test
  void readsTheKernelModuleVersion() {
    String proc = "NVRM version: NVIDIA UNIX x86_64 Kernel Module  580.159  Tue Oct 14 2025\n"
        + "GCC version:  gcc version 12.2.0 (Debian 12.2.0-14)\n";
    assertEquals(Optional.of("580.159"), DriverVersion.fromProcText(proc));
  }

  @Test
  void readsTheOpenKernelModuleVersion() {
    String proc = "NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  550.54.15  Release";
    assertEquals(Optional.of("550.54.15"), DriverVersion.fromProcText(proc));
  }

  @Test
  void formatsTheCudaDriverApiVersion() {
    assertEquals("CUDA 12.6", DriverVersion.fromCudaVersion(12060));
    assertEquals("CUDA 13.0", DriverVersion.fromCudaVersion(13000));
  }
}
