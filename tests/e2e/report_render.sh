#!/bin/sh
# report_render: the HTML report as people read it, in headless Chromium:
# on a phone (390 px wide), a laptop (1366 px), a projector (1920 px) and
# printed on A4. After layout, a probe script (added to a copy of the
# report) lists what does not read: a page wider than the screen, a chart
# or table box running off it, a column one character a line, a day or a
# stall code broken over two lines, and - with the print rules applied on
# an A4-wide page - a table running into the page edge. The printed PDF
# must number its pages, keep every table's right border on the paper and
# give each market a page of its own. Skipped when Chromium is missing.
set -u
export STALLCHECK_NOW=2026-11-29T09:00 # fixed: nothing here may depend on the day it runs
B=${STALLCHECK_BIN:?}
fail() { echo "report_render: $*"; exit 1; }

chrome=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chrome" ] || ! command -v pdfinfo >/dev/null || ! command -v pdftotext >/dev/null ||
	! command -v pdftoppm >/dev/null; then
	echo "skipped: chromium not installed (or poppler-utils: pdfinfo, pdftotext, pdftoppm)"
	exit 0
fi
t=$(mktemp -d)
[ -n "${RENDER_KEEP:-}" ] || trap 'rm -rf "$t"' EXIT
export XDG_CONFIG_HOME="$t/c" XDG_DATA_HOME="$t/d" LANG=C.UTF-8 TZ=Asia/Shanghai
sc() { "$B" --db "$t/x.db" "$@"; }
# 40 days up to March 28: the previous period (February) has data on its last 12 days only
sc demo --markets 6 --days 40 --until 2026-03-28 --seed 3 >/dev/null 2>&1 || fail "demo failed"
sc export --from 2026-03-01 --to 2026-03-28 --format html -o "$t/r.html" --lang zh >/dev/null ||
	fail "export failed"
markets=$(sqlite3 "$t/x.db" "SELECT count(DISTINCT market_id) FROM inspection WHERE day BETWEEN '2026-03-01' AND '2026-03-28' AND status IN ('final','approved','returned')")

chr() { # chr ARGS...: headless Chromium with a profile of its own
	"$chrome" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
		--disable-component-update --disable-sync --hide-scrollbars \
		--user-data-dir="$(mktemp -d "$t/chr.XXXXXX")" "$@" 2>/dev/null
}

# the probe: after layout, the problems found go into <pre id="probe">
cat > "$t/probe.js" <<'EOF'
<script>
window.addEventListener("load", function () {
	/* the page as wide as the hash says (Chromium's window is at least 500 px wide) */
	var bad = [], print = location.hash === "#print", doc = document.documentElement;
	if (print) { /* the print rules, on a page as wide as A4's text area (210 - 2 x 12 mm) */
		Array.prototype.forEach.call(document.styleSheets, function (sh) {
			Array.prototype.slice.call(sh.cssRules).forEach(function (r) {
				if (r.media && /print/.test(r.media.mediaText))
					Array.prototype.forEach.call(r.cssRules, function (x) {
						sh.insertRule(x.cssText, sh.cssRules.length);
					});
			});
		});
		doc.style.width = "186mm";
	} else {
		doc.style.width = location.hash.slice(1) + "px";
	}
	var right = doc.getBoundingClientRect().right, body = document.body;
	if (body.scrollWidth > body.clientWidth + 1)
		bad.push("the page is " + body.scrollWidth + " px wide on a " + body.clientWidth + " px screen");
	function text(el) { return el.textContent.replace(/\s+/g, " ").trim(); }
	function lines(el) {
		var r = document.createRange(), tops = [];
		r.selectNodeContents(el);
		Array.prototype.forEach.call(r.getClientRects(), function (q) {
			var y = Math.round(q.top);
			if (q.width >= 1 && tops.every(function (u) { return Math.abs(u - y) > 3; }))
				tops.push(y);
		});
		return tops.length;
	}
	document.querySelectorAll("svg, div.tw, figure").forEach(function (el) {
		var r = el.getBoundingClientRect();
		if (r.right > right + 1)
			bad.push(el.tagName + " runs off the page: right " + Math.round(r.right) + " > " + right);
	});
	if (print)
		document.querySelectorAll("table").forEach(function (el) {
			if (el.getBoundingClientRect().right > right - 1)
				bad.push("table reaches the page edge, its right border half off the paper: " +
					 text(el.rows[0]).slice(0, 30));
		});
	document.querySelectorAll("td, th").forEach(function (el) {
		var s = text(el), n = Array.from(s).length, k = lines(el);
		if (n >= 2 && k >= n)
			bad.push("one character a line (" + k + " lines): " + s);
		else if (k > 1 && (/^\d{4}-\d\d-\d\d$/.test(s) || /^[A-Z]{1,3}-?\d{2,4}$/.test(s)))
			bad.push("broken over " + k + " lines: " + s);
	});
	var pre = document.createElement("pre");
	pre.id = "probe";
	pre.textContent = bad.length ? bad.slice(0, 12).join("\n") : "ok";
	document.body.appendChild(pre);
});
</script>
EOF
sed 's#</body>#PROBE&#' "$t/r.html" | awk -v f="$t/probe.js" '/PROBE/ { while ((getline l < f) > 0) print l; sub(/PROBE/, "") } { print }' \
	> "$t/probe.html"
probe() { # probe NAME WIDTH|print
	chr --dump-dom --virtual-time-budget=3000 --window-size=1920,1080 "file://$t/probe.html#$2" > "$t/$1.dom"
	out=$(python3 -c 'import re,sys,html; m=re.search(r"<pre id=\"probe\">(.*?)</pre>", open(sys.argv[1]).read(), re.S); print(html.unescape(m.group(1)) if m else "no probe result")' "$t/$1.dom")
	[ "$out" = ok ] || fail "$1 ($2): $out"
	echo "report_render: $1: ok"
}
probe phone 390
probe laptop 1366
probe projector 1920
probe A4 print

# printed: pages numbered, each market on a page of its own after the summary
chr --print-to-pdf="$t/r.pdf" --no-pdf-header-footer "file://$t/r.html" >/dev/null
[ -s "$t/r.pdf" ] || fail "chromium printed no PDF"
pages=$(pdfinfo "$t/r.pdf" | sed -n 's/^Pages: *//p')
echo "report_render: A4: $pages pages, $markets markets"
pdftotext -layout "$t/r.pdf" "$t/r.txt"
grep -qF "第 1 页，共 $pages 页" "$t/r.txt" || fail "page 1 is not numbered 第 1 页，共 $pages 页"
grep -qF "第 $pages 页，共 $pages 页" "$t/r.txt" || fail "the last page is not numbered"
first=0
for p in $(seq 1 "$pages"); do
	if pdftotext -f "$p" -l "$p" "$t/r.pdf" - | grep -qF 上期名次; then
		[ "$first" -gt 0 ] || first=$p
	fi
done
[ "$first" -gt 1 ] || fail "no market page"
[ $((pages - first + 1)) -eq "$markets" ] ||
	fail "$markets markets on pages $first..$pages: a market's page spilled over or shares a page"
# every table's right border is on the paper: where a table's left border
# runs down page 1 (a long dark vertical run), its right border is dark too
pdftoppm -r 100 -gray -f 1 -l 1 "$t/r.pdf" "$t/pg"
python3 - "$t"/pg*.pgm <<'EOF' || fail "a table lost its right border in print"
import sys
data = open(sys.argv[1], "rb").read()
magic, dims, depth, px = data.split(b"\n", 3)
w, h = map(int, dims.split())
dark = lambda x, y: px[y * w + x] < 200
# the left border: the leftmost column dark for 40 rows running
left = next(x for x in range(w // 4) if any(all(dark(x, y + k) for k in range(40)) for y in range(0, h - 40, 20)))
rows = [y for y in range(h) if all(dark(left, y + k) for k in range(-3, 4) if 0 <= y + k < h)]
edge = w - left  # the text area is centred
missing = [y for y in rows if not any(dark(x, y) for x in range(edge - 12, min(w, edge + 2)))]
if not rows or len(missing) > len(rows) // 10:
    print("report_render: %d of %d table rows have no right border near x=%d" % (len(missing), len(rows), edge))
    sys.exit(1)
EOF
# a section's heading and its note stay with the table they head: in the
# last two weeks of March the rectifications' section falls at a page's
# foot, and its heading and 统计截至 note once stood there without the table
sc export --from 2026-03-15 --to 2026-03-28 --format html -o "$t/w.html" --lang zh >/dev/null ||
	fail "export of 03-15..03-28 failed"
chr --print-to-pdf="$t/w.pdf" --no-pdf-header-footer "file://$t/w.html" >/dev/null
[ -s "$t/w.pdf" ] || fail "chromium printed no PDF of 03-15..03-28"
for p in $(seq 1 "$(pdfinfo "$t/w.pdf" | sed -n 's/^Pages: *//p')"); do
	pdftotext -layout -f "$p" -l "$p" "$t/w.pdf" "$t/w.txt"
	grep -q 统计截至 "$t/w.txt" || continue
	grep -q '挂号 *销号 *逾期未改' "$t/w.txt" ||
		fail "page $p ends with the rectifications' heading and note, their table on the next page"
	break
done
echo "report_render: ok"
