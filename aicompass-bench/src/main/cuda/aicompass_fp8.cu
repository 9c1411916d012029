// aicompass-bench FP8 (e4m3) GEMM for compute capability 8.9 and newer (built as PTX for
// compute_89: mma.sync with e4m3 operands needs sm_89+). Loaded by the host only on such devices;
// the split-K finish (aicompass_ws_to_bf16) and the e4m3 fill live in aicompass_kernels.cu.
#include <cuda_bf16.h>

#define AICOMPASS_FP8 1
#include "gemm_mma.cuh"

using namespace aicompass;

// e4m3 x e4m3 -> bf16 with float accumulation. kBytes = K (one byte per element).
extern "C" __global__ void __launch_bounds__(THREADS, 1)
    aicompass_gemm_e4m3(const uint8_t* A, const uint8_t* B, __nv_bfloat16* C, float* ws, int M,
                        int N, int kBytes) {
  float acc[MT][NT][4];
  mainloop<MmaE4M3>(acc, A, B, M, N, kBytes);
  const bool split = gridDim.z > 1;
  for_each_output(acc, M, N, [&](size_t idx, float v0, float v1, bool pair) {
    if (split) {
      atomicAdd(ws + idx, v0);
      if (pair) atomicAdd(ws + idx + 1, v1);
    } else if (pair) {
      *reinterpret_cast<__nv_bfloat162*>(C + idx) = __floats2bfloat162_rn(v0, v1);
    } else {
      C[idx] = __float2bfloat16_rn(v0);
    }
  });
}
