package dev.aicompass.bench.internal;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Names the NVIDIA driver version as users know it (e.g. "580.159"). */
public final class DriverVersion {
  private static final Pattern NVRM = Pattern.compile("Kernel Module(?: for \\S+)?\\s+(\\d+\\.\\d+(?:\\.\\d+)?)");

  private DriverVersion() {}

  /**
   * Extracts the version from the text of {@code /proc/driver/nvidia/version}, e.g.
   * {@code "NVRM version: NVIDIA UNIX x86_64 Kernel Module  580.159  Tue ..."} gives 580.159.
   */
  public static Optional<String> fromProcText(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher matcher = NVRM.matcher(text);
    return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  /**
   * Formats the value of cuDriverGetVersion, e.g. 13000 as {@code "CUDA 13.0"}.
   *
   * @param cudaVersion 1000 · major + 10 · minor
   */
  public static String fromCudaVersion(int cudaVersion) {
    return "CUDA " + cudaVersion / 1000 + "." + (cudaVersion % 1000) / 10;
  }
}
