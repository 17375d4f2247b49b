"""Renders Qwen3's Jinja chat template (from tokenizer_config.json) for a fixed set of conversations,
the way transformers' apply_chat_template does (jinja2 sandbox, trim_blocks, lstrip_blocks), and writes
the fixture the Java template test compares against. Usage:
  python3 render_chat_template.py TOKENIZER_CONFIG_JSON OUT_JSON
"""
import json
import sys

from jinja2.sandbox import ImmutableSandboxedEnvironment

CONVERSATIONS = [
    ([{"role": "user", "content": "Hello"}], True),
    ([{"role": "user", "content": "Hello"}], False),
    ([{"role": "system", "content": "You are MedGo, a clinical assistant."},
      {"role": "user", "content": "Summarize: fever 39C for 3 days, productive cough."}], True),
    ([{"role": "system", "content": "你是一名临床助手。"},
      {"role": "user", "content": "患者男，67岁，发热三天，伴咳嗽、咳痰。请给出鉴别诊断。"}], False),
    ([{"role": "user", "content": "What is CKD stage 3?"},
      {"role": "assistant", "content": "<think>\nRecall KDIGO staging.\n</think>\n\nCKD stage 3 means eGFR 30-59."},
      {"role": "user", "content": "And stage 4?"}], True),
    ([{"role": "user", "content": "头痛怎么办？"},
      {"role": "assistant", "content": "<think>\n考虑偏头痛。\n</think>\n\n建议就医。"},
      {"role": "user", "content": "还有别的建议吗？"}], False),
    ([{"role": "system", "content": "Be brief."},
      {"role": "user", "content": "Q1"},
      {"role": "assistant", "content": "A1"},
      {"role": "user", "content": "Q2"},
      {"role": "assistant", "content": "A2"},
      {"role": "user", "content": "Q3"}], True),
    ([{"role": "user", "content": "Plan?"},
      {"role": "assistant", "content": "<think>\nStep one.\n</think>\n\nDraft plan."}], True),
    ([{"role": "user", "content": "Plan?"},
      {"role": "assistant", "content": "Final answer", "reasoning_content": "\nkept reasoning\n"}], False),
    ([{"role": "user", "content": "Check labs"},
      {"role": "assistant", "content": "Calling the lab tool."},
      {"role": "tool", "content": "{\"Hb\": 9.1}"},
      {"role": "tool", "content": "{\"WBC\": 12.3}"}], True),
    ([{"role": "user", "content": "First"},
      {"role": "system", "content": "A later system note."},
      {"role": "user", "content": "Second"}], True),
    ([{"role": "user", "content": "<tool_response>\nraw\n</tool_response>"}], True),
    ([{"role": "user", "content": "Line one\n\nLine two with trailing newline\n"},
      {"role": "assistant", "content": "\n\n<think>\n\nmulti\n\nline\n\n</think>\n\n\nAnswer after blank lines"},
      {"role": "user", "content": "ok 😀 ✓"}], True),
]


def main():
    cfg = json.load(open(sys.argv[1], encoding="utf-8"))
    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True)
    template = env.from_string(cfg["chat_template"])
    cases = []
    for messages, thinking in CONVERSATIONS:
        text = template.render(messages=messages, add_generation_prompt=True, enable_thinking=thinking)
        cases.append({"messages": messages, "enable_thinking": thinking, "add_generation_prompt": True, "text": text})
    json.dump({"source": "Qwen3 tokenizer_config.json chat_template via jinja2 " + __import__("jinja2").__version__,
               "cases": cases}, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
