#!/usr/bin/env python3
"""Converts answers of MedQuAD (github.com/abachaa/MedQuAD, CC BY 4.0; NIH consumer-health pages: cancer.gov, NIDDK,
NINDS, NIHSeniorHealth, NHLBI, CDC) into a PHI-free corpus the evaluation harness reads
(src/test/resources/org/medgo/deidentify/eval/medquad-answers.jsonl): a second development set for over-redaction,
plain-language medical English unlike PubMedQA's research prose.

Each item is the first two sentences of one answer (about the length of a portal message), 1,000 drawn with a fixed
seed; {"id", "text", "phi": [], "keep": []}. The GARD, GHR and MedlinePlus folders are left out: they name the
researchers who described a condition, which the detector rightly takes for names.

  git --git-dir=/work/.mirror/abachaa+MedQuAD/repo archive HEAD 1_CancerGov_QA 5_NIDDK_QA 6_NINDS_QA \\
      7_SeniorHealth_QA 8_NHLBI_QA_XML 9_CDC_QA | tar x -C medquad
  python3 deidentify/tools/build-medquad-corpus.py medquad
"""
import json
import os
import random
import re
import sys
import xml.etree.ElementTree as ET

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "org", "medgo", "deidentify", "eval",
                   "medquad-answers.jsonl")
SENTENCE_END = re.compile(r"(?<=[.?!])\s+(?=[A-Z])")


def main():
    items = []
    for root, _dirs, files in sorted(os.walk(sys.argv[1])):
        for name in sorted(files):
            if not name.endswith(".xml"):
                continue
            doc = ET.parse(os.path.join(root, name)).getroot()
            for pair in doc.iter("QAPair"):
                answer = " ".join((pair.findtext("Answer") or "").split())
                if len(answer) < 40:
                    continue
                text = " ".join(SENTENCE_END.split(answer)[:2])
                items.append((os.path.basename(root).split("_")[0] + "-" + os.path.splitext(name)[0] + "-" + (pair.get("pid") or "0"), text))
    unique = {}
    for key, text in items:
        unique.setdefault(text, key)
    chosen = sorted(random.Random(13).sample(sorted(unique.items()), 1000), key=lambda kv: kv[1])
    with open(OUT, "w", encoding="utf-8") as f:
        for text, key in chosen:
            f.write(json.dumps({"id": f"medquad-{key}", "text": text, "phi": [], "keep": []}, ensure_ascii=False) + "\n")
    print(f"{len(unique)} distinct answers, 1000 -> {OUT}")


if __name__ == "__main__":
    main()
