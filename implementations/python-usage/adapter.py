#!/usr/bin/env python3
"""A stdlib-only Python implementation of usage normalisation speaking the harness protocol.

It re-implements, independently of tokencert's TypeScript, the four provider usage conventions
(OpenAI Chat Completions and Responses, Anthropic Messages, Gemini generateContent) as the spec
states them (TMS-M-024..027), reading the native response body the runner sends. It exists to
show that the protocol (docs/harness.md) needs nothing but JSON lines on stdin/stdout: any
language can take part (TMS-H-001).
"""
import json
import sys

MODALITIES = ("text", "image", "audio", "video")
NATIVE_MODALITY = {"TEXT": "text", "IMAGE": "image", "AUDIO": "audio", "VIDEO": "video", "DOCUMENT": "text", "MODALITY_UNSPECIFIED": "text"}


def put(cells, key, n):
    if n:
        cells[key] = cells.get(key, 0) + n


def n(obj, key):
    v = (obj or {}).get(key)
    return v if isinstance(v, int) else 0


def openai_chat(u):
    pd, cd = u.get("prompt_tokens_details") or {}, u.get("completion_tokens_details") or {}
    cached, written, audio_in, image_in = n(pd, "cached_tokens"), n(pd, "cache_write_tokens"), n(pd, "audio_tokens"), n(pd, "image_tokens")
    reasoning, audio_out = n(cd, "reasoning_tokens"), n(cd, "audio_tokens")
    cells = {}
    put(cells, "input/none/text", n(u, "prompt_tokens") - cached - written - audio_in - image_in)
    put(cells, "input/read/text", cached)
    put(cells, "input/write/text", written)
    put(cells, "input/none/audio", audio_in)
    put(cells, "input/none/image", image_in)
    put(cells, "output/none/text/answer", n(u, "completion_tokens") - reasoning - audio_out)
    put(cells, "output/none/text/reasoning", reasoning)
    put(cells, "output/none/audio/answer", audio_out)
    return cells


def openai_responses(u):
    idt, odt = u.get("input_tokens_details") or {}, u.get("output_tokens_details") or {}
    cached, written, reasoning = n(idt, "cached_tokens"), n(idt, "cache_write_tokens"), n(odt, "reasoning_tokens")
    cells = {}
    put(cells, "input/none/text", n(u, "input_tokens") - cached - written)
    put(cells, "input/read/text", cached)
    put(cells, "input/write/text", written)
    put(cells, "output/none/text/answer", n(u, "output_tokens") - reasoning)
    put(cells, "output/none/text/reasoning", reasoning)
    return cells


def anthropic(u):
    cells = {}
    put(cells, "input/none/text", n(u, "input_tokens"))
    put(cells, "input/read/text", n(u, "cache_read_input_tokens"))
    split = u.get("cache_creation")
    if isinstance(split, dict):
        put(cells, "input/write@5m/text", n(split, "ephemeral_5m_input_tokens"))
        put(cells, "input/write@1h/text", n(split, "ephemeral_1h_input_tokens"))
    else:
        put(cells, "input/write/text", n(u, "cache_creation_input_tokens"))
    thinking = n(u.get("output_tokens_details"), "thinking_tokens")
    put(cells, "output/none/text/answer", n(u, "output_tokens") - thinking)
    put(cells, "output/none/text/reasoning", thinking)
    # Compaction iterations are billed on top, at the same model's rates (the top-level counts are the
    # served message's); advisor and fallback hops are another model's usage, not this record's.
    for it in u.get("iterations") or []:
        if isinstance(it, dict) and it.get("type") == "compaction":
            for key, tokens in anthropic({k: v for k, v in it.items() if k != "iterations"}).items():
                put(cells, key, tokens)
    return cells


def by_modality(u, key, whole):
    out = dict.fromkeys(MODALITIES, 0)
    items = u.get(key)
    if not isinstance(items, list):
        out["text"] = whole
        return out
    for item in items:
        out[NATIVE_MODALITY.get(item.get("modality", "MODALITY_UNSPECIFIED"), "text")] += n(item, "tokenCount")
    return out


def gemini(u):
    p = by_modality(u, "promptTokensDetails", n(u, "promptTokenCount"))
    c = by_modality(u, "cacheTokensDetails", n(u, "cachedContentTokenCount"))
    o = by_modality(u, "candidatesTokensDetails", n(u, "candidatesTokenCount"))
    t = by_modality(u, "toolUsePromptTokensDetails", n(u, "toolUsePromptTokenCount"))
    cells = {}
    for m in MODALITIES:
        put(cells, f"input/none/{m}", p[m] - c[m])
        put(cells, f"input/read/{m}", c[m])
        put(cells, f"input/none/{m}/tool", t[m])
        put(cells, f"output/none/{m}/answer", o[m])
    put(cells, "output/none/text/reasoning", n(u, "thoughtsTokenCount"))
    return cells


CONVENTIONS = {
    "openai-chat": lambda body: openai_chat(body["usage"]),
    "openai-responses": lambda body: openai_responses(body["usage"]),
    "anthropic-messages": lambda body: anthropic(body["usage"]),
    "gemini": lambda body: gemini(body["usageMetadata"]),
}


def answer(req):
    if req.get("kind") != "usage":
        return {"seq": req["seq"], "status": "skip", "reason": f"kind {req.get('kind')} is not implemented"}
    inp = req["input"]
    convert = CONVENTIONS.get(inp["api"])
    if convert is None:
        return {"seq": req["seq"], "status": "skip", "reason": f"no convention for {inp['api']}"}
    return {"seq": req["seq"], "status": "result", "result": {"cells": convert(inp["response"]), "not_expressible": []}}


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        req = json.loads(line)
        if req["cmd"] == "start":
            out = {"protocol": 1, "implementation": {"name": "tokencert-usage-python", "version": "0.1.0", "language": f"python {sys.version.split()[0]}", "adapter": "implementations/python-usage"}, "kinds": ["usage"]}
        elif req["cmd"] == "stop":
            return
        else:
            try:
                out = answer(req)
            except Exception as e:  # one bad case must not end the run: answer it as an error
                out = {"seq": req.get("seq", 0), "status": "error", "reason": f"{type(e).__name__}: {e}"}
        sys.stdout.write(json.dumps(out) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
