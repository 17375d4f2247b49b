#!/usr/bin/env python3
"""Builds the English word lists the recall-first detector ships (src/main/resources/.../text/).

Inputs (sources and licences: deidentify/NOTICE):
  /usr/share/dict/{american,british}-english        Debian wamerican / wbritish (SCOWL)
  /usr/share/dict/{american,british}-english-huge    Debian wamerican-huge / wbritish-huge: only medical-looking words
  --orange-book products.txt                          FDA Orange Book (US government work): drug ingredients and trade names
  --ssa DIR                                           SSA baby names, yobNNNN.txt files (US government work)
  --census Names_2010Census.csv                       US Census 2010 surnames (US government work)
  --cities us_cities_states_counties.csv              US cities, CC0

Outputs:
  en-safe-words.txt.gz   lower-case words that are not names: common English, medical, drugs
  en-person-names.txt    given names and surnames (Title Case) for the ambiguous common-word names
  en-places.txt          US city names (Title Case, multi-word kept), states excluded (Safe Harbor keeps states)

  apt-get install -y wamerican wbritish wamerican-huge wbritish-huge
  python3 deidentify/tools/build-wordlists.py --orange-book products.txt --ssa raw-data \
      --census Names_2010Census.csv --cities us_cities_states_counties.csv
"""
import argparse
import collections
import gzip
import os
import re

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "main", "resources", "org", "medgo", "deidentify", "text")
# Medical word shapes (Greek/Latin clinical suffixes, USAN drug stems): taken from the huge lists only.
MEDICAL = re.compile(r"(itis|emia|aemia|osis|ectomy|otomy|ostomy|plasty|pathy|algia|oma|omas|uria|penia|cardia|pnea|pnoea|scopy|"
                     r"gram|graphy|lysis|megaly|plegia|trophy|statin|pril|sartan|olol|azole|mycin|cillin|floxacin|parin|xaban|"
                     r"mab|nib|tide|gliptin|flozin|triptan|setron|dipine|tidine|prazole|azepam|azolam|barbital|caine|cycline|"
                     r"vir|sone|olone|lukast|profen|oxacin|amine|idine|ase|cyte|cytes|ocele|plasia|rrhea|rrhoea|ptysis|"
                     r"stasis|sclerosis|ectasia|iasis|itides|emesis|phagia|phasia|opia|tropic|genic|ology|ologist|ic|al)$")
# Greek/Latin roots of anatomy, physiology and chemistry anywhere in a word (troponin, albumin, thrombocyte).
ROOTS = re.compile(r"(cardi|neur|gastr|hepat|nephr|pulmon|oste|arthr|derm|haem|hema|hemo|glyc|lipid|chol|thromb|angi|cyt|"
                   r"bili|album|insul|tropon|creat|lact|phosph|kal|natr|calc|immun|globul|lymph|leuk|erythr|onc|carcin|"
                   r"path|psych|pharm|tox|bacter|fung|myc|scler|sten|fibr|gluc|keto|uria|pnea|tachy|brady|enzym|hormon|"
                   r"protein|peptid|amin|sulf|chlor|fluor|iod|sodium|potass|magnes|ferr|cortic|steroid|androg|estrog|"
                   r"thyro|adren|pancrea|splen|renal|uter|ovar|prostat|urethr|vesic|crani|spin|vertebr|pelv|femor|tibi|"
                   r"humer|clavic|stern|cost|abdomin|thorac|pleur|bronch|trache|laryn|phary|esophag|duoden|jejun|ile|col|"
                   r"rect|anal|hernia|ulcer|embol|isch|infarct|edema|oedema|anemi|anaemi|sepsis|septic|febr|pyr|rhin|"
                   r"otic|ocul|ophthalm|retin|cornea|dent|gingiv|cutan|epiderm|myel|plasm|antibod|antigen|vaccin|"
                   r"biotic|statin|azole|mycin|cillin|floxacin|olol|pril|sartan|dipine)")
WORD = re.compile(r"^[a-z][a-z'-]*$")


def read_lines(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return [l.strip() for l in f if l.strip()]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--orange-book", required=True)
    ap.add_argument("--ssa", required=True, help="folder with yobNNNN.txt")
    ap.add_argument("--census", required=True)
    ap.add_argument("--cities", required=True)
    ap.add_argument("--min-given", type=int, default=2000, help="a given name needs this many births 1880-present")
    a = ap.parse_args()

    given = collections.Counter()
    for name in sorted(os.listdir(a.ssa)):
        if re.fullmatch(r"yob\d{4}\.txt", name):
            for line in read_lines(os.path.join(a.ssa, name)):
                n, _sex, count = line.split(",")
                given[n] += int(count)
    names = {n for n, c in given.items() if c >= a.min_given}
    for line in read_lines(a.census)[1:]:
        s = line.split(",")[0]
        if s.isalpha() and s != "ALL":
            names.add(s.capitalize())
    lower_names = {n.lower() for n in names}

    safe = set()
    for f in ("american-english", "british-english"):
        for w in read_lines("/usr/share/dict/" + f):
            if WORD.match(w):
                safe.add(w.replace("'s", ""))
    # Nationalities and languages are proper nouns in the lists ("Slovenian", "Icelandic", "Dutch"): not identifiers.
    demonym = re.compile(r"^[A-Z][a-z]+(?:ian|ean|ese|ish|ic)$")
    proper = set()
    for f in ("american-english", "british-english"):
        proper.update(w for w in read_lines("/usr/share/dict/" + f) if re.fullmatch(r"[A-Z][a-z]+", w))
    for w in proper:
        # Guatemala -> Guatemalan, Mexico -> Mexican, Cuba -> Cuban: the people of a listed place
        of_place = w.endswith("n") and (w[:-1] in proper or w.endswith("an") and w[:-2] + "o" in proper)
        if (demonym.match(w) or of_place) and w not in names and w.lower() not in lower_names:
            safe.add(w.lower())
    for f in ("american-english-huge", "british-english-huge"):
        path = "/usr/share/dict/" + f
        if os.path.exists(path):
            for w in read_lines(path):
                if WORD.match(w) and len(w) >= 5 and (MEDICAL.search(w) or ROOTS.search(w)) and w not in lower_names:
                    safe.add(w)
    for line in read_lines(a.orange_book)[1:]:
        cols = line.split("~")
        for field in (cols[0], cols[2]):
            for t in re.findall(r"[A-Za-z]{4,}", field):
                t = t.lower()
                if t not in lower_names:
                    safe.add(t)
    safe.discard("")

    cities = set()
    states = set()
    for line in read_lines(a.cities)[1:]:
        cols = line.split("|")
        if len(cols) >= 3:
            cities.add(cols[0].strip())
            states.add(cols[2].strip())
    cities = {c for c in cities if c and c not in states and re.fullmatch(r"[A-Z][A-Za-z .'-]+", c)}

    os.makedirs(OUT, exist_ok=True)
    with gzip.open(os.path.join(OUT, "en-safe-words.txt.gz"), "wt", encoding="utf-8", compresslevel=9) as f:
        # mtime 0 above would need GzipFile; the content is sorted, so diffs stay readable after gunzip.
        f.write("\n".join(sorted(safe)) + "\n")
    with open(os.path.join(OUT, "en-person-names.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(sorted(names)) + "\n")
    with open(os.path.join(OUT, "en-places.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(sorted(cities)) + "\n")
    print(f"safe words {len(safe)}, person names {len(names)}, places {len(cities)}")


if __name__ == "__main__":
    main()
