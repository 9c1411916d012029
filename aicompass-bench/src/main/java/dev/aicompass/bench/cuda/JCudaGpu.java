package dev.aicompass.bench.cuda;

import static jcuda.driver.JCudaDriver.cuCtxEnablePeerAccess;
import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuDeviceCanAccessPeer;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;
import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRelease;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static jcuda.driver.JCudaDriver.cuDeviceTotalMem;
import static jcuda.driver.JCudaDriver.cuDriverGetVersion;
import static jcuda.driver.JCudaDriver.cuEventCreate;
import static jcuda.driver.JCudaDriver.cuEventDestroy;
import static jcuda.driver.JCudaDriver.cuEventElapsedTime;
import static jcuda.driver.JCudaDriver.cuEventRecord;
import static jcuda.driver.JCudaDriver.cuEventSynchronize;
import static jcuda.driver.JCudaDriver.cuFuncSetAttribute;
import static jcuda.driver.JCudaDriver.cuInit;
import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemAllocHost;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemFreeHost;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoHAsync;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoDAsync;
import static jcuda.driver.JCudaDriver.cuMemcpyPeerAsync;
import static jcuda.driver.JCudaDriver.cuMemsetD16Async;
import static jcuda.driver.JCudaDriver.cuMemsetD32Async;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;
import static jcuda.driver.JCudaDriver.cuModuleUnload;
import static jcuda.driver.JCudaDriver.cuStreamCreate;
import static jcuda.driver.JCudaDriver.cuStreamDestroy;
import static jcuda.driver.JCudaDriver.cuStreamSynchronize;

import dev.aicompass.bench.Precision;
import dev.aicompass.bench.internal.Checks;
import dev.aicompass.bench.internal.DriverVersion;
import dev.aicompass.bench.internal.GemmPlan;
import dev.aicompass.bench.internal.LowPrecision;
import dev.aicompass.bench.internal.NativeLoadFailure;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUevent;
import jcuda.driver.CUevent_flags;
import jcuda.driver.CUfunction;
import jcuda.driver.CUfunction_attribute;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import jcuda.driver.CUstream;
import jcuda.driver.CUstream_flags;
import jcuda.driver.JCudaDriver;

/**
 * {@link Gpu} on the CUDA driver API through JCuda: the device's primary context, one stream,
 * the shipped PTX modules loaded with cuModuleLoadData (so only libcuda is needed), CUDA events
 * for timing. Not thread-safe.
 */
final class JCudaGpu implements Gpu {
  private static final String DRIVER_LIBRARY =
      System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")
          ? "nvcuda.dll" : "libcuda.so.1";
  private static final int FILL_THREADS = 256;
  /** The reason of the first native load failure: later uses only see NoClassDefFoundError. */
  private static final AtomicReference<String> LOAD_FAILURE = new AtomicReference<>();

  private final int ordinal;
  private final CUdevice device;
  private final CUcontext context;
  private final CUstream stream;
  private final CUevent start;
  private final CUevent stop;
  private final DeviceDescription description;
  private final CUmodule base;
  private CUmodule fp8;
  private final Map<String, CUfunction> functions = new HashMap<>();
  private final CublasGemm cublas;
  private final String cublasStatus;

  private JCudaGpu(int ordinal, int deviceCount) {
    this.ordinal = ordinal;
    device = new CUdevice();
    check(cuDeviceGet(device, ordinal), "cuDeviceGet(" + ordinal + ")");
    description = describe(device, deviceCount);
    if (description.computeCapability() < 80) {
      throw new CudaFailure("device " + ordinal + " (" + description.name()
          + ") has compute capability " + description.computeCapabilityText()
          + "; the shipped kernels need 8.0 or newer");
    }
    context = new CUcontext();
    check(cuDevicePrimaryCtxRetain(context, device), "cuDevicePrimaryCtxRetain");
    check(cuCtxSetCurrent(context), "cuCtxSetCurrent");
    stream = new CUstream();
    check(cuStreamCreate(stream, CUstream_flags.CU_STREAM_NON_BLOCKING), "cuStreamCreate");
    start = new CUevent();
    stop = new CUevent();
    check(cuEventCreate(start, CUevent_flags.CU_EVENT_DEFAULT), "cuEventCreate");
    check(cuEventCreate(stop, CUevent_flags.CU_EVENT_DEFAULT), "cuEventCreate");
    base = load(PtxModules.BASE);
    CublasGemm handle = null;
    String status;
    try {
      handle = CublasGemm.create(stream);
      status = "cuBLAS available";
    } catch (LinkageError e) {
      status = "cuBLAS not available ("
          + NativeLoadFailure.describe(e, "libcublas.so.12", "libJCublas2") + ")";
    } catch (CudaFailure e) {
      status = "cuBLAS not available (" + e.getMessage() + ")";
    }
    cublas = handle;
    cublasStatus = status;
  }

  /**
   * Opens device {@code ordinal}.
   *
   * @throws NoCudaDeviceException if libcuda cannot be loaded, cuInit fails or no such device
   */
  static Gpu open(int ordinal) throws NoCudaDeviceException {
    Checks.nonNegative("device", ordinal);
    int count;
    try {
      count = initAndCount();
    } catch (LinkageError e) {
      throw new NoCudaDeviceException(loadFailure(e));
    }
    if (ordinal >= count) {
      throw new NoCudaDeviceException("device " + ordinal + " requested but the driver reports "
          + count + " device" + (count == 1 ? "" : "s"));
    }
    return new JCudaGpu(ordinal, count);
  }

  /** Returns empty when a device is usable, else the reason; never throws. */
  static Optional<String> probe() {
    try {
      initAndCount();
      return Optional.empty();
    } catch (LinkageError e) {
      return Optional.of(loadFailure(e));
    } catch (NoCudaDeviceException e) {
      return Optional.of(e.reason());
    } catch (RuntimeException e) {
      return Optional.of(String.valueOf(e.getMessage()));
    }
  }

  private static String loadFailure(LinkageError error) {
    String reason = NativeLoadFailure.describe(error, DRIVER_LIBRARY, "libJCudaDriver");
    return LOAD_FAILURE.compareAndSet(null, reason) ? reason : LOAD_FAILURE.get();
  }

  private static int initAndCount() throws NoCudaDeviceException {
    JCudaDriver.setExceptionsEnabled(false);
    int result = cuInit(0);
    if (result != CUresult.CUDA_SUCCESS) {
      String hint = switch (result) {
        case CUresult.CUDA_ERROR_SYSTEM_DRIVER_MISMATCH,
            CUresult.CUDA_ERROR_COMPAT_NOT_SUPPORTED_ON_DEVICE ->
            " (driver insufficient: user-mode libcuda and kernel driver do not match)";
        case CUresult.CUDA_ERROR_STUB_LIBRARY -> " (libcuda is the toolkit's stub, not a driver)";
        case CUresult.CUDA_ERROR_NOT_INITIALIZED -> " (driver not initialized)";
        default -> "";
      };
      throw new NoCudaDeviceException("cuInit failed: " + CUresult.stringFor(result) + hint);
    }
    int[] count = {0};
    result = cuDeviceGetCount(count);
    if (result != CUresult.CUDA_SUCCESS) {
      throw new NoCudaDeviceException("cuDeviceGetCount failed: " + CUresult.stringFor(result));
    }
    if (count[0] < 1) {
      throw new NoCudaDeviceException("cuDeviceGetCount reports 0 devices");
    }
    return count[0];
  }

  private static DeviceDescription describe(CUdevice device, int deviceCount) {
    byte[] name = new byte[256];
    check(cuDeviceGetName(name, name.length, device), "cuDeviceGetName");
    int length = 0;
    while (length < name.length && name[length] != 0) {
      length++;
    }
    long[] memory = {0};
    check(cuDeviceTotalMem(memory, device), "cuDeviceTotalMem");
    int[] version = {0};
    check(cuDriverGetVersion(version), "cuDriverGetVersion");
    String driver = readProcVersion().orElse(DriverVersion.fromCudaVersion(version[0]));
    return new DeviceDescription(new String(name, 0, length, StandardCharsets.US_ASCII).trim(),
        attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR),
        attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR),
        attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT),
        memory[0],
        Math.max(1, attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_L2_CACHE_SIZE)),
        driver, deviceCount);
  }

  private static Optional<String> readProcVersion() {
    try {
      Path proc = Path.of("/proc/driver/nvidia/version");
      return Files.isReadable(proc)
          ? DriverVersion.fromProcText(Files.readString(proc, StandardCharsets.US_ASCII))
          : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static int attribute(CUdevice device, int attribute) {
    int[] value = {0};
    check(cuDeviceGetAttribute(value, attribute, device), "cuDeviceGetAttribute(" + attribute + ")");
    return value[0];
  }

  @Override
  public DeviceDescription description() {
    return description;
  }

  @Override
  public boolean supports(Precision precision, GemmKernel kernel) {
    boolean capable = description.computeCapability() >= precision.minComputeCapability();
    return kernel == GemmKernel.CUBLAS
        ? capable && cublas != null && CublasGemm.supports(precision)
        : capable;
  }

  @Override
  public String cublasStatus() {
    return cublasStatus;
  }

  // ------------------------------------------------------------------------------------------
  // GEMM
  // ------------------------------------------------------------------------------------------

  @Override
  public GemmTimer gemm(Precision precision, GemmKernel kernel, int maxM, int n, int k) {
    Checks.positive("maxM", maxM);
    Checks.positive("n", n);
    Checks.positive("k", k);
    if (description.computeCapability() < precision.minComputeCapability()) {
      throw new IllegalArgumentException("precision (" + precision.id() + ") needs compute "
          + "capability " + precision.minComputeCapability() / 10 + "."
          + precision.minComputeCapability() % 10 + "; this device has "
          + description.computeCapabilityText());
    }
    if (kernel == GemmKernel.CUBLAS && (cublas == null || !CublasGemm.supports(precision))) {
      throw new IllegalArgumentException("kernel (cublas) is not available for " + precision.id()
          + ": " + cublasStatus);
    }
    long kBytes = (long) k * precision.bytesPerElement();
    if (kernel == GemmKernel.AICOMPASS_MMA && kBytes % GemmPlan.K_TILE_BYTES != 0) {
      throw new IllegalArgumentException("k (" + k + ") times " + precision.bytesPerElement()
          + " bytes must be a multiple of " + GemmPlan.K_TILE_BYTES + " bytes");
    }
    return new DeviceGemm(precision, kernel, maxM, n, k);
  }

  private final class DeviceGemm implements GemmTimer {
    private final Precision precision;
    private final GemmKernel kernel;
    private final int maxM;
    private final int n;
    private final int k;
    private final int outBytes;
    private final Deque<CUdeviceptr> allocations = new ArrayDeque<>();
    private final CUdeviceptr a;
    private final CUdeviceptr c;
    private final List<CUdeviceptr> weights = new ArrayList<>();
    private CUdeviceptr workspace;
    private long workspaceElements;

    DeviceGemm(Precision precision, GemmKernel kernel, int maxM, int n, int k) {
      this.precision = precision;
      this.kernel = kernel;
      this.maxM = maxM;
      this.n = n;
      this.k = k;
      this.outBytes = precision == Precision.INT8 ? 4 : 2;
      int element = precision.bytesPerElement();
      try {
        a = alloc((long) maxM * k * element);
        c = alloc((long) maxM * n * outBytes);
        fill(a, (long) maxM * k, 1);
        long weightBytes = (long) n * k * element;
        int copies = GemmPlan.weightCopies(weightBytes, description.l2CacheBytes());
        for (int i = 0; i < copies; i++) {
          CUdeviceptr b = alloc(weightBytes);
          fill(b, (long) n * k, 1000 + i);
          weights.add(b);
        }
        check(cuStreamSynchronize(stream), "cuStreamSynchronize(fill)");
      } catch (RuntimeException e) {
        close();
        throw e;
      }
    }

    private CUdeviceptr alloc(long bytes) {
      CUdeviceptr ptr = new CUdeviceptr();
      check(cuMemAlloc(ptr, bytes), "cuMemAlloc(" + bytes + " bytes)");
      allocations.push(ptr);
      return ptr;
    }

    private void fill(CUdeviceptr ptr, long elements, int seed) {
      String name = switch (precision) {
        case FP16 -> PtxModules.FILL_F16;
        case BF16 -> PtxModules.FILL_BF16;
        case INT8 -> PtxModules.FILL_S8;
        case FP8 -> PtxModules.FILL_E4M3;
      };
      launch(function(base, name), gridFor(elements), 1, 1, FILL_THREADS, 0,
          Pointer.to(ptr), Pointer.to(new long[] {elements}), Pointer.to(new int[] {seed}));
    }

    @Override
    public GemmTiming time(int m, int warmup, int iterations) {
      if (m < 1 || m > maxM) {
        throw new IllegalArgumentException("m (" + m + ") must be between 1 and maxM (" + maxM + ")");
      }
      Checks.nonNegative("warmup", warmup);
      Checks.positive("iterations", iterations);
      IntConsumer op = kernel == GemmKernel.CUBLAS
          ? i -> cublas.gemm(precision, a, weights.get(i % weights.size()), c, m, n, k)
          : mmaLauncher(m);
      double seconds = timeOps(warmup, iterations, op);
      CUdeviceptr lastWeights = weights.get((warmup + iterations - 1) % weights.size());
      return new GemmTiming(seconds, samples(m, lastWeights));
    }

    private IntConsumer mmaLauncher(int m) {
      long kBytes = (long) k * precision.bytesPerElement();
      int splits = GemmPlan.splits(m, n, kBytes, description.multiprocessors());
      CUfunction gemm = switch (precision) {
        case FP16 -> function(base, PtxModules.GEMM_F16);
        case BF16 -> function(base, PtxModules.GEMM_BF16);
        case INT8 -> function(base, PtxModules.GEMM_S8);
        case FP8 -> function(fp8Module(), PtxModules.GEMM_E4M3);
      };
      check(cuFuncSetAttribute(gemm,
          CUfunction_attribute.CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES,
          GemmPlan.SHARED_BYTES), "cuFuncSetAttribute(max dynamic shared memory)");
      long outputs = (long) m * n;
      boolean int8 = precision == Precision.INT8;
      if (splits > 1 && !int8 && workspaceElements < outputs) {
        workspace = alloc(outputs * 4);
        workspaceElements = outputs;
      }
      CUdeviceptr ws = splits > 1 && !int8 ? workspace : c;
      CUfunction finish = splits > 1 && !int8
          ? function(base, precision == Precision.FP16 ? PtxModules.WS_TO_F16 : PtxModules.WS_TO_BF16)
          : null;
      int gridX = GemmPlan.tilesN(n);
      int gridY = GemmPlan.tilesM(m);
      return i -> {
        if (splits > 1) {
          check(cuMemsetD32Async(int8 ? c : ws, 0, outputs, stream), "cuMemsetD32Async");
        }
        launch(gemm, gridX, gridY, splits, GemmPlan.THREADS, GemmPlan.SHARED_BYTES,
            Pointer.to(a), Pointer.to(weights.get(i % weights.size())), Pointer.to(c),
            Pointer.to(ws), Pointer.to(new int[] {m}), Pointer.to(new int[] {n}),
            Pointer.to(new int[] {(int) kBytes}));
        if (finish != null) {
          launch(finish, gridFor(outputs), 1, 1, FILL_THREADS, 0, Pointer.to(ws), Pointer.to(c),
              Pointer.to(new long[] {outputs}));
        }
      };
    }

    private List<GemmTiming.Sample> samples(int m, CUdeviceptr b) {
      Set<List<Integer>> positions = new LinkedHashSet<>();
      positions.add(List.of(0, 0));
      positions.add(List.of(m - 1, n - 1));
      positions.add(List.of(m / 2, Math.min(n - 1, n / 2 + 1)));
      positions.add(List.of(m - 1, 0));
      List<GemmTiming.Sample> samples = new ArrayList<>();
      for (List<Integer> position : positions) {
        int row = position.get(0);
        int col = position.get(1);
        float[] aRow = readRow(a, row);
        float[] bRow = readRow(b, col);
        byte[] out = new byte[outBytes];
        check(cuMemcpyDtoH(Pointer.to(out), c.withByteOffset(((long) row * n + col) * outBytes),
            outBytes), "cuMemcpyDtoH(sample)");
        ByteBuffer buffer = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        double actual = switch (precision) {
          case FP16 -> LowPrecision.fp16ToFloat(buffer.getShort() & 0xFFFF);
          case BF16, FP8 -> LowPrecision.bf16ToFloat(buffer.getShort() & 0xFFFF);
          case INT8 -> buffer.getInt();
        };
        samples.add(new GemmTiming.Sample(row, col, aRow, bRow, actual));
      }
      return samples;
    }

    private float[] readRow(CUdeviceptr matrix, int row) {
      int element = precision.bytesPerElement();
      byte[] raw = new byte[k * element];
      check(cuMemcpyDtoH(Pointer.to(raw), matrix.withByteOffset((long) row * k * element),
          raw.length), "cuMemcpyDtoH(sample row)");
      float[] values = new float[k];
      ByteBuffer buffer = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < k; i++) {
        values[i] = switch (precision) {
          case FP16 -> LowPrecision.fp16ToFloat(buffer.getShort() & 0xFFFF);
          case BF16 -> LowPrecision.bf16ToFloat(buffer.getShort() & 0xFFFF);
          case INT8 -> buffer.get();
          case FP8 -> LowPrecision.e4m3ToFloat(buffer.get() & 0xFF);
        };
      }
      return values;
    }

    @Override
    public void close() {
      cuStreamSynchronize(stream);
      while (!allocations.isEmpty()) {
        cuMemFree(allocations.pop());
      }
    }
  }

  // ------------------------------------------------------------------------------------------
  // Memory and copies
  // ------------------------------------------------------------------------------------------

  @Override
  public double memoryKernelSeconds(MemoryKernel kernel, long arrayBytes, int warmup,
      int iterations) {
    kernel.bytesMoved(arrayBytes);  // validates the size
    Checks.nonNegative("warmup", warmup);
    Checks.positive("iterations", iterations);
    int arrays = kernel == MemoryKernel.TRIAD ? 3 : 2;
    Deque<CUdeviceptr> owned = new ArrayDeque<>();
    try {
      List<CUdeviceptr> buffers = new ArrayList<>();
      for (int i = 0; i < arrays; i++) {
        buffers.add(allocTracked(owned, arrayBytes));
      }
      long n4 = arrayBytes / 16;
      IntConsumer op;
      switch (kernel) {
        case COPY, TRIAD -> {
          for (CUdeviceptr buffer : buffers) {
            check(cuMemsetD32Async(buffer, Float.floatToRawIntBits(1f), arrayBytes / 4, stream),
                "cuMemsetD32Async");
          }
          int blocks = description.multiprocessors() * 8;
          CUfunction fn = function(base, kernel == MemoryKernel.COPY ? PtxModules.COPY : PtxModules.TRIAD);
          op = kernel == MemoryKernel.COPY
              ? i -> launch(fn, blocks, 1, 1, 256, 0, Pointer.to(buffers.get(0)),
                  Pointer.to(buffers.get(1)), Pointer.to(new long[] {n4}))
              : i -> launch(fn, blocks, 1, 1, 256, 0, Pointer.to(buffers.get(0)),
                  Pointer.to(buffers.get(1)), Pointer.to(buffers.get(2)),
                  Pointer.to(new float[] {3f}), Pointer.to(new long[] {n4}));
        }
        case LAYER_NORM -> {
          long rows = arrayBytes / MemoryKernel.GRANULE_BYTES;
          long hidden = MemoryKernel.GRANULE_BYTES / 2;
          CUdeviceptr gamma = allocTracked(owned, MemoryKernel.GRANULE_BYTES);
          CUdeviceptr beta = allocTracked(owned, MemoryKernel.GRANULE_BYTES);
          check(cuMemsetD16Async(gamma, (short) 0x3F80, hidden, stream), "cuMemsetD16Async");
          check(cuMemsetD16Async(beta, (short) 0, hidden, stream), "cuMemsetD16Async");
          launch(function(base, PtxModules.FILL_BF16), gridFor(rows * hidden), 1, 1, FILL_THREADS,
              0, Pointer.to(buffers.get(0)), Pointer.to(new long[] {rows * hidden}),
              Pointer.to(new int[] {7}));
          CUfunction fn = function(base, PtxModules.LAYER_NORM);
          op = i -> launch(fn, (int) rows, 1, 1, 256, 0, Pointer.to(buffers.get(0)),
              Pointer.to(buffers.get(1)), Pointer.to(gamma), Pointer.to(beta),
              Pointer.to(new int[] {(int) rows}));
        }
        default -> throw new IllegalArgumentException("kernel (" + kernel + ") is unknown");
      }
      return timeOps(warmup, iterations, op);
    } finally {
      freeAll(owned);
    }
  }

  @Override
  public double hostCopySeconds(boolean toDevice, long bytes, int warmup, int iterations) {
    Checks.positive("bytes", bytes);
    Checks.nonNegative("warmup", warmup);
    Checks.positive("iterations", iterations);
    Deque<CUdeviceptr> owned = new ArrayDeque<>();
    Pointer host = new Pointer();
    check(cuMemAllocHost(host, bytes), "cuMemAllocHost(" + bytes + " bytes)");
    try {
      CUdeviceptr dev = allocTracked(owned, bytes);
      return timeOps(warmup, iterations, toDevice
          ? i -> check(cuMemcpyHtoDAsync(dev, host, bytes, stream), "cuMemcpyHtoDAsync")
          : i -> check(cuMemcpyDtoHAsync(host, dev, bytes, stream), "cuMemcpyDtoHAsync"));
    } finally {
      freeAll(owned);
      cuMemFreeHost(host);
    }
  }

  @Override
  public OptionalDouble peerCopySeconds(long bytes, int warmup, int iterations) {
    Checks.positive("bytes", bytes);
    if (description.deviceCount() < 2) {
      return OptionalDouble.empty();
    }
    int peerOrdinal = ordinal == 0 ? 1 : 0;
    CUdevice peer = new CUdevice();
    check(cuDeviceGet(peer, peerOrdinal), "cuDeviceGet(" + peerOrdinal + ")");
    CUcontext peerContext = new CUcontext();
    check(cuDevicePrimaryCtxRetain(peerContext, peer), "cuDevicePrimaryCtxRetain(peer)");
    Deque<CUdeviceptr> owned = new ArrayDeque<>();
    CUdeviceptr dst = new CUdeviceptr();
    boolean dstAllocated = false;
    try {
      int[] canAccess = {0};
      check(cuDeviceCanAccessPeer(canAccess, device, peer), "cuDeviceCanAccessPeer");
      if (canAccess[0] == 1) {
        int result = cuCtxEnablePeerAccess(peerContext, 0);
        if (result != CUresult.CUDA_SUCCESS
            && result != CUresult.CUDA_ERROR_PEER_ACCESS_ALREADY_ENABLED) {
          check(result, "cuCtxEnablePeerAccess");
        }
      }
      CUdeviceptr src = allocTracked(owned, bytes);
      check(cuCtxSetCurrent(peerContext), "cuCtxSetCurrent(peer)");
      try {
        check(cuMemAlloc(dst, bytes), "cuMemAlloc(peer, " + bytes + " bytes)");
        dstAllocated = true;
      } finally {
        check(cuCtxSetCurrent(context), "cuCtxSetCurrent");
      }
      return OptionalDouble.of(timeOps(warmup, iterations, i -> check(
          cuMemcpyPeerAsync(dst, peerContext, src, context, bytes, stream), "cuMemcpyPeerAsync")));
    } finally {
      freeAll(owned);
      if (dstAllocated) {
        cuCtxSetCurrent(peerContext);
        cuMemFree(dst);
        cuCtxSetCurrent(context);
      }
      cuDevicePrimaryCtxRelease(peer);
    }
  }

  // ------------------------------------------------------------------------------------------
  // Helpers
  // ------------------------------------------------------------------------------------------

  /** Runs warm-up ops, times {@code iterations} ops between two events, returns seconds/op. */
  private double timeOps(int warmup, int iterations, IntConsumer op) {
    for (int i = 0; i < warmup; i++) {
      op.accept(i);
    }
    check(cuEventRecord(start, stream), "cuEventRecord");
    for (int i = 0; i < iterations; i++) {
      op.accept(warmup + i);
    }
    check(cuEventRecord(stop, stream), "cuEventRecord");
    check(cuEventSynchronize(stop), "cuEventSynchronize (a kernel or copy failed)");
    float[] ms = {0f};
    check(cuEventElapsedTime(ms, start, stop), "cuEventElapsedTime");
    return ms[0] / 1e3 / iterations;
  }

  private void launch(CUfunction fn, int gridX, int gridY, int gridZ, int threads, int shared,
      Pointer... args) {
    check(cuLaunchKernel(fn, gridX, gridY, gridZ, threads, 1, 1, shared, stream,
        Pointer.to(args), null), "cuLaunchKernel");
  }

  private int gridFor(long elements) {
    long blocks = (elements + FILL_THREADS - 1) / FILL_THREADS;
    return (int) Math.max(1, Math.min(blocks, description.multiprocessors() * 16L));
  }

  private CUfunction function(CUmodule module, String name) {
    return functions.computeIfAbsent(name, key -> {
      CUfunction fn = new CUfunction();
      check(cuModuleGetFunction(fn, module, key), "cuModuleGetFunction(" + key + ")");
      return fn;
    });
  }

  private CUmodule fp8Module() {
    if (fp8 == null) {
      fp8 = load(PtxModules.FP8);
    }
    return fp8;
  }

  private static CUmodule load(String resource) {
    CUmodule module = new CUmodule();
    int result = cuModuleLoadData(module, PtxModules.image(resource));
    if (result != CUresult.CUDA_SUCCESS) {
      String hint = result == CUresult.CUDA_ERROR_UNSUPPORTED_PTX_VERSION
          ? "; the driver is older than the PTX ISA the module declares (see build-ptx.sh)" : "";
      throw new CudaFailure("cuModuleLoadData(" + resource + ") failed: "
          + CUresult.stringFor(result) + " (" + result + ")" + hint);
    }
    return module;
  }

  private static CUdeviceptr allocTracked(Deque<CUdeviceptr> owned, long bytes) {
    CUdeviceptr ptr = new CUdeviceptr();
    check(cuMemAlloc(ptr, bytes), "cuMemAlloc(" + bytes + " bytes)");
    owned.push(ptr);
    return ptr;
  }

  private void freeAll(Deque<CUdeviceptr> owned) {
    cuStreamSynchronize(stream);
    while (!owned.isEmpty()) {
      cuMemFree(owned.pop());
    }
  }

  private static void check(int result, String call) {
    if (result != CUresult.CUDA_SUCCESS) {
      throw new CudaFailure(call + " failed: " + CUresult.stringFor(result) + " (" + result + ")");
    }
  }

  @Override
  public void close() {
    cuStreamSynchronize(stream);
    if (cublas != null) {
      cublas.close();
    }
    cuModuleUnload(base);
    if (fp8 != null) {
      cuModuleUnload(fp8);
    }
    cuEventDestroy(start);
    cuEventDestroy(stop);
    cuStreamDestroy(stream);
    cuDevicePrimaryCtxRelease(device);
  }
}
