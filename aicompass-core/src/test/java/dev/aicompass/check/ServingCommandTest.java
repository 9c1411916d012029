package dev.aicompass.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aicompass.deploy.Deployment;
import dev.aicompass.deploy.EngineKind;
import dev.aicompass.deploy.EngineProfile;
import dev.aicompass.model.Precision;
import dev.aicompass.model.QuantizationScheme;
import dev.aicompass.testing.Fixtures;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServingCommandTest {

  private static ResolvedCommand resolve(ServingCommand c) {
    return c.resolve(Fixtures.llama31_8b(), Fixtures.h100(), EngineProfile.of(c.engine()), CheckOptions.defaults());
  }

  @Test
  void readsVllmServeWithAliasesEqualsFormsAndQuotes() {
    ServingCommand c = ServingCommand.parse("vllm serve 'meta-llama/Llama-3.1-8B-Instruct' -tp 2 --max-model-len=16384 "
        + "--gpu-memory-utilization 0.95 --kv-cache-dtype fp8 --max-num-seqs 256 --block-size 32 --enforce-eager");
    assertEquals(EngineKind.VLLM, c.engine());
    assertEquals("vllm serve", c.launcher());
    assertEquals("meta-llama/Llama-3.1-8B-Instruct", c.model());
    assertEquals(2, c.tensorParallel());
    assertEquals(16384, c.maxModelLen().getAsInt());
    assertEquals(0.95, c.memoryUtilization().getAsDouble());
    assertEquals(Optional.of(Precision.FP8), c.kvCacheDtype());
    assertEquals(256, c.maxNumSeqs().getAsInt());
    assertEquals(32, c.blockSize().getAsInt());
    assertTrue(c.enforceEager());
    assertTrue(c.unknownFlags().isEmpty(), c.unknownFlags().toString());
  }

  @Test
  void readsTheOpenAiApiServerModuleAndContinuationsAndEnvironmentPrefixes() {
    ServingCommand c = ServingCommand.parse("CUDA_VISIBLE_DEVICES=0,1,2,3 VLLM_LOGGING_LEVEL=DEBUG \\\n"
        + "  python3 -m vllm.entrypoints.openai.api_server \\\n"
        + "    --model meta-llama/Llama-3.1-8B-Instruct \\\n"
        + "    --tensor-parallel-size=2 --pipeline-parallel-size 2 \\\n"
        + "    --port 8000 --host 0.0.0.0 --served-model-name llama --trust-remote-code --disable-log-requests\n");
    assertEquals("python -m vllm.entrypoints.openai.api_server", c.launcher());
    assertEquals(4, c.devices());
    assertEquals(4, c.visibleDevices().getAsInt());
    assertEquals("DEBUG", c.environment().get("VLLM_LOGGING_LEVEL"));
    assertTrue(c.notes().stream().anyMatch(n -> n.contains("ignored: --port, --host, --served-model-name, --trust-remote-code,"
        + " --disable-log-requests")), c.notes().toString());
  }

  @Test
  void listsUnknownFlagsWithTheirValuesInsteadOfDroppingThem() {
    ServingCommand c = ServingCommand.parse("vllm serve m --frobnicate 3 --turbo --max-model-len 4096 extra");
    assertEquals(List.of("--frobnicate 3", "--turbo", "extra (unexpected argument)"), c.unknownFlags());
    assertEquals(4096, c.maxModelLen().getAsInt());
  }

  @Test
  void readsSglangLaunchServer() {
    ServingCommand c = ServingCommand.parse("python -m sglang.launch_server --model-path Qwen/Qwen2.5-7B-Instruct --tp 2 "
        + "--dp 2 --mem-fraction-static 0.85 --context-length 32768 --kv-cache-dtype fp8_e5m2 --max-running-requests 128 "
        + "--chunked-prefill-size -1 --page-size 16 --disable-radix-cache --disable-cuda-graph --port 30000");
    assertEquals(EngineKind.SGLANG, c.engine());
    assertEquals("Qwen/Qwen2.5-7B-Instruct", c.model());
    assertEquals(4, c.devices());
    assertEquals(0.85, c.memoryUtilization().getAsDouble());
    assertEquals(32768, c.maxModelLen().getAsInt());
    assertEquals(Optional.of(Precision.FP8), c.kvCacheDtype());
    assertEquals(128, c.maxNumSeqs().getAsInt());
    assertEquals(Optional.of(false), c.chunkedPrefill());
    assertEquals(Optional.of(false), c.prefixCaching());
    assertTrue(c.enforceEager());
  }

  @Test
  void findsTheServingCommandInALaunchScriptWithExportsAndVariables() {
    String script = "#!/usr/bin/env bash\n"
        + "# serve the chat model\n"
        + "set -euo pipefail\n"
        + "export CUDA_VISIBLE_DEVICES=0,1\n"
        + "MODEL=${MODEL:-meta-llama/Llama-3.1-8B-Instruct}\n"
        + "TP=2\n"
        + "echo \"starting $MODEL\"\n"
        + "exec vllm serve \"$MODEL\" \\\n"
        + "  --tensor-parallel-size \"${TP}\" \\\n"
        + "  --max-model-len 8192 # context\n"
        + "  \"$@\"\n";
    ServingCommand c = ServingCommand.parse(script);
    assertEquals("meta-llama/Llama-3.1-8B-Instruct", c.model());
    assertEquals(2, c.tensorParallel());
    assertEquals(2, c.visibleDevices().getAsInt());
    assertTrue(c.notes().stream().anyMatch(n -> n.contains("passes its own arguments")), c.notes().toString());
  }

  @Test
  void readsSpeculativeConfigJson() {
    ServingCommand c = ServingCommand.parse("vllm serve m --speculative-config "
        + "'{\"method\": \"eagle3\", \"model\": \"yuhuili/EAGLE3-LLaMA3.1-Instruct-8B\", \"num_speculative_tokens\": 4}'");
    assertEquals("eagle3", c.speculation().get().method());
    assertEquals(4, c.speculation().get().draftTokens());
    assertEquals(Optional.of("yuhuili/EAGLE3-LLaMA3.1-Instruct-8B"), c.speculation().get().draftModel());
    ResolvedCommand r = resolve(c);
    assertEquals(4, r.options().performance().speculative().get().draftTokens());
    assertEquals(0.6, r.options().performance().speculative().get().acceptanceRate());
  }

  @Test
  void readsSglangSpeculativeFlagsAndNotesASecondServer() {
    ServingCommand c = ServingCommand.parse("python -m sglang.launch_server --model-path m --speculative-algorithm EAGLE "
        + "--speculative-draft-model-path d --speculative-num-steps 5 --speculative-eagle-topk 4 &\n"
        + "python -m sglang.launch_server --model-path other --port 30001\n");
    assertEquals("eagle", c.speculation().get().method());
    assertEquals(5, c.speculation().get().draftTokens());
    assertEquals("m", c.model());
    assertTrue(c.notes().contains("the script starts 2 servers; the first is checked"), c.notes().toString());
  }

  @Test
  void unknownEngineIsOneClearError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ServingCommand.parse("text-generation-launcher --model-id meta-llama/Llama-3.1-8B"));
    assertTrue(e.getMessage().startsWith("unknown engine in 'text-generation-launcher --model-id meta-llama/Llama-3.1-8B'"),
        e.getMessage());
  }

  @Test
  void missingModelIsOneClearError() {
    assertEquals("missing model: give 'vllm serve MODEL'",
        assertThrows(IllegalArgumentException.class, () -> ServingCommand.parse("vllm serve --tp 2")).getMessage());
    assertEquals("missing model: give --model-path MODEL", assertThrows(IllegalArgumentException.class,
        () -> ServingCommand.parse("python -m sglang.launch_server --tp 2")).getMessage());
  }

  @Test
  void contradictoryFlagsAreOneClearError() {
    assertEquals("contradictory flags: -tp 2 and --tensor-parallel-size 4", assertThrows(IllegalArgumentException.class,
        () -> ServingCommand.parse("vllm serve m -tp 2 --tensor-parallel-size 4")).getMessage());
    assertEquals("contradictory flags: --enable-chunked-prefill and --no-enable-chunked-prefill",
        assertThrows(IllegalArgumentException.class,
            () -> ServingCommand.parse("vllm serve m --enable-chunked-prefill --no-enable-chunked-prefill")).getMessage());
    assertEquals("contradictory settings: tensor × pipeline × data parallel = 2 × 2 × 1 = 4 devices, but "
        + "CUDA_VISIBLE_DEVICES=0,1 makes 2 visible", assertThrows(IllegalArgumentException.class,
            () -> ServingCommand.parse("CUDA_VISIBLE_DEVICES=0,1 vllm serve m -tp 2 -pp 2")).getMessage());
    assertEquals("contradictory flags: the positional model a and --model b", assertThrows(IllegalArgumentException.class,
        () -> ServingCommand.parse("vllm serve a --model b")).getMessage());
  }

  @Test
  void badValuesNameTheFlag() {
    assertEquals("--tensor-parallel-size ('two') must be an integer", assertThrows(IllegalArgumentException.class,
        () -> ServingCommand.parse("vllm serve m --tensor-parallel-size two")).getMessage());
    assertEquals("--gpu-memory-utilization (1.5) must be in (0, 1]", assertThrows(IllegalArgumentException.class,
        () -> ServingCommand.parse("vllm serve m --gpu-memory-utilization 1.5")).getMessage());
    assertEquals("--max-model-len needs a value", assertThrows(IllegalArgumentException.class,
        () -> ServingCommand.parse("vllm serve m --max-model-len")).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ServingCommand.parse("vllm serve m -tp $TP"))
        .getMessage().contains("the variable is not assigned"));
  }

  @Test
  void maxModelLenAcceptsVllmSuffixes() {
    assertEquals(32000, ServingCommand.parse("vllm serve m --max-model-len 32k").maxModelLen().getAsInt());
    assertEquals(32768, ServingCommand.parse("vllm serve m --max-model-len 32K").maxModelLen().getAsInt());
  }

  @Test
  void resolvesToTheDeploymentTheEngineStarts() {
    ResolvedCommand r = resolve(ServingCommand.parse("vllm serve m -tp 2 --max-model-len 4096 --kv-cache-dtype fp8 "
        + "--gpu-memory-utilization 0.95 --quantization fp8 --dtype float16 --max-num-seqs 256 --max-num-batched-tokens 4096"));
    Deployment d = r.deployment();
    assertEquals(2, d.parallelism().tp());
    assertEquals(4096, d.maxModelLen());
    assertEquals(Precision.FP8, d.kvCachePrecision());
    assertEquals(Precision.FP16, d.weightPrecision());
    assertEquals(Optional.of(QuantizationScheme.FP8_DYNAMIC), d.quantization());
    assertEquals(0.95, d.engine().memoryUtilization());
    assertEquals(256, d.engine().maxNumSeqs());
    assertEquals(4096, d.engine().maxNumBatchedTokens());
  }

  @Test
  void withoutMaxModelLenTheModelsContextApplies() {
    ResolvedCommand r = resolve(ServingCommand.parse("vllm serve m"));
    assertEquals(131072, r.deployment().maxModelLen());
    assertTrue(r.notes().contains("--max-model-len not given: the engine uses the model's context, 131072 tokens"));
  }

  @Test
  void chunkedPrefillOffRaisesTheTokenBudgetOrContradictsAnExplicitOne() {
    ResolvedCommand r = resolve(ServingCommand.parse("vllm serve m --max-model-len 32768 --no-enable-chunked-prefill"));
    assertFalse(r.deployment().engine().chunkedPrefill());
    assertEquals(32768, r.deployment().engine().maxNumBatchedTokens());
    assertEquals("contradictory flags: --max-num-batched-tokens 8192 is below --max-model-len 32768 with chunked prefill "
        + "off (vLLM refuses this)", assertThrows(IllegalArgumentException.class, () -> resolve(ServingCommand.parse(
            "vllm serve m --max-model-len 32768 --no-enable-chunked-prefill --max-num-batched-tokens 8192"))).getMessage());
  }

  @Test
  void prefixCachingOffDropsTheStatedHitRate() {
    EngineProfile base = EngineProfile.builder().kind(EngineKind.VLLM).prefixCacheHitRate(0.5).build();
    ServingCommand on = ServingCommand.parse("vllm serve m");
    ServingCommand off = ServingCommand.parse("vllm serve m --no-enable-prefix-caching");
    assertEquals(0.5, on.resolve(Fixtures.llama31_8b(), Fixtures.h100(), base, CheckOptions.defaults())
        .deployment().engine().prefixCacheHitRate());
    assertEquals(0.0, off.resolve(Fixtures.llama31_8b(), Fixtures.h100(), base, CheckOptions.defaults())
        .deployment().engine().prefixCacheHitRate());
  }

  @Test
  void expertParallelIsTensorTimesDataParallelForMoeAndIgnoredForDense() {
    ServingCommand c = ServingCommand.parse("vllm serve m -tp 2 -dp 2 --enable-expert-parallel");
    assertEquals(4, c.resolve(Fixtures.mixtral8x7b(), Fixtures.h100(), EngineProfile.vllm(), CheckOptions.defaults())
        .deployment().parallelism().ep());
    ResolvedCommand dense = resolve(c);
    assertEquals(1, dense.deployment().parallelism().ep());
    assertTrue(dense.notes().contains("expert parallelism has no effect on a dense model (llama-3.1-8b)"));
  }

  @Test
  void layoutTheModelRejectsFailsWithTheModelsRule() {
    assertEquals("tp (3) must divide numAttentionHeads (32) of llama-3.1-8b", assertThrows(IllegalArgumentException.class,
        () -> resolve(ServingCommand.parse("vllm serve m -tp 3"))).getMessage());
  }

  @Test
  void unmodelledQuantizationIsAnError() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> resolve(ServingCommand.parse("vllm serve m -q bitsandbytes")))
        .getMessage().startsWith("--quantization bitsandbytes is not modelled"));
  }

  @Test
  void withFlagsReplacesEarlierFlagsOfTheSameSetting() {
    ServingCommand c = ServingCommand.parse("CUDA_VISIBLE_DEVICES=0,1,2,3 vllm serve m -tp 2 --no-enable-chunked-prefill --port 8000");
    ServingCommand e = c.withFlags(List.of("--tensor-parallel-size", "4", "--enable-chunked-prefill"));
    assertEquals(4, e.tensorParallel());
    assertEquals(Optional.of(true), e.chunkedPrefill());
    assertEquals("m", e.model());
    assertEquals("CUDA_VISIBLE_DEVICES=0,1,2,3 vllm serve m --port 8000 --tensor-parallel-size 4 --enable-chunked-prefill",
        e.toString());
  }
}
