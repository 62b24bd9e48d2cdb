#!/usr/bin/env python3
"""check_report.py FORMAT FILE KEY=VALUE...: read an export back with a real
parser and compare its figures with the ones the caller computed from the
database. Exits non-zero with a message on the first mismatch."""
import csv, io, sys

def fail(msg):
    print("check_report: " + msg, file=sys.stderr)
    sys.exit(1)

fmt, path = sys.argv[1], sys.argv[2]
want = dict(a.split("=", 1) for a in sys.argv[3:])
data = open(path, "rb").read()

if fmt == "csv":
    bom = data.startswith(b"\xef\xbb\xbf")
    if bom != (want.get("bom", "1") == "1"):
        fail("BOM present=%s" % bom)
    text = data.decode("utf-8-sig")  # raises on invalid UTF-8
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    if len(rows) != int(want["answers"]):
        fail("%d rows, want %s" % (len(rows), want["answers"]))
    for col in ("day", "item_id", "template_id", "template_version", "verdict", "note"):
        if rows and col not in rows[0]:
            fail("no column " + col)
    if "fails" in want:
        n = sum(1 for r in rows if r["verdict"] == "fail")
        if n != int(want["fails"]):
            fail("%d fails, want %s" % (n, want["fails"]))
    if "note" in want and not any(r["note"] == want["note"] for r in rows):
        fail("note %r not found" % want["note"])
elif fmt == "html":
    import xml.etree.ElementTree as ET
    text = data.decode("utf-8")
    root = ET.fromstring(text)  # well-formed or raises
    ns = "{http://www.w3.org/1999/xhtml}"
    if root.get("lang") not in ("zh-CN", "en"):
        fail("lang attribute")
    if root.findall(".//" + ns + "script"):
        fail("a script element got through")
    body = "".join(root.itertext())
    for k in ("contains", "note"):
        if k in want and want[k] not in body:
            fail("%r not in the text" % want[k])
    if "inspections" in want:
        cells = [td for td in root.iter(ns + "td")]
        vals = ["".join(c.itertext()) for c in cells]
        if want["inspections"] not in vals:
            fail("inspection count %s not in any cell" % want["inspections"])
    if "svg" in want and len(root.findall(".//{http://www.w3.org/2000/svg}svg")) != int(want["svg"]):
        fail("svg charts: %d" % len(root.findall(".//{http://www.w3.org/2000/svg}svg")))
    if "@page { size: A4" not in text or "display: table-header-group" not in text:
        fail("print rules missing")
elif fmt == "md":
    text = data.decode("utf-8")
    for k in ("contains",):
        if k in want and want[k] not in text:
            fail("%r not in the text" % want[k])
elif fmt == "xlsx":
    import openpyxl
    wb = openpyxl.load_workbook(path)
    names = wb.sheetnames
    if len(names) != 5:
        fail("sheets %r" % names)
    ins = wb[names[1]]
    if ins.freeze_panes != "A2":
        fail("inspections header not frozen: %r" % ins.freeze_panes)
    rows = list(ins.iter_rows(min_row=2, values_only=True))
    if len(rows) != int(want["inspections"]):
        fail("%d inspection rows, want %s" % (len(rows), want["inspections"]))
    if rows:
        scores = [r[7] for r in rows if r[7] is not None]
        if any(not isinstance(v, (int, float)) for v in scores):
            fail("scores stored as text")
        if abs(sum(scores) - float(want["score_sum"])) > 1e-6:
            fail("score sum %r, want %s" % (sum(scores), want["score_sum"]))
        if sum(r[10] for r in rows) != int(want["fails"]):
            fail("fails %r, want %s" % (sum(r[10] for r in rows), want["fails"]))
    stalls = wb[names[2]]
    if stalls.max_row - 1 != int(want.get("visits", stalls.max_row - 1)):
        fail("stall rows %d, want %s" % (stalls.max_row - 1, want["visits"]))
    if "contains" in want:
        found = any(want["contains"] == c for ws in wb for r in ws.iter_rows(values_only=True) for c in r)
        if not found:
            fail("%r not in any cell" % want["contains"])
else:
    fail("unknown format " + fmt)
print("check_report: %s ok" % fmt)
