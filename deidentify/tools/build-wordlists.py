#!/usr/bin/env python3
"""Builds the English word lists the recall-first detector ships (src/main/resources/.../text/).

Inputs (sources and licences: deidentify/NOTICE):
  /usr/share/dict/{american,british}-english        Debian wamerican / wbritish (SCOWL)
  /usr/share/dict/{american,british}-english-huge    Debian wamerican-huge / wbritish-huge: every lower-case word that is
                                                      no name (nor a proper noun in any SCOWL list)
  /usr/share/dict/{american,british}-english-insane  Debian wamerican-insane / wbritish-insane: only medical-looking words
  /usr/share/zoneinfo/iso3166.tab                     tzdata's country names (public domain)
  --orange-book products.txt                          FDA Orange Book (US government work): drug ingredients and trade names
  --ssa DIR                                           SSA baby names, yobNNNN.txt files (US government work)
  --census Names_2010Census.csv                       US Census 2010 surnames (US government work)
  --cities us_cities_states_counties.csv              US cities, CC0

Outputs:
  en-safe-words.txt.gz   lower-case words that are not names: common English, medical, drugs, countries, US states and
                         the peoples of both (Safe Harbor keeps states and countries; "Dutch", "Koreans" identify no one)
  en-safe-words-rare.txt.gz  lower-case words only the huge/insane lists have (rotator, syncope, genotype): ordinary
                         words too, kept apart so that the clinical-shorthand stems stay those of the common lists
  en-person-names.txt    given names and surnames (Title Case) for the ambiguous common-word names
  en-places.txt          US city names (Title Case, multi-word kept), states and countries excluded (Safe Harbor keeps
                         them: "Jamaica", "Lebanon", "Peru" are towns too, but in medical text they are the countries)

  apt-get install -y wamerican wbritish wamerican-huge wbritish-huge wamerican-insane wbritish-insane tzdata
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
                   r"biotic|statin|azole|mycin|cillin|floxacin|olol|pril|sartan|dipine|"
                   # prefixes of signs and findings (oligohydramnios, hyperemesis, dyspareunia, asterixis, melasma)
                   r"amnio|hydr|olig|hyper|hypo|dys|asma|ixis)")
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
    countries = country_names()
    regions = region_names(countries, states)
    # A compass word and a region that is also a town ("West Jordan", Utah) stays a town.
    regions = {r for r in regions if r not in cities or r in countries or r in states or r in CONTINENTS}
    cities = {c for c in cities if c and c not in regions and re.fullmatch(r"[A-Z][A-Za-z .'-]+", c)}

    # Any name spelling at all (given names down to 100 births): words only the big lists have stay out when a
    # person may carry them, so that the wider list costs no recall.
    rare_given = {n.lower() for n, c in given.items() if c >= 100}
    all_proper = set()
    for f in DICTS:
        all_proper.update(w.replace("'s", "").lower() for w in read_dict(f) if w[:1].isupper())
    peoples = demonyms(all_proper, countries, lower_names | rare_given)
    for r in regions:
        for w in r.lower().split():
            if len(w) >= 3 and w.isalpha() and w not in lower_names and w not in rare_given:
                safe.add(w)
    safe |= peoples

    rare = set()
    for f in DICTS:
        medical_only = f.endswith("insane")
        for w in read_dict(f):
            if (WORD.match(w) and "'" not in w and len(w) >= 4 and w not in safe and w not in lower_names and w not in rare_given
                    and w not in all_proper and (not medical_only or MEDICAL.search(w) or ROOTS.search(w))):
                rare.add(w)

    os.makedirs(OUT, exist_ok=True)
    for name, words in (("en-safe-words.txt.gz", safe), ("en-safe-words-rare.txt.gz", rare)):
        with gzip.open(os.path.join(OUT, name), "wt", encoding="utf-8", compresslevel=9) as f:
            # mtime 0 above would need GzipFile; the content is sorted, so diffs stay readable after gunzip.
            f.write("\n".join(sorted(words)) + "\n")
    with open(os.path.join(OUT, "en-person-names.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(sorted(names)) + "\n")
    with open(os.path.join(OUT, "en-places.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(sorted(cities)) + "\n")
    with open(os.path.join(OUT, "en-regions.txt"), "w", encoding="utf-8") as f:
        # one-word regions only where a person may carry the name ("Jamaica", "Georgia"): a place cue decides there
        f.write("\n".join(sorted(r for r in regions if " " in r or r.lower() in lower_names | rare_given)) + "\n")
    print(f"safe words {len(safe)}, rare words {len(rare)}, person names {len(names)}, places {len(cities)}, "
          f"regions {len(regions)}")


DICTS = [f"{v}-english{s}" for s in ("", "-huge", "-insane") for v in ("american", "british")]
COMPASS = ("North", "South", "East", "West", "Central", "Northern", "Southern", "Eastern", "Western", "Northeast", "Northwest",
           "Southeast", "Southwest", "Sub-Saharan", "Upper", "Lower")
CONTINENTS = ("Africa", "America", "Asia", "Europe", "Oceania", "Antarctica", "Australasia", "Arctic", "Mediterranean",
              "Caribbean", "Pacific", "Atlantic", "Balkans", "Scandinavia", "Anatolia", "Siberia", "Patagonia", "Midwest",
              "England", "Scotland", "Wales", "Ireland", "Anglia", "Midlands", "New England", "Appalachia",
              "African", "American", "Asian", "European", "Africans", "Americans", "Asians", "Europeans", "Coast",
              "Rocky Mountain", "Rocky Mountains")
# Peoples whose name is not their country's plus a suffix ("Dutch" of the Netherlands, "Swiss", "Sami").
IRREGULAR_PEOPLES = ("dutch", "french", "swiss", "greek", "greeks", "thai", "welsh", "scots", "basque", "basques", "maori",
                     "inuit", "sami", "roma", "bedouin", "kurd", "kurds", "filipino", "filipinos", "filipina", "latino",
                     "latinos", "latina", "latinas", "hispanics", "aboriginal", "aborigines", "caucasians", "arab", "arabs",
                     "anglophone", "francophone", "lusophone", "hispanophone", "argentine")


def read_dict(name):
    path = "/usr/share/dict/" + name
    return read_lines(path) if os.path.exists(path) else []


def country_names():
    """tzdata's iso3166.tab names ("Korea (South)" -> Korea, South Korea), and the short forms in use."""
    out = set()
    for line in read_lines("/usr/share/zoneinfo/iso3166.tab"):
        if line.startswith("#"):
            continue
        name = line.split("\t")[1]
        m = re.fullmatch(r"(.+?) \((.+)\)", name)
        if m:
            out.add(m.group(1))
            if m.group(2) in COMPASS:
                out.add(m.group(2) + " " + m.group(1))       # Korea (South) -> South Korea
            elif re.fullmatch(r"[A-Z][a-z]+", m.group(2)):
                out.add(m.group(2))                          # Myanmar (Burma)
        else:
            out.add(name.replace("&", "and"))
    return {c for c in out if re.fullmatch(r"[A-Z][A-Za-z .'-]+", c)}


def region_names(countries, states):
    """Countries, US states, continents and the parts of them named by a compass word ("West Africa", "South West")."""
    places = set(countries) | set(states) | set(CONTINENTS)
    out = set(places)
    for c in COMPASS:
        for p in places:
            out.add(c + " " + p)
        for d in COMPASS[:4]:
            out.add(c + " " + d)          # "South West", "North East" (of England)
    return out


def demonyms(proper, countries, person_names):
    """The peoples of the countries in plain words: Israeli(s), Pakistani(s), Koreans, Africans, Angolese."""
    out = set(IRREGULAR_PEOPLES)
    heads = {w.lower() for c in countries for w in c.split() if len(w) >= 4}
    singular = set()
    for h in heads:
        forms = [h + s for s in ("ian", "ese", "ish", "ic")] + [h[:-1] + s for s in ("an", "ian", "ean", "ese", "ish", "ic")]
        forms.append(h + "n" if h.endswith("a") else h + "i")     # Korea-n, Cuba-n; Israel-i, Iraq-i
        singular.update(w for w in forms if w in proper and w not in person_names)
    out |= singular
    out |= {w + "s" for w in singular if w[-1] in "ni" and w + "s" in proper}
    return out


if __name__ == "__main__":
    main()
