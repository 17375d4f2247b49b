#!/usr/bin/env python3
"""Converts PubMedQA's expert-labelled set (data/ori_pqal.json, MIT licence; github.com/pubmedqa/pubmedqa) into two
PHI-free corpora the evaluation harness reads (src/test/resources/org/medgo/deidentify/eval/):

  pubmedqa-questions.jsonl     the 1,000 QUESTIONs: development set (fix the classes of what gets altered here)
  pubmedqa-long-answers.jsonl  the 1,000 LONG_ANSWERs: held-out set (measured only, never tuned on)

Nobody on this project wrote these texts: they are medical English from PubMed abstracts with no patient
identifiers, so every altered line is over-redaction. Each line: {"id", "text", "phi": [], "keep": []}.

  git --git-dir=/work/.mirror/pubmedqa+pubmedqa/repo show HEAD:data/ori_pqal.json > ori_pqal.json
  python3 deidentify/tools/build-pubmedqa-corpus.py ori_pqal.json
"""
import json
import os
import sys

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "org", "medgo", "deidentify", "eval")
SETS = {"QUESTION": "pubmedqa-questions.jsonl", "LONG_ANSWER": "pubmedqa-long-answers.jsonl"}


def main():
    src = json.load(open(sys.argv[1], encoding="utf-8"))
    for field, name in SETS.items():
        with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
            for pmid in sorted(src, key=int):
                text = " ".join(src[pmid][field].split())
                f.write(json.dumps({"id": f"pubmed-{pmid}", "text": text, "phi": [], "keep": []}, ensure_ascii=False) + "\n")
        print(f"{len(src)} {field} -> {name}")


if __name__ == "__main__":
    main()
