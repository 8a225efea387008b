#!/usr/bin/python3
"""Checks `report --format xlsx` against `report --format json` (server_report_test.cc runs it).

Usage: report_xlsx_check.py REPORT.xlsx REPORT.json zh|en

Opens the workbook with openpyxl (Debian's python3-openpyxl), as a county office's tools would,
and compares every figure of every sheet with the JSON report's. Prints "compared N figures" and
exits 0 when all agree; prints each difference and exits 1 otherwise.
"""
import json
import sys

import openpyxl

SHEETS = {
    "zh": ["总计", "按镇", "按村", "按网格", "按类别和等级", "按状态", "未销号隐患按紧急程度", "按场所类型"],
    "en": ["Totals", "By town", "By village", "By grid", "By category and severity", "By status",
           "Open hazards by urgency", "By premises type"],
}
TOTALS_HEADER = {"zh": ["指标", "代码", "数值"], "en": ["Figure", "Key", "Value"]}
MAJOR = ["found", "open", "rectified", "closed", "overdue", "suspected"]
PREMISES = ["subjects", "subjects_checked", "hazards_found", "hazards_open", "major_found",
            "major_open"]


def width(text):
    return sum(2 if ord(c) >= 0x2E80 else 1 for c in str(text))


def main():
    xlsx, report_json, lang = sys.argv[1:4]
    report = json.load(open(report_json, encoding="utf-8"))
    book = openpyxl.load_workbook(xlsx)
    problems = []
    compared = 0

    def same(where, got, want):
        nonlocal compared
        compared += 1
        if got != want:
            problems.append(f"{where}: workbook {got!r}, JSON {want!r}")

    if book.sheetnames != SHEETS[lang]:
        problems.append(f"sheets {book.sheetnames}, expected {SHEETS[lang]}")
    sheets = [book[name] for name in book.sheetnames]
    for sheet in sheets:
        if sheet.freeze_panes != "A3":
            problems.append(f"{sheet.title}: frozen at {sheet.freeze_panes}, expected A3")
        # Every column is at least as wide as its widest header or value (Chinese counts twice).
        for column in sheet.iter_cols(min_row=2):
            letter = column[0].column_letter
            widest = max(width(c.value) for c in column if c.value is not None)
            have = sheet.column_dimensions[letter].width
            if have is None or have < min(widest, 60):
                problems.append(f"{sheet.title}!{letter}: width {have} for text of width {widest}")

    def rows(sheet):
        return [r for r in sheet.iter_rows(min_row=3, values_only=True)]

    totals = sheets[0]
    header = [c.value for c in totals[2]]
    if header != TOTALS_HEADER[lang]:
        problems.append(f"totals header {header}, expected {TOTALS_HEADER[lang]}")
    keys = set()
    for name, key, value in rows(totals):
        keys.add(key)
        same(f"total {key}", value, report.get(key))
    for key in ("visits", "hazards_open", "subjects", "major_hazards_found"):
        if key not in keys:
            problems.append(f"total {key} missing from the workbook")

    for index, level in ((1, "town"), (2, "village"), (3, "grid")):
        want = {c["id"]: c for c in report["coverage"] if c["level"] == level}
        got = {r[0]: r for r in rows(sheets[index])}
        same(f"{level} ids", sorted(got), sorted(want))
        for unit, c in want.items():
            r = got.get(unit)
            if r is None:
                continue
            same(f"{unit} name", r[1], c["name"])
            same(f"{unit} subjects", r[2], c["subjects"])
            same(f"{unit} visited", r[3], c["visited"])
            outcomes = list(r[4:len(r) - 6])
            same(f"{unit} outcomes", sorted(v for v in outcomes if v),
                 sorted(v for v in c["outcomes"].values() if v))
            same(f"{unit} major", list(r[len(r) - 6:]), [c["major_hazards"][k] for k in MAJOR])

    got = {r[2]: r[3] for r in rows(sheets[4])}
    same("by category and severity", got, report["hazards_by_category_severity"])
    got = {r[1]: r[2] for r in rows(sheets[5])}
    same("by status", got, report["hazards_by_status"])
    got = {r[1]: r[2] for r in rows(sheets[6])}
    same("open by urgency", got, report["open_hazards_by_urgency"])
    got = {r[1]: list(r[2:8]) for r in rows(sheets[7])}
    same("by premises type", got,
         {k: [v[f] for f in PREMISES] for k, v in report["by_premises_type"].items()})

    for p in problems:
        print(p)
    print(f"compared {compared} figures")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
