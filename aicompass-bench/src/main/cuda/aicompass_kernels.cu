// aicompass-bench kernels for compute capability 8.0 and newer (built as PTX for compute_80).
// Entry points are extern "C" so that the host looks them up by these exact names; the test
// PtxResourcesTest pins the list. See build-ptx.sh for how this becomes
// src/main/resources/dev/aicompass/bench/cuda/aicompass_sm80.ptx.
#include <cuda_bf16.h>
#include <cuda_fp16.h>

#include "gemm_mma.cuh"

using namespace aicompass;

// ---------------------------------------------------------------------------------------------
// GEMM: C[M x N] = A[M x K] * B[N x K]^T. kBytes = K * element size (multiple of 64).
// ws: 32-bit split-K workspace of M * N elements, used only when gridDim.z > 1 (zeroed by host).
// ---------------------------------------------------------------------------------------------

extern "C" __global__ void __launch_bounds__(THREADS, 1)
    aicompass_gemm_f16(const __half* A, const __half* B, __half* C, float* ws, int M, int N,
                       int kBytes) {
  float acc[MT][NT][4];
  mainloop<MmaF16>(acc, reinterpret_cast<const uint8_t*>(A), reinterpret_cast<const uint8_t*>(B),
                   M, N, kBytes);
  const bool split = gridDim.z > 1;
  for_each_output(acc, M, N, [&](size_t idx, float v0, float v1, bool pair) {
    if (split) {
      atomicAdd(ws + idx, v0);
      if (pair) atomicAdd(ws + idx + 1, v1);
    } else if (pair) {
      *reinterpret_cast<__half2*>(C + idx) = __floats2half2_rn(v0, v1);
    } else {
      C[idx] = __float2half_rn(v0);
    }
  });
}

extern "C" __global__ void __launch_bounds__(THREADS, 1)
    aicompass_gemm_bf16(const __nv_bfloat16* A, const __nv_bfloat16* B, __nv_bfloat16* C,
                        float* ws, int M, int N, int kBytes) {
  float acc[MT][NT][4];
  mainloop<MmaBF16>(acc, reinterpret_cast<const uint8_t*>(A),
                    reinterpret_cast<const uint8_t*>(B), M, N, kBytes);
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

// INT8 x INT8 -> INT32. The output is 32-bit, so split-K adds straight into C (zeroed by host);
// ws is unused.
extern "C" __global__ void __launch_bounds__(THREADS, 1)
    aicompass_gemm_s8(const int8_t* A, const int8_t* B, int32_t* C, float* ws, int M, int N,
                      int kBytes) {
  int32_t acc[MT][NT][4];
  mainloop<MmaS8>(acc, reinterpret_cast<const uint8_t*>(A), reinterpret_cast<const uint8_t*>(B),
                  M, N, kBytes);
  const bool split = gridDim.z > 1;
  for_each_output(acc, M, N, [&](size_t idx, int32_t v0, int32_t v1, bool pair) {
    if (split) {
      atomicAdd(C + idx, v0);
      if (pair) atomicAdd(C + idx + 1, v1);
    } else if (pair) {
      *reinterpret_cast<int2*>(C + idx) = make_int2(v0, v1);
    } else {
      C[idx] = v0;
    }
  });
}

// Split-K finish: converts the float workspace into the 16-bit output.
extern "C" __global__ void aicompass_ws_to_f16(const float* ws, __half* C, long long n) {
  for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < n;
       i += (long long)gridDim.x * blockDim.x) {
    C[i] = __float2half_rn(ws[i]);
  }
}

extern "C" __global__ void aicompass_ws_to_bf16(const float* ws, __nv_bfloat16* C, long long n) {
  for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < n;
       i += (long long)gridDim.x * blockDim.x) {
    C[i] = __float2bfloat16_rn(ws[i]);
  }
}

// ---------------------------------------------------------------------------------------------
// Deterministic pseudo-random fills (uniform data keeps tensor-core power and clocks realistic).
// ---------------------------------------------------------------------------------------------

__device__ __forceinline__ float uniform_pm1(long long i, unsigned seed) {
  const uint32_t h = hash32(static_cast<uint32_t>(i) ^ hash32(seed ^ static_cast<uint32_t>(i >> 32)));
  return static_cast<float>(h >> 8) * (2.0f / 16777216.0f) - 1.0f;  // [-1, 1)
}

extern "C" __global__ void aicompass_fill_f16(__half* p, long long n, unsigned seed) {
  for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < n;
       i += (long long)gridDim.x * blockDim.x) {
    p[i] = __float2half_rn(uniform_pm1(i, seed));
  }
}

extern "C" __global__ void aicompass_fill_bf16(__nv_bfloat16* p, long long n, unsigned seed) {
  for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < n;
       i += (long long)gridDim.x * blockDim.x) {
    p[i] = __float2bfloat16_rn(uniform_pm1(i, seed));
  }
}

// Any byte: int8 in [-128, 127].
extern "C" __global__ void aicompass_fill_s8(int8_t* p, long long n, unsigned seed) {
  for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < n;
       i += (long long)gridDim.x * blockDim.x) {
    p[i] = static_cast<int8_t>(hash32(static_cast<uint32_t>(i) ^ hash32(seed)) & 0xFF);
  }
}

// FP8 e4m3 bit patterns with the top exponent bit cleared (mask 0xBF): finite values of
// magnitude below 2, never NaN (NaN is S.1111.111). Needs no FP8 hardware.
extern "C" __global__ void aicompass_fill_e4m3(uint8_t* p, long long n, unsigned seed) {
  for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < n;
       i += (long long)gridDim.x * blockDim.x) {
    p[i] = static_cast<uint8_t>(hash32(static_cast<uint32_t>(i) ^ hash32(seed)) & 0xBF);
  }
}

// ---------------------------------------------------------------------------------------------
// Memory bandwidth kernels (grid-stride, 16-byte accesses). n4 = number of float4 elements.
// Host counts bytes read + bytes written: copy 2 * 16 * n4, triad 3 * 16 * n4.
// ---------------------------------------------------------------------------------------------

extern "C" __global__ void aicompass_copy(const float4* __restrict__ src, float4* __restrict__ dst,
                                          long long n4) {
  for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < n4;
       i += (long long)gridDim.x * blockDim.x) {
    dst[i] = src[i];
  }
}

// STREAM triad: a = b + s * c.
extern "C" __global__ void aicompass_triad(float4* __restrict__ a, const float4* __restrict__ b,
                                           const float4* __restrict__ c, float s, long long n4) {
  for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < n4;
       i += (long long)gridDim.x * blockDim.x) {
    const float4 x = b[i], y = c[i];
    a[i] = make_float4(x.x + s * y.x, x.y + s * y.y, x.z + s * y.z, x.w + s * y.w);
  }
}

// LayerNorm-style read-reduce-write over rows of LN_HIDDEN bf16 values: one block of 256 threads
// per row, each thread holds 2 x 8 values in registers, block reduction of sum and sum of
// squares, then y = (x - mean) * rstd * gamma + beta. Bytes counted: 2 * rows * LN_HIDDEN * 2.
#define LN_HIDDEN 4096
#define LN_THREADS 256

__device__ __forceinline__ float2 block_sum2(float a, float b) {
  __shared__ float sa[LN_THREADS / 32], sb[LN_THREADS / 32];
#pragma unroll
  for (int o = 16; o > 0; o >>= 1) {
    a += __shfl_xor_sync(0xffffffffu, a, o);
    b += __shfl_xor_sync(0xffffffffu, b, o);
  }
  const int w = threadIdx.x >> 5, l = threadIdx.x & 31;
  if (l == 0) { sa[w] = a; sb[w] = b; }
  __syncthreads();
  a = l < LN_THREADS / 32 ? sa[l] : 0.0f;
  b = l < LN_THREADS / 32 ? sb[l] : 0.0f;
#pragma unroll
  for (int o = 16; o > 0; o >>= 1) {
    a += __shfl_xor_sync(0xffffffffu, a, o);
    b += __shfl_xor_sync(0xffffffffu, b, o);
  }
  return make_float2(a, b);
}

extern "C" __global__ void __launch_bounds__(LN_THREADS)
    aicompass_layernorm_bf16(const __nv_bfloat16* __restrict__ x, __nv_bfloat16* __restrict__ y,
                             const __nv_bfloat16* __restrict__ gamma,
                             const __nv_bfloat16* __restrict__ beta, int rows) {
  constexpr int VEC = 8;  // 8 bf16 = 16 bytes
  constexpr int PER_THREAD = LN_HIDDEN / LN_THREADS;  // 16
  const int row = blockIdx.x;
  if (row >= rows) return;
  const uint4* xr = reinterpret_cast<const uint4*>(x + static_cast<size_t>(row) * LN_HIDDEN);
  uint4* yr = reinterpret_cast<uint4*>(y + static_cast<size_t>(row) * LN_HIDDEN);
  float v[PER_THREAD];
  float s = 0.0f, ss = 0.0f;
#pragma unroll
  for (int u = 0; u < PER_THREAD / VEC; ++u) {
    const uint4 raw = xr[threadIdx.x + u * LN_THREADS];
    const __nv_bfloat162* h = reinterpret_cast<const __nv_bfloat162*>(&raw);
#pragma unroll
    for (int q = 0; q < VEC / 2; ++q) {
      const float2 f = __bfloat1622float2(h[q]);
      v[u * VEC + 2 * q] = f.x;
      v[u * VEC + 2 * q + 1] = f.y;
      s += f.x + f.y;
      ss += f.x * f.x + f.y * f.y;
    }
  }
  const float2 tot = block_sum2(s, ss);
  const float mean = tot.x / LN_HIDDEN;
  const float rstd = rsqrtf(fmaxf(tot.y / LN_HIDDEN - mean * mean, 0.0f) + 1e-5f);
  const uint4* g4 = reinterpret_cast<const uint4*>(gamma);
  const uint4* b4 = reinterpret_cast<const uint4*>(beta);
#pragma unroll
  for (int u = 0; u < PER_THREAD / VEC; ++u) {
    const int idx = threadIdx.x + u * LN_THREADS;
    const uint4 graw = g4[idx], braw = b4[idx];
    const __nv_bfloat162* gh = reinterpret_cast<const __nv_bfloat162*>(&graw);
    const __nv_bfloat162* bh = reinterpret_cast<const __nv_bfloat162*>(&braw);
    uint4 out;
    __nv_bfloat162* oh = reinterpret_cast<__nv_bfloat162*>(&out);
#pragma unroll
    for (int q = 0; q < VEC / 2; ++q) {
      const float2 gf = __bfloat1622float2(gh[q]), bf = __bfloat1622float2(bh[q]);
      const float a0 = (v[u * VEC + 2 * q] - mean) * rstd * gf.x + bf.x;
      const float a1 = (v[u * VEC + 2 * q + 1] - mean) * rstd * gf.y + bf.y;
      oh[q] = __floats2bfloat162_rn(a0, a1);
    }
    yr[idx] = out;
  }
}
