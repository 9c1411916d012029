#!/usr/bin/env python3
"""Emulates the shared-memory addressing of gemm_mma.cuh (load_stage, swz, the ldmatrix lane
geometry) on random bytes and asserts that every lane's mma fragments hold the bytes the PTX ISA
fragment layouts (m16n8k16 / m16n8k32, identical in bytes) require, and that every ldmatrix is
free of shared-memory bank conflicts. Keep in step with gemm_mma.cuh; run by build-ptx.sh."""
import random
BM, BN, BKB = 128, 256, 64
def swz(r, c): return r * BKB + ((c ^ ((r >> 1) & 3)) << 4)
random.seed(1)
M, N, KB = 100, 256, 128  # M < BM exercises zero fill; KB = k bytes
A = [[random.randrange(256) for _ in range(KB)] for _ in range(M)]
B = [[random.randrange(256) for _ in range(KB)] for _ in range(N)]
def load(mat, rows, nrows, kbyte, limit):
    s = bytearray(rows * BKB)
    for tid in range(256):
        for i in range(rows * 4 // 256):
            id_ = tid + i * 256; r, c = id_ >> 2, id_ & 3
            ok = r < limit
            src = mat[r][kbyte + c*16: kbyte + c*16 + 16] if ok else [0]*16
            off = swz(r, c); s[off:off+16] = bytes(src)
    return s
def ldmatrix_x4(smem, addr_of_lane):
    addrs = [addr_of_lane(l) for l in range(32)]
    # bank-conflict check: the 8 addresses of each matrix must hit distinct 16B groups mod 128
    for q in range(4):
        groups = {(addrs[8*q+i] % 128) // 16 for i in range(8)}
        assert len(groups) == 8, ("bank conflict", q, [a % 128 for a in addrs[8*q:8*q+8]])
    regs = [[None]*4 for _ in range(32)]
    for lane in range(32):
        for q in range(4):
            row_addr = addrs[8*q + (lane >> 2)]
            regs[lane][q] = bytes(smem[row_addr + (lane & 3)*4: row_addr + (lane & 3)*4 + 4])
    return regs
def get(mat, r, c0, limit):
    return bytes(mat[r][c0:c0+4]) if r < limit else bytes(4)
for kt in range(KB // BKB):
    sA = load(A, BM, M, kt*BKB, M); sB = load(B, BN, N, kt*BKB, N)
    for warp in range(8):
        warpRow, warpCol = (warp >> 2) * 64, (warp & 3) * 64
        for ks in range(2):
            for i in range(4):
                regs = ldmatrix_x4(sA, lambda l: swz(warpRow + i*16 + (l & 7) + ((l >> 3) & 1)*8, ks*2 + (l >> 4)))
                for lane in range(32):
                    g, t = lane >> 2, lane & 3; r0 = warpRow + i*16 + g; kb = kt*BKB + ks*32 + 4*t
                    exp = [get(A, r0, kb, M), get(A, r0+8, kb, M), get(A, r0, kb+16, M), get(A, r0+8, kb+16, M)]
                    assert regs[lane] == exp, ("A", kt, warp, ks, i, lane)
            for j in range(0, 8, 2):
                regs = ldmatrix_x4(sB, lambda l: swz(warpCol + j*8 + (l & 7) + (l >> 4)*8, ks*2 + ((l >> 3) & 1)))
                for lane in range(32):
                    g, t = lane >> 2, lane & 3; kb = kt*BKB + ks*32 + 4*t
                    n0, n1 = warpCol + j*8 + g, warpCol + (j+1)*8 + g
                    exp = [get(B, n0, kb, N), get(B, n0, kb+16, N), get(B, n1, kb, N), get(B, n1, kb+16, N)]
                    assert regs[lane] == exp, ("B", kt, warp, ks, j, lane)
print("fragment layout and swizzle OK; ldmatrix conflict-free")
