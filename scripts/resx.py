#!/usr/bin/env python3
"""Adds or updates strings in a component's resource pair: X.resx (English) and X.bn.resx (Bangla).

    python3 scripts/resx.py src/Scheduler.Web/Features/Home/Home key "English text" "বাংলা লেখা"
    python3 scripts/resx.py src/Scheduler.Web/Features/Home/Home --tsv strings.tsv   # key<TAB>English<TAB>Bangla per line

Keys are kept sorted so that two people adding strings to one file rarely touch the same lines.
"""
import sys
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape

HEADER = """<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
"""


def load(path):
    try:
        root = ET.parse(path).getroot()
    except FileNotFoundError:
        return {}
    return {d.get("name"): (d.findtext("value") or "") for d in root.findall("data")}


def save(path, strings):
    with open(path, "w", encoding="utf-8") as f:
        f.write(HEADER)
        for key in sorted(strings, key=str.lower):
            f.write(f'  <data name="{escape(key, {chr(34): "&quot;"})}" xml:space="preserve"><value>{escape(strings[key])}</value></data>\n')
        f.write("</root>\n")


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    base = argv[1]
    pairs = []
    if argv[2] == "--tsv":
        with open(argv[3], encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                line = line.rstrip("\n")
                if not line.strip() or line.startswith("#"):
                    continue
                parts = line.split("\t")
                if len(parts) != 3:
                    sys.exit(f"{argv[3]} line {number}: expected key<TAB>English<TAB>Bangla, found {len(parts)} fields")
                pairs.append(parts)
    else:
        if len(argv) != 5:
            sys.exit(__doc__)
        pairs.append(argv[2:5])
    en, bn = load(base + ".resx"), load(base + ".bn.resx")
    for key, english, bangla in pairs:
        en[key], bn[key] = english, bangla
    save(base + ".resx", en)
    save(base + ".bn.resx", bn)


if __name__ == "__main__":
    main(sys.argv)
