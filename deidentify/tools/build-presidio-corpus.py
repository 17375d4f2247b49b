#!/usr/bin/env python3
"""Converts Microsoft presidio-research's labelled synthetic dataset (data/synth_dataset_v2.json, MIT licence;
github.com/microsoft/presidio-research) into the JSONL the evaluation harness reads
(src/test/resources/org/medgo/deidentify/eval/presidio-synth-v2.jsonl).

Nobody on this project wrote these sentences or chose their values: they are the public corpus the
English detector is measured on (never tuned on: fix the class of a miss, then re-measure).

Each line: {"id", "text", "phi": [{"start","end","type","value"}], "keep": [{"start","end","label","value"}]}
  phi   values the output must not contain (PhiType names);
  keep  labelled values that are not identifiers under HIPAA Safe Harbor (job titles, nationalities,
        years alone, ages under 90, countries/states/cities as GPE are kept apart: see below).

GPE (countries, states, cities mixed) and ORGANIZATION (companies) are reported as their own rows:
Safe Harbor removes cities but keeps states and countries, and employers are not a target type.

  python3 deidentify/tools/build-presidio-corpus.py /path/to/presidio-research/data/synth_dataset_v2.json
"""
import json
import os
import re
import sys

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "org", "medgo", "deidentify", "eval",
                   "presidio-synth-v2.jsonl")
PHI = {"PERSON": "NAME", "STREET_ADDRESS": "ADDRESS", "PHONE_NUMBER": "PHONE", "EMAIL_ADDRESS": "EMAIL",
       "US_SSN": "SSN", "IP_ADDRESS": "IP", "CREDIT_CARD": "ACCOUNT", "IBAN_CODE": "ACCOUNT",
       "US_DRIVER_LICENSE": "LICENSE", "DOMAIN_NAME": "URL", "ZIP_CODE": "POSTCODE", "DATE_TIME": "DATE",
       "AGE": "AGE", "GPE": "GPE", "ORGANIZATION": "ORGANIZATION_COMPANY"}


def kind(entity, value):
    t = PHI.get(entity)
    if t == "DATE" and re.fullmatch(r"\s*(?:in\s+)?(?:19|20)\d\d\s*", value):
        return None          # a year alone: Safe Harbor keeps it
    if t == "AGE":
        m = re.search(r"\d+", value)
        return "AGE" if m and int(m.group()) >= 90 else None
    return t


def main():
    src = json.load(open(sys.argv[1], encoding="utf-8"))
    with open(OUT, "w", encoding="utf-8") as f:
        for i, r in enumerate(src):
            text = r["full_text"]
            phi, keep = [], []
            for s in sorted(r["spans"], key=lambda s: s["start_position"]):
                v = text[s["start_position"]:s["end_position"]]
                t = kind(s["entity_type"], v)
                item = {"start": s["start_position"], "end": s["end_position"], "value": v}
                if t:
                    phi.append(dict(item, type=t))
                else:
                    keep.append(dict(item, label=s["entity_type"]))
            f.write(json.dumps({"id": f"presidio-{i}", "text": text, "phi": phi, "keep": keep}, ensure_ascii=False) + "\n")
    print(f"{len(src)} notes -> {OUT}")


if __name__ == "__main__":
    main()
