package dev.aicompass.bench.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/** The PTX resources built by {@code src/main/cuda/build-ptx.sh} and their entry points. */
final class PtxModules {
  /** compute_80 module: 16-bit and int8 GEMMs, fills, split-K finish, memory kernels. */
  static final String BASE = "aicompass_sm80.ptx";
  /** compute_89 module: the FP8 e4m3 GEMM. */
  static final String FP8 = "aicompass_fp8_sm89.ptx";

  static final String GEMM_F16 = "aicompass_gemm_f16";
  static final String GEMM_BF16 = "aicompass_gemm_bf16";
  static final String GEMM_S8 = "aicompass_gemm_s8";
  static final String GEMM_E4M3 = "aicompass_gemm_e4m3";
  static final String WS_TO_F16 = "aicompass_ws_to_f16";
  static final String WS_TO_BF16 = "aicompass_ws_to_bf16";
  static final String FILL_F16 = "aicompass_fill_f16";
  static final String FILL_BF16 = "aicompass_fill_bf16";
  static final String FILL_S8 = "aicompass_fill_s8";
  static final String FILL_E4M3 = "aicompass_fill_e4m3";
  static final String COPY = "aicompass_copy";
  static final String TRIAD = "aicompass_triad";
  static final String LAYER_NORM = "aicompass_layernorm_bf16";

  static final List<String> BASE_ENTRIES = List.of(GEMM_F16, GEMM_BF16, GEMM_S8, WS_TO_F16,
      WS_TO_BF16, FILL_F16, FILL_BF16, FILL_S8, FILL_E4M3, COPY, TRIAD, LAYER_NORM);
  static final List<String> FP8_ENTRIES = List.of(GEMM_E4M3);

  /** The .target each module declares. */
  static final String BASE_TARGET = "sm_80";
  static final String FP8_TARGET = "sm_89";

  private PtxModules() {}

  /** Returns the resource bytes of module {@code name}, without terminator. */
  static byte[] read(String name) {
    try (InputStream in = PtxModules.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("PTX resource " + name + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read PTX resource " + name, e);
    }
  }

  /** Returns the module as the NUL-terminated image cuModuleLoadData expects. */
  static byte[] image(String name) {
    byte[] ptx = read(name);
    return Arrays.copyOf(ptx, ptx.length + 1);
  }
}
