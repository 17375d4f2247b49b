#!/usr/bin/env python3
"""Converts the five i2b2 2014 de-identification notes that Philter ships (BCHSI/philter-ucsf,
data/i2b2_xml/*.xml) into the JSONL that CorpusScore reads. The notes fall under the n2c2/i2b2 data use
terms, so the output is written OUTSIDE the repository and never committed: measure, do not ship.

  python3 deidentify/tools/build-i2b2-sample.py philter-ucsf/data/i2b2_xml /tmp/i2b2-sample.jsonl
  java -cp $CP org.medgo.deidentify.eval.CorpusScore /tmp/i2b2-sample.jsonl
"""
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

TYPES = {"PATIENT": "NAME", "DOCTOR": "NAME", "USERNAME": "NAME", "HOSPITAL": "ORGANIZATION", "ORGANIZATION": "ORGANIZATION",
         "CITY": "ADDRESS", "STREET": "ADDRESS", "ZIP": "POSTCODE", "LOCATION-OTHER": "ADDRESS", "STATE": "STATE",
         "COUNTRY": "COUNTRY", "DATE": "DATE", "PHONE": "PHONE", "FAX": "PHONE", "EMAIL": "EMAIL", "URL": "URL",
         "MEDICALRECORD": "MRN", "IDNUM": "OTHER_ID", "DEVICE": "DEVICE", "HEALTHPLAN": "INSURANCE", "BIOID": "OTHER_ID"}


def main():
    folder, out = sys.argv[1], sys.argv[2]
    if os.path.abspath(out).startswith(os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))):
        sys.exit("write the sample outside the repository: it may not be committed")
    with open(out, "w", encoding="utf-8") as f:
        for name in sorted(os.listdir(folder)):
            root = ET.parse(os.path.join(folder, name)).getroot()
            text = root.find("TEXT").text
            phi, keep = [], []
            for tag in root.find("TAGS"):
                start, end, kind = int(tag.get("start")), int(tag.get("end")), tag.get("TYPE")
                value = text[start:end]
                t = TYPES.get(kind)
                if kind == "AGE":
                    t = "AGE" if re.search(r"\d+", value) and int(re.search(r"\d+", value).group()) >= 90 else None
                if t == "DATE" and re.fullmatch(r"(?:19|20)\d\d", value.strip()):
                    t = None   # a year alone: Safe Harbor keeps it
                (phi if t else keep).append({"start": start, "end": end, "value": value, ("type" if t else "label"): t or kind})
            f.write(json.dumps({"id": name, "text": text, "phi": phi, "keep": keep}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
