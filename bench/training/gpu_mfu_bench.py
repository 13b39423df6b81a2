"""GPU training throughput and model FLOPs utilization, plus evaluation (generation) throughput.

A Qwen2.5-0.5B-shaped model with random weights (built from its config: no hub access needed), bf16,
packed sequences (padding-free: one row of concatenated documents with position ids restarting at
each document, flash-attention 2 when installed, else SDPA), AdamW, activation checkpointing off.

MFU = achieved model FLOPs / peak dense bf16 FLOPs of the device, with model FLOPs per token
= 6 * N (N = non-embedding parameters + the LM head) + 12 * layers * hidden * effective context
(PaLM appendix B; attention within each packed document: the mean document length is the context).

    python bench/training/gpu_mfu_bench.py                        # H100/H200: target >= 40% MFU
    python bench/training/gpu_mfu_bench.py --compile --seq 8192   # variants
    python bench/training/gpu_mfu_bench.py --device cpu --tiny    # smoke test of the code path

Prints a JSON line per phase (train, generate) with tokens/s, MFU, peak memory and the device.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import time

PEAK_BF16_TFLOPS = {"H100": 989.0, "H200": 989.0, "A100": 312.0, "L40S": 362.0, "A10G": 125.0, "L4": 121.0,
                    "RTX 4090": 165.0, "B200": 2250.0}

QWEN25_05B = dict(vocab_size=151936, hidden_size=896, intermediate_size=4864, num_hidden_layers=24,
                  num_attention_heads=14, num_key_value_heads=2, max_position_embeddings=32768,
                  tie_word_embeddings=True, rope_theta=1_000_000.0, rms_norm_eps=1e-6)
TINY = dict(vocab_size=512, hidden_size=64, intermediate_size=256, num_hidden_layers=2, num_attention_heads=4,
            num_key_value_heads=2, max_position_embeddings=2048, tie_word_embeddings=True)


def peak_tflops(name: str, override: float | None) -> float | None:
    if override:
        return override
    for key, value in PEAK_BF16_TFLOPS.items():
        if key in name:
            return value
    return None


def flops_per_token(config, context: float) -> float:
    h, layers, v = config.hidden_size, config.num_hidden_layers, config.vocab_size
    kv = config.num_key_value_heads * (h // config.num_attention_heads)
    per_layer = h * h * 2 + h * kv * 2 + 3 * h * config.intermediate_size   # q,o + k,v + gate/up/down
    n = layers * per_layer + h * v                                          # + LM head
    return 6 * n + 12 * layers * h * context


def packed_batch(torch, vocab: int, seq: int, doc_lengths: tuple[int, int], device, generator):
    """One packed row: documents of random length back to back, position ids restart per document."""
    ids, pos = [], []
    while len(ids) < seq:
        n = int(torch.randint(doc_lengths[0], doc_lengths[1] + 1, (1,), generator=generator))
        n = min(n, seq - len(ids))
        ids += torch.randint(0, vocab, (n,), generator=generator).tolist()
        pos += list(range(n))
    input_ids = torch.tensor([ids], device=device)
    position_ids = torch.tensor([pos], device=device)
    n_docs = sum(1 for p in pos if p == 0)
    return input_ids, position_ids, seq / n_docs


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--device", default="cuda")
    ap.add_argument("--tiny", action="store_true", help="a 2-layer model (smoke test)")
    ap.add_argument("--seq", type=int, default=4096, help="packed sequence length per micro-batch")
    ap.add_argument("--micro-batches", type=int, default=4, help="packed rows per optimizer step (accumulated)")
    ap.add_argument("--steps", type=int, default=20)
    ap.add_argument("--warmup", type=int, default=5)
    ap.add_argument("--doc-min", type=int, default=128)
    ap.add_argument("--doc-max", type=int, default=2048)
    ap.add_argument("--compile", action="store_true")
    ap.add_argument("--peak-tflops", type=float, default=None, help="device peak bf16 dense TFLOP/s")
    ap.add_argument("--gen-batch", type=int, default=64)
    ap.add_argument("--gen-tokens", type=int, default=256)
    args = ap.parse_args()

    import torch
    from transformers import LlamaConfig, Qwen2Config, Qwen2ForCausalLM

    device = torch.device(args.device)
    on_gpu = device.type == "cuda"
    if args.tiny:
        config = LlamaConfig(**TINY)
        from transformers import LlamaForCausalLM as Model
    else:
        config = Qwen2Config(**QWEN25_05B)
        Model = Qwen2ForCausalLM
    attn = "flash_attention_2" if on_gpu and importlib.util.find_spec("flash_attn") else "sdpa"
    dtype = torch.bfloat16 if on_gpu else torch.float32
    torch.manual_seed(0)
    model = Model._from_config(config, attn_implementation=attn, dtype=dtype).to(device)
    model.train()
    if args.compile:
        model = torch.compile(model)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-5, fused=on_gpu)
    gen = torch.Generator().manual_seed(0)
    seq = min(args.seq, 256) if args.tiny else args.seq
    name = torch.cuda.get_device_name(device) if on_gpu else "cpu"
    if on_gpu:
        torch.cuda.reset_peak_memory_stats(device)

    def step():
        contexts = []
        for _ in range(args.micro_batches):
            ids, pos, ctx = packed_batch(torch, config.vocab_size, seq, (args.doc_min, args.doc_max), device, gen)
            contexts.append(ctx)
            out = model(input_ids=ids, position_ids=pos, labels=ids)
            (out.loss / args.micro_batches).backward()
        opt.step()
        opt.zero_grad(set_to_none=True)
        return sum(contexts) / len(contexts)

    for _ in range(args.warmup):
        step()
    if on_gpu:
        torch.cuda.synchronize()
    start, contexts = time.perf_counter(), []
    for _ in range(args.steps):
        contexts.append(step())
    if on_gpu:
        torch.cuda.synchronize()
    elapsed = time.perf_counter() - start
    tokens = args.steps * args.micro_batches * seq
    tps = tokens / elapsed
    context = sum(contexts) / len(contexts)
    achieved = tps * flops_per_token(config, context) / 1e12
    peak = peak_tflops(name, args.peak_tflops)
    print(json.dumps({
        "phase": "train", "device": name, "attention": attn, "dtype": str(dtype), "compile": args.compile,
        "params_m": round(sum(p.numel() for p in model.parameters()) / 1e6, 1), "seq": seq,
        "micro_batches": args.micro_batches, "mean_doc_len": round(context, 1), "tokens_per_s": round(tps, 1),
        "model_tflops": round(achieved, 2), "peak_tflops": peak,
        "mfu": round(achieved / peak, 4) if peak else None,
        "peak_mem_gb": round(torch.cuda.max_memory_allocated(device) / 2**30, 2) if on_gpu else None}))

    # evaluation throughput: greedy generation, batched, KV cache
    model.eval()
    raw = model._orig_mod if args.compile else model
    prompts = torch.randint(0, config.vocab_size, (args.gen_batch, 128), generator=gen).to(device)
    gen_tokens = min(args.gen_tokens, 16) if args.tiny else args.gen_tokens
    with torch.no_grad():
        raw.generate(prompts[:2], max_new_tokens=4, do_sample=False, pad_token_id=0)
        if on_gpu:
            torch.cuda.synchronize()
        t = time.perf_counter()
        out = raw.generate(prompts, max_new_tokens=gen_tokens, min_new_tokens=gen_tokens, do_sample=False,
                           pad_token_id=0)
        if on_gpu:
            torch.cuda.synchronize()
        g = time.perf_counter() - t
    new = (out.shape[1] - prompts.shape[1]) * args.gen_batch
    print(json.dumps({"phase": "generate", "device": name, "backend": "transformers.generate",
                      "batch": args.gen_batch, "new_tokens": new, "tokens_per_s": round(new / g, 1)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
