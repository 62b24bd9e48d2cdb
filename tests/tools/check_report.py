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
    # the Chinese header (--lang zh) names the same columns as the English one
    zh = ["检查日期", "市场UUID", "市场", "区县", "检查记录UUID", "检查人员", "状态", "检查表模板",
          "模板版本", "摊位编号", "摊位类型", "区域", "类别", "检查项目编号", "结果", "得分", "应得分",
          "关键项", "问题处数", "备注", "严重程度", "依据"]
    en = ["day", "market_uuid", "market", "district", "inspection_uuid", "inspector", "status",
          "template_id", "template_version", "stall_code", "stall_type", "area", "category", "item_id",
          "verdict", "earned", "possible", "critical", "spots", "note", "severity", "basis"]
    table = list(csv.reader(io.StringIO(text, newline="")))
    head = table[0] if table else []
    if head not in (zh, en):
        fail("header row is neither the Chinese nor the English one: %r" % head)
    if "header" in want and head != {"zh": zh, "en": en}[want["header"]]:
        fail("header row is not the %s one: %r" % (want["header"], head))
    rows = [dict(zip(en, r)) for r in table[1:]]
    if len(rows) != int(want["answers"]):
        fail("%d rows, want %s" % (len(rows), want["answers"]))
    for col in ("day", "item_id", "template_id", "template_version", "verdict", "note"):
        if rows and col not in rows[0]:
            fail("no column " + col)
    if "same_rows" in want:  # another language's CSV: the same data, basis aside (it is worded)
        other = list(csv.reader(io.StringIO(open(want["same_rows"], "rb").read().decode("utf-8-sig"),
                                            newline="")))[1:]
        if [r[:-1] for r in other] != [r[:-1] for r in table[1:]]:
            fail("the data rows differ from " + want["same_rows"])
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
    for br in root.iter(ns + "br"):  # a note's line break is the text's newline
        br.tail = "\n" + (br.tail or "")
    body = "".join(root.itertext())
    for k in ("contains", "note"):
        if k in want and want[k] not in body:
            fail("%r not in the text" % want[k])
    if "inspections" in want:
        cells = [td for td in root.iter(ns + "td")]
        vals = ["".join(c.itertext()) for c in cells]
        if want["inspections"] not in vals:
            fail("inspection count %s not in any cell" % want["inspections"])
    # a day never breaks over two lines (td.d: nowrap), nor a CJK header word
    import re
    for td in root.iter(ns + "td"):
        if re.fullmatch(r"\d{4}-\d\d-\d\d", "".join(td.itertext())) and td.get("class") != "d":
            fail("day cell %r may wrap (class %r)" % ("".join(td.itertext()), td.get("class")))
    if "td.d { white-space: nowrap; }" not in text or "word-break: keep-all" not in text:
        fail("day cells or headers may wrap")
    # the summary's charts (figures of the body), then a page per market
    svg = "{http://www.w3.org/2000/svg}svg"
    charts = root.findall("./%sbody/%sfigure/%s" % (ns, ns, svg))
    if "svg" in want and len(charts) != int(want["svg"]):
        fail("svg charts: %d" % len(charts))
    for c in root.iter(svg):  # scaled to the page, never a fixed width
        if c.get("width") != "100%" or not c.get("viewBox"):
            fail("chart of fixed size: width %r viewBox %r" % (c.get("width"), c.get("viewBox")))
    pages = [x for x in root.iter(ns + "section") if x.get("class") == "mp"]
    if "market_pages" in want and len(pages) != int(want["market_pages"]):
        fail("market pages: %d" % len(pages))
    if "@page { size: A4" not in text or "display: table-header-group" not in text:
        fail("print rules missing")
elif fmt == "md":
    text = data.decode("utf-8")
    for k in ("contains",):
        if k in want and want[k] not in text:
            fail("%r not in the text" % want[k])
elif fmt == "xlsx":
    import datetime, unicodedata
    import openpyxl
    wb = openpyxl.load_workbook(path)
    names = wb.sheetnames
    def sheet(*titles):
        for t in titles:
            if t in names:
                return wb[t]
        fail("no sheet %r in %r" % (titles, names))
    def cols(text):  # display columns, CJK wide
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(text))
    for ws in wb:
        # every sheet prints: A4 landscape, one page wide, page / pages at the foot
        ps = ws.page_setup
        fit = ws.sheet_properties.pageSetUpPr
        if ps.orientation != "landscape" or str(ps.paperSize) != "9":
            fail("%s: not A4 landscape (%r, %r)" % (ws.title, ps.orientation, ps.paperSize))
        if not (fit and fit.fitToPage) or ps.fitToWidth not in (None, 1) or ps.fitToHeight not in (0, "0"):
            fail("%s: not fitted to one page wide" % ws.title)
        if ws.oddFooter.center.text != "&P / &N":
            fail("%s: footer %r" % (ws.title, ws.oddFooter.center.text))
        # a table: its header row repeated in print and filterable
        if ws.auto_filter.ref:
            head = int(ws.auto_filter.ref.split(":")[0][1:])
            if ws.print_title_rows != "$%d:$%d" % (head, head):
                fail("%s: print titles %r, want row %d" % (ws.title, ws.print_title_rows, head))
            if ws.freeze_panes != "A%d" % (head + 1):
                fail("%s: header not frozen: %r" % (ws.title, ws.freeze_panes))
            if not ws.auto_filter.ref.endswith(str(max(ws.max_row, head))):
                fail("%s: filter %s does not reach the last row %d" % (ws.title, ws.auto_filter.ref, ws.max_row))
            # columns as wide as their text (display columns, capped: then it wraps)
            for col in ws.iter_cols(min_row=head):
                letter = col[0].column_letter
                need = max((cols(c.value) for c in col if isinstance(c.value, str)), default=0)
                width = ws.column_dimensions[letter].width
                if width < min(need, 50):
                    fail("%s: column %s is %.1f wide for text %d wide" % (ws.title, letter, width, need))
                for c in col:
                    if isinstance(c.value, str) and cols(c.value) > width and not c.alignment.wrap_text:
                        fail("%s: %s is cut: %d wide in %.1f, not wrapped" % (ws.title, c.coordinate, cols(c.value), width))
                    # wrapped: its row holds its lines (not every reader fits rows to text)
                    if isinstance(c.value, str) and cols(c.value) > width:
                        lines = -(-cols(c.value) // int(width))
                        ht = ws.row_dimensions[c.row].height
                        if not ht or ht < 15 * lines:
                            fail("%s: %s wraps to %d lines in a row %r high" % (ws.title, c.coordinate, lines, ht))
                        if any(d.alignment.vertical != "top" for d in ws[c.row] if d.value is not None):
                            fail("%s: row %d is tall but not every cell is at its top" % (ws.title, c.row))
    ins = sheet("检查记录", "Inspections")
    if ins.freeze_panes != "A2":
        fail("inspections header not frozen: %r" % ins.freeze_panes)
    rows = list(ins.iter_rows(min_row=2, values_only=True))
    if len(rows) != int(want["inspections"]):
        fail("%d inspection rows, want %s" % (len(rows), want["inspections"]))
    if rows:
        if any(not isinstance(r[0], datetime.datetime) for r in rows):
            fail("inspection days stored as text: %r" % rows[0][0])
        if ins["A2"].number_format != "yyyy-mm-dd":
            fail("inspection day format %r" % ins["A2"].number_format)
        scores = [r[7] for r in rows if r[7] is not None]
        if any(not isinstance(v, (int, float)) for v in scores):
            fail("scores stored as text")
        if abs(sum(scores) - float(want["score_sum"])) > 1e-6:
            fail("score sum %r, want %s" % (sum(scores), want["score_sum"]))
        if sum(r[10] for r in rows) != int(want["fails"]):
            fail("fails %r, want %s" % (sum(r[10] for r in rows), want["fails"]))
        # the ranking: a sheet of its own, one header row, sortable
        rk = sheet("市场得分排名", "Markets ranked by score")
        if rk.auto_filter.ref != "A1:J%d" % rk.max_row or rk["A1"].value not in ("名次", "Rank"):
            fail("ranking: filter %r, header %r" % (rk.auto_filter.ref, rk["A1"].value))
        if any(not isinstance(r[0], int) for r in rk.iter_rows(min_row=2, values_only=True)):
            fail("ranking: a row that is not a market")
    stalls = sheet("摊位", "Stalls")
    if stalls.max_row - 1 != int(want.get("visits", stalls.max_row - 1)):
        fail("stall rows %d, want %s" % (stalls.max_row - 1, want["visits"]))
    rs = sheet("整改", "Rectification list")
    head = [c.value for c in rs[1]]
    for h in (("区域", "Area"), ("发现的问题", "Finding"), ("整改期限", "Deadline")):
        if not set(h) & set(head):
            fail("rectification sheet has no column %s: %r" % (h[0], head))
    if rs.max_row > 1:
        day = head.index("整改期限" if "整改期限" in head else "Deadline")
        if not isinstance(rs.cell(2, day + 1).value, datetime.datetime):
            fail("deadlines stored as text")
    for k, h in (("rect_note", ("发现的问题", "Finding")), ("rect_area", ("区域", "Area"))):
        if k in want:
            col = head.index(h[0] if h[0] in head else h[1])
            if not any(r[col] == want[k] for r in rs.iter_rows(min_row=2, values_only=True)):
                fail("%r not in the rectification sheet's %s column" % (want[k], h[1]))
    if "charts" in want:  # native charts (openpyxl does not read them: the XML itself)
        import re, zipfile
        z = zipfile.ZipFile(path)
        xml = [z.read(n).decode("utf-8") for n in sorted(z.namelist()) if re.match(r"xl/charts/chart\d+\.xml$", n)]
        if len(xml) != int(want["charts"]):
            fail("%d charts, want %s" % (len(xml), want["charts"]))
        for x in xml:
            if "<c:title>" not in x or "<c:min val=" not in x or "<c:title>" not in x.split("<c:valAx>")[-1]:
                fail("a chart without its title, axis start or axis name")
            cat = x.split("<c:catAx>")[-1].split("</c:catAx>")[0]
            if '<c:orientation val="maxMin"/>' in cat and '<c:crosses val="max"/>' not in x.split("<c:valAx>")[-1]:
                fail("a chart's categories reversed, its value axis left at the top")
        if xml and "bands" in want:  # the market bars in their bands' colours, in ranking order
            got = re.findall(r'<c:dPt>.*?<a:srgbClr val="([0-9A-F]{6})"', xml[0])
            if got != want["bands"].split(","):
                fail("market bar colours %r, want %r" % (got, want["bands"]))
    if "contains" in want:
        found = any(want["contains"] == c for ws in wb for r in ws.iter_rows(values_only=True) for c in r)
        if not found:
            fail("%r not in any cell" % want["contains"])
else:
    fail("unknown format " + fmt)
print("check_report: %s ok" % fmt)
