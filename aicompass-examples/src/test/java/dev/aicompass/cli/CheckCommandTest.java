package dev.aicompass.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aicompass.catalog.Catalog;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
  /** One run of the command line: exit code, standard output and standard error. */
  static final class Run {
    final int code;
    final String out;
    final String err;

    Run(int code, String out, String err) {
      this.code = code;
      this.out = out;
      this.err = err;
    }

    JsonNode json() throws IOException {
      return Json.MAPPER.readTree(out);
    }

    @Override
    public String toString() {
      return "exit " + code + "\n" + out + err;
    }
  }

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  private static final Pattern FIRST_NUMBER = Pattern.compile("[0-9]+(?:\\.[0-9]+)?");

  private static String first(String s, String dflt) {
    Matcher m = FIRST_NUMBER.matcher(s == null ? "" : s);
    return m.find() ? m.group() : dflt;
  }

  /**
   * Issue 7's acceptance: the serving commands of the calibration memory rows (vLLM 0.15-0.19 on H100:
   * Llama-3.1-8B TP1/TP2/TP4/PP2/PP4, max-model-len 2048-32768, FP8 KV, FP8 weights, fp16/fp32,
   * utilisation 0.95; Qwen2.5-7B, Qwen3-14B, Gemma-2, Mixtral, ...) round-trip through {@code check}:
   * its KV capacity equals {@code aicompass memory}'s on the same inputs.
   */
  @Test
  void calibrationServeCommandsGiveTheKvCapacityOfTheMemoryCommand() throws IOException {
    Path csv;
    try {
      csv = ValidateCommand.locate("memory.csv");
    } catch (IllegalArgumentException e) {
      assumeTrue(false, "calibration memory.csv not found: " + e.getMessage());
      return;
    }
    Catalog catalog = Catalog.builtIn();
    Set<String> covered = new TreeSet<>();
    List<String> table = new ArrayList<>();
    for (Map<String, String> r : Csv.read(csv)) {
      String model = r.getOrDefault("model", "").trim();
      String quant = r.getOrDefault("weight_quant", "").trim().toLowerCase(Locale.ROOT);
      if (!r.getOrDefault("status", "").startsWith("ok") || !r.getOrDefault("gpu_key", "").startsWith("H100")
          || model.contains(" ") || catalog.model(model).isEmpty() || !(quant.isEmpty() || quant.equals("fp8"))
          || r.getOrDefault("max_model_len", "").isBlank()) {
        continue;
      }
      String tp = first(r.get("tp"), "1");
      String pp = first(r.get("pp"), "1");
      String len = first(r.get("max_model_len"), "8192");
      String util = first(r.get("gpu_memory_utilization"), "0.9");
      String block = first(r.get("block_size_tokens"), "16");
      String version = first(r.get("engine_version"), "0.19.0");
      String dtype = r.getOrDefault("weight_dtype", "bf16").trim().split("[ (]")[0];
      String kv = r.getOrDefault("kv_cache_dtype", "auto").trim().split("[ (]")[0];
      String vllmDtype = Map.of("bf16", "bfloat16", "fp16", "float16", "fp32", "float32").get(dtype);
      String serve = "vllm serve " + model + " --tensor-parallel-size " + tp + " --pipeline-parallel-size " + pp
          + " --max-model-len " + len + " --gpu-memory-utilization " + util + " --block-size " + block + " --dtype " + vllmDtype
          + " --kv-cache-dtype " + kv + (quant.equals("fp8") ? " --quantization fp8" : "") + " --port 8000";
      Run check = run("check", "--gpu", "h100-sxm", "--serve", serve, "--engine-version", version, "--no-advice", "--json");
      List<String> mem = new ArrayList<>(List.of("memory", "--model", r.get("model_key"), "--gpu", "h100-sxm", "--tp", tp,
          "--pp", pp, "--max-model-len", len, "--gpu-memory-utilization", util, "--block-size", block, "--weight-dtype", dtype,
          "--kv-dtype", kv, "--engine-version", version, "--json"));
      if (quant.equals("fp8")) {
        mem.addAll(List.of("--quant", "fp8-dynamic"));
      }
      Run memory = run(mem.toArray(new String[0]));
      assertEquals(0, memory.code, memory.toString());
      assertTrue(check.code == 0 || check.code == 1, check.toString());
      long checkTokens = check.json().get("kvCacheTokens").asLong();
      long memoryTokens = memory.json().get("kvCacheTokens").asLong();
      assertEquals(memoryTokens, checkTokens, r.get("row_id") + ": " + serve);
      assertEquals(memory.json().get("kvCachePoolGiB").decimalValue(), check.json().get("memory").get("kvCachePoolGiB")
          .decimalValue(), r.get("row_id"));
      assertEquals(Integer.parseInt(tp) * Integer.parseInt(pp), check.json().get("devices").asInt());
      covered.add(r.get("row_id"));
      table.add(String.format(Locale.ROOT, "%s %-18s TP%s PP%s len %-5s KV %-4s %-4s %-3s v%-6s check %8d  memory %8d  logged %s",
          r.get("row_id"), r.get("model_key"), tp, pp, len, kv, dtype, quant, version, checkTokens, memoryTokens,
          r.get("kv_cache_tokens")));
    }
    table.forEach(System.out::println);
    // Llama-3.1-8B TP1 FP8 KV (M017), FP8 weights (M019), 2048 (M022), PP2 (M026), TP2 (M028), 32768 (M031); Qwen2.5-7B (M047)
    assertTrue(covered.containsAll(List.of("M017", "M019", "M022", "M026", "M028", "M031", "M047")), covered.toString());
    assertTrue(covered.size() >= 25, covered.toString());
  }

  @Test
  void aPassingCommandExitsZeroAndPrintsTheVerdict() {
    Run r = run("check", "--gpu", "h100-sxm", "--serve", "vllm serve meta-llama/Llama-3.1-8B-Instruct --max-model-len 8192",
        "--input-len", "1024", "--output-len", "256", "--concurrency", "16", "--ttft", "500ms", "--tpot", "50ms");
    assertEquals(0, r.code, r.toString());
    assertTrue(r.out.contains("verdict: PASS"), r.out);
    assertTrue(r.out.contains("KV capacity"), r.out);
    assertTrue(r.err.isEmpty(), r.err);
  }

  @Test
  void aFailingCommandExitsOneWithReasonsAndAdvice() throws IOException {
    String serve = "vllm serve meta-llama/Llama-3.1-8B-Instruct --max-model-len 8192";
    Run r = run("check", "--gpu", "h100-sxm", "--serve", serve, "--input-len", "2048", "--concurrency", "256", "--ttft", "300ms",
        "--tpot", "25ms");
    assertEquals(1, r.code, r.toString());
    assertTrue(r.out.contains("verdict: FAIL"), r.out);
    assertTrue(r.out.contains("advice (each change re-estimated with the same check):"), r.out);
    Run j = run("check", "--gpu", "h100-sxm", "--serve", serve, "--input-len", "2048", "--concurrency", "256", "--ttft", "300ms",
        "--tpot", "25ms", "--json");
    assertEquals(1, j.code);
    JsonNode n = j.json();
    assertEquals("fail", n.get("verdict").asText());
    assertEquals("ttft", n.get("shortfalls").get(0).asText());
    assertTrue(n.get("advice").size() > 0);
    JsonNode first = n.get("advice").get(0);
    assertTrue(first.get("passes").asBoolean(), first.toString());
    assertEquals(n.get("kvCacheTokens"), first.get("before").get("kvCacheTokens"));
  }

  @Test
  void badCommandsGiveOneClearLineAndExitTwo() {
    String[][] cases = {
        {"tgi-launcher --model-id x", "aicompass: unknown engine in 'tgi-launcher --model-id x': expected"},
        {"vllm serve --max-model-len 4096", "aicompass: missing model: give 'vllm serve MODEL'"},
        {"vllm serve meta-llama/Llama-3.1-8B-Instruct -tp 2 --tensor-parallel-size 4",
            "aicompass: contradictory flags: -tp 2 and --tensor-parallel-size 4"},
        {"CUDA_VISIBLE_DEVICES=0 vllm serve meta-llama/Llama-3.1-8B-Instruct -tp 2",
            "aicompass: contradictory settings: tensor × pipeline × data parallel = 2 × 1 × 1 = 2 devices, but "
                + "CUDA_VISIBLE_DEVICES=0 makes 1 visible"},
        {"vllm serve no-such/model", "aicompass: model 'no-such/model' is unknown; did you mean"},
        {"vllm serve meta-llama/Llama-3.1-8B-Instruct -tp 3", "aicompass: tp (3) must divide numAttentionHeads (32)"},
    };
    for (String[] c : cases) {
      Run r = run("check", "--gpu", "h100-sxm", "--serve", c[0]);
      assertEquals(2, r.code, c[0] + " -> " + r);
      assertTrue(r.err.startsWith(c[1]), c[0] + " -> " + r.err);
      assertEquals(1, r.err.strip().lines().count(), r.err);
      assertTrue(r.out.isEmpty(), r.out);
    }
  }

  @Test
  void readsALaunchScriptFromAFile(@TempDir Path dir) throws IOException {
    Path script = dir.resolve("serve.sh");
    Files.writeString(script, "#!/bin/sh\nexport CUDA_VISIBLE_DEVICES=0,1\nMODEL=Qwen/Qwen2.5-7B-Instruct\n"
        + "exec python3 -m vllm.entrypoints.openai.api_server --model \"$MODEL\" \\\n  --tensor-parallel-size 2 \\\n"
        + "  --max-model-len 16384 --enable-prefix-caching --host 0.0.0.0\n");
    Run r = run("check", "--gpu", "h100-sxm", "--serve-file", script.toString(), "--concurrency", "8", "--prefix-hit-rate",
        "0.5", "--json");
    assertEquals(0, r.code, r.toString());
    JsonNode n = r.json();
    assertEquals("qwen2.5-7b", n.get("deployment").get("model").asText());
    assertEquals(2, n.get("deployment").get("tp").asInt());
    assertEquals(0.5, n.get("deployment").get("prefixCacheHitRate").asDouble());
    assertEquals("pass", n.get("verdict").asText());
  }

  @Test
  void batchRunsCheckLinesToo() {
    String line = BatchCommand.runLine("check --gpu h100-sxm --serve 'vllm serve meta-llama/Llama-3.1-8B-Instruct "
        + "--max-model-len 2048' --input-len 2048 --output-len 256 --no-advice");
    assertTrue(line.contains("\"verdict\":\"fail\""), line);
    assertTrue(line.contains("\"shortfalls\":[\"context-length\"]"), line);
  }
}
