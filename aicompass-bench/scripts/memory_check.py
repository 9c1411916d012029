#!/usr/bin/env python3
"""Measure the GPU memory of Hugging Face models during generation, for checking AICompass.

Builds models from config dicts with RANDOM weights (nothing is downloaded; runs offline) in
bfloat16 on one GPU, runs generate() for every batch size and (input, output) length, and writes
one CSV row per run:

    model, config_layers, scaled_layers, dtype, batch, input_len, output_len,
    weights_bytes, kv_cache_bytes, peak_bytes, activation_peak_bytes, torch_version, gpu_name

- weights_bytes: torch.cuda.memory_allocated() after the model is built (random init, eval mode).
- kv_cache_bytes: the bytes of the key/value tensors in the cache generate() returns
  (past_key_values), i.e. batch x (input_len + output_len - 1) positions for a dynamic cache, or
  the preallocated size for --cache static.
- peak_bytes: torch.cuda.max_memory_allocated() during the run (peak stats reset before it).
- activation_peak_bytes = peak_bytes - weights_bytes - kv_cache_bytes: everything else at the
  peak (activations, logits, cache growth copies, allocator slack).
A run that runs out of memory records "oom" in the measured columns and the script continues.

Models (configs as published on the Hugging Face Hub):
- llama-3.1-8b: dense, GQA 32/8 heads.
- mixtral-8x7b: MoE, 8 experts top-2. At 46.7B parameters it does not fit one 80 GB GPU, so
  num_hidden_layers is scaled down until the weights fit --weight-budget (a fraction of the
  GPU's memory); config_layers and scaled_layers record the scaling. Per-layer quantities
  (weights per layer, KV per layer) scale back linearly.
- llava-1.5-7b: CLIP ViT-L/14-336 + projector + Vicuna-7B (MHA). Every prompt carries one image,
  i.e. 576 image tokens before the input_len text tokens; the model column says so.

Requires PyTorch (2.11 tested target) and transformers 5.x with a CUDA GPU:

    python3 aicompass-bench/scripts/memory_check.py --out memory_check.csv
    python3 aicompass-bench/scripts/memory_check.py --models llama-3.1-8b --quick
    python3 aicompass-bench/scripts/memory_check.py --self-test     # no torch needed
"""

import argparse
import csv
import gc
import math
import sys

COLUMNS = [
    "model", "config_layers", "scaled_layers", "dtype", "batch", "input_len", "output_len",
    "weights_bytes", "kv_cache_bytes", "peak_bytes", "activation_peak_bytes", "torch_version",
    "gpu_name",
]
BATCHES = (1, 2, 4, 8, 16, 32)
LENGTHS = (256, 2048)
LLAVA_IMAGE_TOKENS = 576  # (336 / 14)^2 patches, CLS dropped ("default" feature strategy)

LLAMA_31_8B = {
    "architectures": ["LlamaForCausalLM"], "model_type": "llama",
    "vocab_size": 128256, "hidden_size": 4096, "intermediate_size": 14336,
    "num_hidden_layers": 32, "num_attention_heads": 32, "num_key_value_heads": 8,
    "head_dim": 128, "hidden_act": "silu", "max_position_embeddings": 131072,
    "rms_norm_eps": 1e-5, "rope_theta": 500000.0,
    "rope_scaling": {"factor": 8.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0,
                     "original_max_position_embeddings": 8192, "rope_type": "llama3"},
    "tie_word_embeddings": False, "attention_bias": False, "mlp_bias": False,
    "bos_token_id": 128000, "eos_token_id": 128001,
}

MIXTRAL_8X7B = {
    "architectures": ["MixtralForCausalLM"], "model_type": "mixtral",
    "vocab_size": 32000, "hidden_size": 4096, "intermediate_size": 14336,
    "num_hidden_layers": 32, "num_attention_heads": 32, "num_key_value_heads": 8,
    "head_dim": 128, "hidden_act": "silu", "max_position_embeddings": 32768,
    "rms_norm_eps": 1e-5, "rope_theta": 1000000.0, "sliding_window": None,
    "num_local_experts": 8, "num_experts_per_tok": 2, "router_aux_loss_coef": 0.02,
    "tie_word_embeddings": False, "bos_token_id": 1, "eos_token_id": 2,
}

LLAVA_15_7B = {
    "architectures": ["LlavaForConditionalGeneration"], "model_type": "llava",
    "image_token_index": 32000, "projector_hidden_act": "gelu",
    "vision_feature_layer": -2, "vision_feature_select_strategy": "default",
    "image_seq_length": LLAVA_IMAGE_TOKENS,
    "text_config": {
        "model_type": "llama", "vocab_size": 32064, "hidden_size": 4096,
        "intermediate_size": 11008, "num_hidden_layers": 32, "num_attention_heads": 32,
        "num_key_value_heads": 32, "hidden_act": "silu", "max_position_embeddings": 4096,
        "rms_norm_eps": 1e-5, "rope_theta": 10000.0, "tie_word_embeddings": False,
        "bos_token_id": 1, "eos_token_id": 2, "pad_token_id": 0,
    },
    "vision_config": {
        "model_type": "clip_vision_model", "hidden_size": 1024, "intermediate_size": 4096,
        "num_hidden_layers": 24, "num_attention_heads": 16, "image_size": 336,
        "patch_size": 14, "projection_dim": 768, "hidden_act": "quick_gelu",
    },
}

MODELS = {
    "llama-3.1-8b": ("dense", LLAMA_31_8B),
    "mixtral-8x7b": ("moe", MIXTRAL_8X7B),
    "llava-1.5-7b": ("llava", LLAVA_15_7B),
}


# --------------------------------------------------------------------------------------------
# Pure helpers (no torch): tested by --self-test
# --------------------------------------------------------------------------------------------

def text_config(config):
    """Returns the language-model part of a config dict."""
    return config.get("text_config", config)


def layer_params(c):
    """Parameters of one decoder layer: attention, (MoE) MLP with router, two norms."""
    h = c["hidden_size"]
    heads = c["num_attention_heads"]
    kv_heads = c.get("num_key_value_heads", heads)
    head_dim = c.get("head_dim") or h // heads
    attention = h * heads * head_dim + 2 * h * kv_heads * head_dim + heads * head_dim * h
    experts = c.get("num_local_experts", 1)
    mlp = experts * 3 * h * c["intermediate_size"] + (h * experts if experts > 1 else 0)
    return attention + mlp + 2 * h


def fixed_params(c):
    """Parameters outside the decoder layers: embedding, LM head unless tied, final norm."""
    embedding = c["vocab_size"] * c["hidden_size"]
    return embedding * (1 if c.get("tie_word_embeddings", False) else 2) + c["hidden_size"]


def scaled_layers(c, budget_bytes, bytes_per_param=2):
    """Most decoder layers (at least 1, at most the config's) whose weights fit budget_bytes."""
    per_layer = layer_params(c) * bytes_per_param
    room = budget_bytes - fixed_params(c) * bytes_per_param
    fitting = int(room // per_layer) if room > 0 else 0
    return max(1, min(c["num_hidden_layers"], fitting))


def grid(batches, lengths):
    """Every (batch, input_len, output_len), smallest first so OOMs come last."""
    runs = [(b, i, o) for i in lengths for o in lengths for b in batches]
    return sorted(runs, key=lambda r: (r[0] * (r[1] + r[2]), r))


def activation_peak(peak, weights, kv):
    return peak - weights - kv


def row(model, config_layers, layers, batch, input_len, output_len, weights, kv, peak,
        torch_version, gpu_name):
    measured = isinstance(peak, int) and isinstance(kv, int) and isinstance(weights, int)
    return {
        "model": model, "config_layers": config_layers, "scaled_layers": layers,
        "dtype": "bf16", "batch": batch, "input_len": input_len, "output_len": output_len,
        "weights_bytes": weights, "kv_cache_bytes": kv, "peak_bytes": peak,
        "activation_peak_bytes": activation_peak(peak, weights, kv) if measured else peak,
        "torch_version": torch_version, "gpu_name": gpu_name,
    }


def tensors_in_cache(cache):
    """Yields the key/value tensors of a transformers cache object (4.x or 5.x) or legacy tuple."""
    if cache is None:
        return
    layers = getattr(cache, "layers", None)
    if layers is not None:  # transformers 5: Cache.layers[i].keys / .values
        for layer in layers:
            for name in ("keys", "values"):
                tensor = getattr(layer, name, None)
                if tensor is not None and hasattr(tensor, "element_size"):
                    yield tensor
        return
    for name in ("key_cache", "value_cache"):  # transformers 4.x DynamicCache / StaticCache
        for tensor in getattr(cache, name, None) or []:
            if tensor is not None and hasattr(tensor, "element_size"):
                yield tensor
    if isinstance(cache, (tuple, list)):  # legacy ((k, v), ...) tuples
        for item in cache:
            if hasattr(item, "element_size"):
                yield item
            else:
                yield from tensors_in_cache(item)


def cache_bytes(cache):
    """Bytes held by the cache's tensors, each storage counted once."""
    seen = set()
    total = 0
    for tensor in tensors_in_cache(cache):
        key = (tensor.data_ptr(), tensor.numel()) if hasattr(tensor, "data_ptr") else id(tensor)
        if key in seen:
            continue
        seen.add(key)
        total += tensor.numel() * tensor.element_size()
    return total


def self_test():
    # Llama-3.1-8B has 8.03e9 parameters (model card).
    llama = LLAMA_31_8B
    total = layer_params(llama) * 32 + fixed_params(llama)
    assert abs(total - 8.03e9) < 0.01e9, total
    # Mixtral-8x7B has 46.7e9 parameters (model card).
    mixtral = MIXTRAL_8X7B
    total = layer_params(mixtral) * 32 + fixed_params(mixtral)
    assert abs(total - 46.7e9) < 0.1e9, total
    # LLaVA-1.5-7B's language model is Vicuna-7B: 6.74e9 parameters.
    total = layer_params(text_config(LLAVA_15_7B)) * 32 + fixed_params(text_config(LLAVA_15_7B))
    assert abs(total - 6.74e9) < 0.01e9, total
    # 80 GB H100 at a 0.55 budget: 8B keeps all 32 layers, Mixtral is cut to 15.
    budget = 0.55 * 79.19 * 2**30
    assert scaled_layers(llama, budget) == 32
    assert scaled_layers(mixtral, budget) == 15, scaled_layers(mixtral, budget)
    assert scaled_layers(mixtral, 1) == 1
    runs = grid(BATCHES, LENGTHS)
    assert len(runs) == 24 and runs[0] == (1, 256, 256) and runs[-1] == (32, 2048, 2048), runs
    r = row("m", 32, 16, 1, 256, 256, 100, 30, 150, "t", "g")
    assert r["activation_peak_bytes"] == 20 and list(r) == COLUMNS
    r = row("m", 32, 16, 1, 256, 256, 100, "oom", "oom", "t", "g")
    assert r["activation_peak_bytes"] == "oom"

    class FakeTensor:
        def __init__(self, ptr, numel, size):
            self.ptr, self.n, self.size = ptr, numel, size

        def data_ptr(self):
            return self.ptr

        def numel(self):
            return self.n

        def element_size(self):
            return self.size

    class Layer:
        def __init__(self, k, v):
            self.keys, self.values = k, v

    class Cache5:
        layers = [Layer(FakeTensor(1, 10, 2), FakeTensor(2, 10, 2)),
                  Layer(FakeTensor(3, 10, 2), FakeTensor(4, 10, 2))]

    class Cache4:
        key_cache = [FakeTensor(1, 5, 2)]
        value_cache = [FakeTensor(2, 5, 2)]

    assert cache_bytes(Cache5()) == 80
    assert cache_bytes(Cache4()) == 20
    assert cache_bytes(((FakeTensor(1, 3, 4), FakeTensor(2, 3, 4)),)) == 24
    assert cache_bytes(None) == 0
    print("memory_check self-test passed")


# --------------------------------------------------------------------------------------------
# GPU part
# --------------------------------------------------------------------------------------------

def is_oom(error, torch):
    oom_types = tuple(t for t in (getattr(torch, "OutOfMemoryError", None),
                                  getattr(torch.cuda, "OutOfMemoryError", None)) if t)
    return isinstance(error, oom_types) or "out of memory" in str(error).lower()


def free(torch):
    gc.collect()
    torch.cuda.synchronize()
    torch.cuda.empty_cache()


def build(kind, config_dict, layers, torch, transformers):
    """Builds the model with random weights directly on the GPU in bfloat16."""
    config_dict = dict(config_dict)
    config_dict.pop("model_type", None)
    if kind == "llava":
        text = dict(config_dict.pop("text_config"))
        vision = dict(config_dict.pop("vision_config"))
        text.pop("model_type", None)
        vision.pop("model_type", None)
        text["num_hidden_layers"] = layers
        config = transformers.LlavaConfig(
            text_config=transformers.LlamaConfig(**text),
            vision_config=transformers.CLIPVisionConfig(**vision), **config_dict)
        model_class = transformers.LlavaForConditionalGeneration
    else:
        config_dict["num_hidden_layers"] = layers
        if kind == "moe":
            config = transformers.MixtralConfig(**config_dict)
            model_class = transformers.MixtralForCausalLM
        else:
            config = transformers.LlamaConfig(**config_dict)
            model_class = transformers.LlamaForCausalLM
    previous = torch.get_default_dtype()
    torch.set_default_dtype(torch.bfloat16)
    try:
        with torch.device("cuda"):
            model = model_class(config)
    finally:
        torch.set_default_dtype(previous)
    return model.to(dtype=torch.bfloat16).eval(), config


def generate_once(kind, model, config, batch, input_len, output_len, cache, torch,
                  transformers):
    """Runs one generate() and returns (kv_cache_bytes, peak_bytes)."""
    text = text_config(config.to_dict()) if kind == "llava" else config.to_dict()
    vocab = text["vocab_size"]
    high = min(vocab, 32000) if kind == "llava" else vocab  # stay below the image token
    input_ids = torch.randint(1000, high - 1, (batch, input_len), device="cuda")
    kwargs = {}
    if kind == "llava":
        image_token = getattr(config, "image_token_id", None)
        if image_token is None:
            image_token = getattr(config, "image_token_index")
        image = torch.full((batch, LLAVA_IMAGE_TOKENS), image_token, device="cuda",
                           dtype=input_ids.dtype)
        input_ids = torch.cat([image, input_ids], dim=1)
        kwargs["pixel_values"] = torch.randn(batch, 3, 336, 336, device="cuda",
                                             dtype=torch.bfloat16)
    attention_mask = torch.ones_like(input_ids)
    eos = text.get("eos_token_id")
    generation = transformers.GenerationConfig(
        max_new_tokens=output_len, min_new_tokens=output_len, do_sample=False, use_cache=True,
        pad_token_id=0, eos_token_id=eos, bos_token_id=text.get("bos_token_id"))
    if cache == "static":
        generation.cache_implementation = "static"
    torch.cuda.synchronize()
    torch.cuda.reset_peak_memory_stats()
    with torch.inference_mode():
        out = model.generate(input_ids=input_ids, attention_mask=attention_mask,
                             generation_config=generation, return_dict_in_generate=True,
                             **kwargs)
    torch.cuda.synchronize()
    peak = torch.cuda.max_memory_allocated()
    generated = out.sequences.shape[1] - input_ids.shape[1]
    if generated != output_len:
        raise RuntimeError(f"generated {generated} tokens, expected {output_len}")
    kv = cache_bytes(getattr(out, "past_key_values", None))
    del out, input_ids, attention_mask, kwargs
    return kv, peak


def run_model(name, args, writer, out_file, torch, transformers):
    kind, config_dict = MODELS[name]
    text = text_config(config_dict)
    config_layers = text["num_hidden_layers"]
    total = torch.cuda.get_device_properties(0).total_memory
    layers = scaled_layers(text, args.weight_budget * total) if kind == "moe" else config_layers
    label = name + (f"+{LLAVA_IMAGE_TOKENS}img" if kind == "llava" else "")
    label += "+static-cache" if args.cache == "static" else ""
    versions = (torch.__version__, torch.cuda.get_device_name(0))
    runs = grid(args.batches, args.lengths)
    free(torch)
    try:
        model, config = build(kind, config_dict, layers, torch, transformers)
        free(torch)
        weights = torch.cuda.memory_allocated()
    except Exception as error:  # noqa: BLE001 - record and go on to the next model
        status = "oom" if is_oom(error, torch) else "error"
        print(f"{name}: build failed ({status}): {error}", file=sys.stderr)
        for batch, input_len, output_len in runs:
            writer.writerow(row(label, config_layers, layers, batch, input_len, output_len,
                                status, status, status, *versions))
        out_file.flush()
        free(torch)
        return
    print(f"{name}: {layers}/{config_layers} layers, weights {weights / 2**30:.2f} GiB",
          file=sys.stderr)
    for batch, input_len, output_len in runs:
        try:
            kv, peak = generate_once(kind, model, config, batch, input_len, output_len,
                                     args.cache, torch, transformers)
            result = row(label, config_layers, layers, batch, input_len, output_len, weights,
                         kv, peak, *versions)
        except Exception as error:  # noqa: BLE001
            status = "oom" if is_oom(error, torch) else "error"
            if status == "error":
                print(f"{name} b={batch} in={input_len} out={output_len}: {error!r}",
                      file=sys.stderr)
            result = row(label, config_layers, layers, batch, input_len, output_len, weights,
                         status, status, *versions)
        writer.writerow(result)
        out_file.flush()
        print(f"{name} b={batch} in={input_len} out={output_len}: "
              f"kv={result['kv_cache_bytes']} peak={result['peak_bytes']}", file=sys.stderr)
        free(torch)
    del model
    free(torch)


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default="memory_check.csv", help="CSV file to write")
    parser.add_argument("--models", default=",".join(MODELS),
                        help="comma-separated subset of " + ", ".join(MODELS))
    parser.add_argument("--batches", default=",".join(map(str, BATCHES)))
    parser.add_argument("--lengths", default=",".join(map(str, LENGTHS)),
                        help="values used for both input and output length")
    parser.add_argument("--weight-budget", type=float, default=0.55,
                        help="fraction of GPU memory the (scaled) MoE weights may take")
    parser.add_argument("--cache", choices=("dynamic", "static"), default="dynamic")
    parser.add_argument("--quick", action="store_true", help="batches 1,8 and lengths 256")
    parser.add_argument("--self-test", action="store_true", help="check the pure helpers")
    args = parser.parse_args(argv)
    args.models = [m.strip() for m in args.models.split(",") if m.strip()]
    unknown = [m for m in args.models if m not in MODELS]
    if unknown:
        parser.error(f"--models ({','.join(unknown)}) must be among {', '.join(MODELS)}")
    args.batches = (1, 8) if args.quick else tuple(int(b) for b in args.batches.split(","))
    args.lengths = (256,) if args.quick else tuple(int(n) for n in args.lengths.split(","))
    if not 0 < args.weight_budget < 1 or math.isnan(args.weight_budget):
        parser.error(f"--weight-budget ({args.weight_budget}) must be between 0 and 1")
    return args


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.self_test:
        self_test()
        return 0
    try:
        import torch
        import transformers
    except ImportError as error:
        print(f"memory_check: needs torch and transformers ({error})", file=sys.stderr)
        return 3
    if not torch.cuda.is_available():
        print("memory_check: no CUDA device found", file=sys.stderr)
        return 3
    with open(args.out, "w", newline="") as out_file:
        writer = csv.DictWriter(out_file, fieldnames=COLUMNS)
        writer.writeheader()
        for name in args.models:
            run_model(name, args, writer, out_file, torch, transformers)
    print(f"memory_check: wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
