package dev.aicompass.hardware;

/** The broad class of an accelerator, which selects default efficiency curves. */
public enum AcceleratorKind {
  GPU,
  NPU,
  TPU,
  FPGA,
  CPU
}
