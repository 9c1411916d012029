// Tiled tensor-core GEMM with inline PTX (cp.async, ldmatrix, mma.sync) for aicompass-bench.
//
// Computes C[M x N] = A[M x K] * B[N x K]^T: both operands K-contiguous ("TN"), the layout of a
// linear layer y = x W^T with activations A and weights B. Everything is expressed in bytes along
// K so that one tile geometry serves 16-bit (m16n8k16) and 8-bit (m16n8k32) mma shapes: a k-step
// is 32 bytes and the fragment byte layouts of both shapes are identical.
//
// Block tile 128 x 256, 64 bytes of K per stage, 4-stage cp.async pipeline (96 KiB of dynamic
// shared memory), 8 warps of 64 x 64. Rows of A and B beyond M or N are zero-filled and not
// stored, so M and N are arbitrary; K * element size must be a multiple of 64 bytes.
//
// Split-K: gridDim.z > 1 splits the K loop; each split atomically adds its partial sums into a
// 32-bit workspace (float, or int32 for the s8 kernel, which is then the output itself), and a
// conversion kernel writes the final output. Used by the host for small M, where 128 x 256 tiles
// alone would leave most multiprocessors idle.
#pragma once

#include <stdint.h>

namespace aicompass {

constexpr int BM = 128;
constexpr int BN = 256;
constexpr int BK_BYTES = 64;
constexpr int STAGES = 4;
constexpr int THREADS = 256;
constexpr int A_STAGE = BM * BK_BYTES;           // 8 KiB
constexpr int B_STAGE = BN * BK_BYTES;           // 16 KiB
constexpr int STAGE_BYTES = A_STAGE + B_STAGE;   // 24 KiB
constexpr int WARP_M = 64;
constexpr int WARP_N = 64;
constexpr int MT = WARP_M / 16;  // m16 tiles per warp
constexpr int NT = WARP_N / 8;   // n8 tiles per warp

__device__ __forceinline__ uint32_t smem_addr(const void* p) {
  return static_cast<uint32_t>(__cvta_generic_to_shared(p));
}

// Byte offset of 16-byte chunk c (0..3) of tile row r: rows are 64 bytes; the chunk index is
// XOR-swizzled with (r >> 1) & 3 so that the 8 row addresses of one ldmatrix hit 8 distinct
// 16-byte bank groups (conflict-free) while cp.async writes stay 16-byte aligned.
__device__ __forceinline__ uint32_t swz(int r, int c) {
  return static_cast<uint32_t>(r * BK_BYTES + ((c ^ ((r >> 1) & 3)) << 4));
}

__device__ __forceinline__ void cp_async16(uint32_t dst, const void* src, bool valid) {
  const int src_bytes = valid ? 16 : 0;  // 0 -> the 16 destination bytes are zero-filled
  asm volatile("cp.async.cg.shared.global [%0], [%1], 16, %2;\n" ::"r"(dst), "l"(src), "r"(src_bytes));
}

__device__ __forceinline__ void cp_async_commit() { asm volatile("cp.async.commit_group;\n" ::); }

template <int N>
__device__ __forceinline__ void cp_async_wait() {
  asm volatile("cp.async.wait_group %0;\n" ::"n"(N));
}

__device__ __forceinline__ void ldmatrix_x4(uint32_t& r0, uint32_t& r1, uint32_t& r2, uint32_t& r3,
                                            uint32_t addr) {
  asm volatile("ldmatrix.sync.aligned.m8n8.x4.shared.b16 {%0, %1, %2, %3}, [%4];\n"
               : "=r"(r0), "=r"(r1), "=r"(r2), "=r"(r3)
               : "r"(addr));
}

// One k-step (32 bytes of K) of D += A * B for a 16 x 8 tile. Acc is float or int32_t.
struct MmaF16 {
  using Acc = float;
  __device__ __forceinline__ static void mma(float* d, const uint32_t* a, const uint32_t* b) {
    asm volatile(
        "mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32 {%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, "
        "{%0,%1,%2,%3};\n"
        : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3])
        : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b[0]), "r"(b[1]));
  }
};

struct MmaBF16 {
  using Acc = float;
  __device__ __forceinline__ static void mma(float* d, const uint32_t* a, const uint32_t* b) {
    asm volatile(
        "mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32 {%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, "
        "{%0,%1,%2,%3};\n"
        : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3])
        : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b[0]), "r"(b[1]));
  }
};

struct MmaS8 {
  using Acc = int32_t;
  __device__ __forceinline__ static void mma(int32_t* d, const uint32_t* a, const uint32_t* b) {
    asm volatile(
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 {%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, "
        "{%0,%1,%2,%3};\n"
        : "+r"(d[0]), "+r"(d[1]), "+r"(d[2]), "+r"(d[3])
        : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b[0]), "r"(b[1]));
  }
};

#if defined(AICOMPASS_FP8)
struct MmaE4M3 {
  using Acc = float;
  __device__ __forceinline__ static void mma(float* d, const uint32_t* a, const uint32_t* b) {
    asm volatile(
        "mma.sync.aligned.m16n8k32.row.col.f32.e4m3.e4m3.f32 {%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, "
        "{%0,%1,%2,%3};\n"
        : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3])
        : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b[0]), "r"(b[1]));
  }
};
#endif

// Copies one stage (A: 128 rows, B: 256 rows, 64 bytes each) from global to shared memory.
__device__ __forceinline__ void load_stage(uint8_t* sA, uint8_t* sB, const uint8_t* A,
                                           const uint8_t* B, int M, int N, size_t ldBytes,
                                           int m0, int n0, size_t kByte) {
  const int tid = threadIdx.x;
#pragma unroll
  for (int i = 0; i < (BM * 4) / THREADS; ++i) {
    const int id = tid + i * THREADS;
    const int r = id >> 2, c = id & 3;
    const bool ok = (m0 + r) < M;
    const uint8_t* src = A + static_cast<size_t>(ok ? m0 + r : 0) * ldBytes + kByte + c * 16;
    cp_async16(smem_addr(sA + swz(r, c)), src, ok);
  }
#pragma unroll
  for (int i = 0; i < (BN * 4) / THREADS; ++i) {
    const int id = tid + i * THREADS;
    const int r = id >> 2, c = id & 3;
    const bool ok = (n0 + r) < N;
    const uint8_t* src = B + static_cast<size_t>(ok ? n0 + r : 0) * ldBytes + kByte + c * 16;
    cp_async16(smem_addr(sB + swz(r, c)), src, ok);
  }
}

// Main loop shared by all element types. Returns the warp's 64 x 64 accumulators in acc.
template <class Mma>
__device__ __forceinline__ void mainloop(typename Mma::Acc (&acc)[MT][NT][4], const uint8_t* A,
                                         const uint8_t* B, int M, int N, int kBytes) {
  extern __shared__ __align__(128) uint8_t smem[];
  const int warp = threadIdx.x >> 5;
  const int lane = threadIdx.x & 31;
  const int warpRow = (warp >> 2) * WARP_M;  // 2 warps along M
  const int warpCol = (warp & 3) * WARP_N;   // 4 warps along N
  const int m0 = blockIdx.y * BM;
  const int n0 = blockIdx.x * BN;
  const size_t ldBytes = static_cast<size_t>(kBytes);

  // K range of this split.
  const int kTiles = kBytes / BK_BYTES;
  const int perSplit = (kTiles + gridDim.z - 1) / gridDim.z;
  const int kt0 = blockIdx.z * perSplit;
  const int kt1 = min(kTiles, kt0 + perSplit);
  const int count = max(0, kt1 - kt0);

#pragma unroll
  for (int i = 0; i < MT; ++i)
#pragma unroll
    for (int j = 0; j < NT; ++j)
#pragma unroll
      for (int e = 0; e < 4; ++e) acc[i][j][e] = 0;

  // Prologue: fill STAGES - 1 stages.
#pragma unroll
  for (int s = 0; s < STAGES - 1; ++s) {
    if (s < count) {
      uint8_t* st = smem + s * STAGE_BYTES;
      load_stage(st, st + A_STAGE, A, B, M, N, ldBytes, m0, n0,
                 static_cast<size_t>(kt0 + s) * BK_BYTES);
    }
    cp_async_commit();
  }

  // ldmatrix lane geometry (see the file comment): A x4 = rows 0-7/8-15 x chunks 0/1 of a k-step,
  // B x4 = two n8 tiles x chunks 0/1.
  const int aRow = (lane & 7) + ((lane >> 3) & 1) * 8;
  const int aChunk = lane >> 4;
  const int bRow = (lane & 7) + (lane >> 4) * 8;
  const int bChunk = (lane >> 3) & 1;

  for (int t = 0; t < count; ++t) {
    cp_async_wait<STAGES - 2>();
    __syncthreads();

    // Prefetch tile t + STAGES - 1 into the stage consumed at iteration t - 1.
    const int next = t + STAGES - 1;
    if (next < count) {
      uint8_t* st = smem + (next % STAGES) * STAGE_BYTES;
      load_stage(st, st + A_STAGE, A, B, M, N, ldBytes, m0, n0,
                 static_cast<size_t>(kt0 + next) * BK_BYTES);
    }
    cp_async_commit();

    const uint8_t* sA = smem + (t % STAGES) * STAGE_BYTES;
    const uint8_t* sB = sA + A_STAGE;
#pragma unroll
    for (int ks = 0; ks < BK_BYTES / 32; ++ks) {
      uint32_t af[MT][4];
      uint32_t bf[NT][2];
#pragma unroll
      for (int i = 0; i < MT; ++i) {
        const int r = warpRow + i * 16 + aRow;
        ldmatrix_x4(af[i][0], af[i][1], af[i][2], af[i][3],
                    smem_addr(sA + swz(r, ks * 2 + aChunk)));
      }
#pragma unroll
      for (int j = 0; j < NT; j += 2) {
        const int r = warpCol + j * 8 + bRow;
        ldmatrix_x4(bf[j][0], bf[j][1], bf[j + 1][0], bf[j + 1][1],
                    smem_addr(sB + swz(r, ks * 2 + bChunk)));
      }
#pragma unroll
      for (int i = 0; i < MT; ++i)
#pragma unroll
        for (int j = 0; j < NT; ++j) Mma::mma(acc[i][j], af[i], bf[j]);
    }
  }
  cp_async_wait<0>();
}

// Epilogue: accumulator element e of tile (i, j) sits at row g (+8 for e >= 2) and column
// 2 * tig + (e & 1) of that 16 x 8 tile. store(idx, v0, v1, pair) writes v0 at idx and, when pair
// is true, v1 at idx + 1 (as one vector store); when pair is false only v0 is meaningful.
template <class Acc, class Store>
__device__ __forceinline__ void for_each_output(const Acc (&acc)[MT][NT][4], int M, int N,
                                                Store store) {
  const int warp = threadIdx.x >> 5;
  const int lane = threadIdx.x & 31;
  const int g = lane >> 2, tig = lane & 3;
  const int rowBase = blockIdx.y * BM + (warp >> 2) * WARP_M;
  const int colBase = blockIdx.x * BN + (warp & 3) * WARP_N;
#pragma unroll
  for (int i = 0; i < MT; ++i)
#pragma unroll
    for (int j = 0; j < NT; ++j)
#pragma unroll
      for (int h = 0; h < 2; ++h) {
        const int row = rowBase + i * 16 + g + h * 8;
        const int col = colBase + j * 8 + tig * 2;
        if (row >= M) continue;
        const size_t idx = static_cast<size_t>(row) * N + col;
        if (col + 1 < N && (N & 1) == 0) {
          // Paired (vector) store: idx is even only when N is.
          store(idx, acc[i][j][h * 2], acc[i][j][h * 2 + 1], true);
        } else {
          if (col < N) store(idx, acc[i][j][h * 2], acc[i][j][h * 2], false);
          if (col + 1 < N) store(idx + 1, acc[i][j][h * 2 + 1], acc[i][j][h * 2 + 1], false);
        }
      }
}

__device__ __forceinline__ uint32_t hash32(uint32_t x) {
  x ^= x >> 16;
  x *= 0x7feb352dU;
  x ^= x >> 15;
  x *= 0x846ca68bU;
  x ^= x >> 16;
  return x;
}

}  // namespace aicompass
