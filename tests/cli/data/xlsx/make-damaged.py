#!/usr/bin/env python3
# Regenerates damaged/*.xlsx for t_xlsx: lo/extra_values.xlsx with one
# part changed, as a broken program or a hostile upload would have it.
import os
import zipfile

here = os.path.dirname(os.path.abspath(__file__))
src = zipfile.ZipFile(os.path.join(here, "lo", "extra_values.xlsx"))
parts = {n: src.read(n) for n in src.namelist()}
SHEET, STRINGS = "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"


def write(name, part, *swaps):
    """name: the parts with part's (old, new) swaps made, each once"""
    p = dict(parts)
    for old, new in swaps:
        assert old in p[part], (name, old)
        p[part] = p[part].replace(old, new, 1)
    with zipfile.ZipFile(os.path.join(here, "damaged", name), "w", zipfile.ZIP_DEFLATED) as out:
        for k, v in p.items():
            out.writestr(k, v)


# a formula whose cached result is an error
write("formula_error.xlsx", SHEET, (b'<c r="D5" s="0" t="n"><v>94.25</v>',
                                    b'<c r="D5" s="0" t="e"><v>#DIV/0!</v>'))
# a shared string that is not there
write("shared_string.xlsx", SHEET, (b'<c r="A2" s="0" t="s"><v>8</v>',
                                    b'<c r="A2" s="0" t="s"><v>999</v>'))
# a sheet cut short
write("truncated_xml.xlsx", SHEET, (b"</sheetData>", b"<row"))
# an external entity in the first indicator code: must not be read
write("external_entity.xlsx", STRINGS,
      (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
       b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY x SYSTEM "file:///etc/hostname">]>'),
      (b'<t xml:space="preserve">ID0285</t>', b'<t>&x;</t>'))
