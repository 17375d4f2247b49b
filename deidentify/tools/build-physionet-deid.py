#!/usr/bin/env python3
"""Converts the gold-standard corpus of PhysioNet's "deid" package (Neamatullah et al. 2008; 2,434 MIMIC-II
nursing notes whose PHI was replaced by realistic surrogates, labelled in id-phi.phrase) into the JSONL that
CorpusScore reads.

Nobody on this project wrote these notes or chose their values: real ICU nursing prose (all capitals,
shorthand, misspelt names, lower-case names, hospital nicknames), an evaluation input independent of the
detector. The package is GPL-2.0 (its COPYING file), so the converted notes are written OUTSIDE the
repository and never committed: measure, do not ship (the script refuses a path inside the repository).

Public copies of the package files: github.com/ChenbinHuang/BMI500_HW8_Deid_Date (id.text, id-phi.phrase
at the repository root), originally physionet.org/content/deid/1.1/.

  python3 deidentify/tools/build-physionet-deid.py id.text id-phi.phrase /tmp/physionet-deid.jsonl
  java -cp $CP org.medgo.deidentify.eval.CorpusScore /tmp/physionet-deid.jsonl -v

Labels: id-phi.phrase lists one line per token ("patient note start end category token"). Tokens of the same
category separated by a space or an initial's period are joined into one value ("Sacred Heart Memorial",
"DAN A. FORMAN-LYONS"), so that an initial is scored with its name rather than as a one-letter value.
Categories: PTName, PTNameInitial, HCPName, RelativeProxyName -> NAME; Location (hospitals, their nicknames,
towns, employers) -> LOCATION; Date -> DATE; Phone (numbers and pager extensions) -> PHONE; Other -> OTHER_ID;
Age -> AGE when 90 or over. DateYear (a year alone) and younger ages are kept: Safe Harbor keeps them.
"""
import json
import os
import re
import sys

CATEGORY = {"PTName": "NAME", "PTNameInitial": "NAME", "HCPName": "NAME", "RelativeProxyName": "NAME",
            "Location": "LOCATION", "Date": "DATE", "Phone": "PHONE", "Other": "OTHER_ID", "Age": "AGE"}
RECORD = re.compile(r"START_OF_RECORD=(\d+)\|\|\|\|(\d+)\|\|\|\|\n(.*?)\|\|\|\|END_OF_RECORD", re.S)
JOIN_GAP = re.compile(r"\.? ?")


def kind(category, value):
    if category == "Age":
        m = re.search(r"\d+", value)
        return "AGE" if m and int(m.group()) >= 90 else None
    return CATEGORY.get(category)


def labels(path):
    by_note = {}
    for line in open(path, encoding="utf-8"):
        patient, note, start, end, category, token = line.rstrip("\n").split(" ", 5)
        by_note.setdefault((patient, note), []).append((int(start), int(end), category, token))
    return by_note


def joined(text, tokens):
    """Same-category tokens with only a space or an initial's period between them become one value."""
    out = []
    for start, end, category, token in sorted(tokens):
        if text[start:end] != token:
            sys.exit(f"offset mismatch: {token!r} != {text[start:end]!r}")
        if out and out[-1][2] == category and out[-1][1] <= start and JOIN_GAP.fullmatch(text[out[-1][1]:start]):
            out[-1] = (out[-1][0], end, category)
        elif out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]), out[-1][2])   # overlapping labels ("Kessler-Adventist")
        else:
            out.append((start, end, category))
    return out


def main():
    text_path, phrase_path, out = sys.argv[1:4]
    repo = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    if os.path.abspath(out).startswith(repo + os.sep):
        sys.exit("write the corpus outside the repository: GPL-2.0 data, not redistributed here")
    by_note = labels(phrase_path)
    notes = RECORD.findall(open(text_path, encoding="utf-8").read())
    with open(out, "w", encoding="utf-8") as f:
        for patient, note, text in notes:
            phi, keep = [], []
            for start, end, category in joined(text, by_note.get((patient, note), [])):
                value = text[start:end]
                t = kind(category, value)
                item = {"start": start, "end": end, "value": value}
                (phi if t else keep).append(dict(item, type=t) if t else dict(item, label=category))
            f.write(json.dumps({"id": f"physionet-{patient}-{note}", "text": text, "phi": phi, "keep": keep}) + "\n")
    print(f"{len(notes)} notes -> {out}")


if __name__ == "__main__":
    main()
