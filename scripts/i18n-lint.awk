# i18n-lint.awk: the user-facing literals that escape the catalogue.
# Run as: LC_ALL=C awk -f scripts/i18n-lint.awk FILE.c...  Prints FILE: CALL: TEXT for
#  - a call of a function that translates its own format (sc_fail,
#    sc_err_prefix, cfg_report_add, BAD, cli_error, item_set, bad of
#    core/tmpl.c) whose format is not a string literal or sc_ntr()
#    (xgettext extracts literals only: a computed or ?:-chosen format would
#    be shown untranslated);
#  - in cli/: printf, fprintf, fputs, puts or cli_out, in tui/: app_msg, in
#    core/: snprintf into a why or what (a reason shown to the user), given
#    a bare literal that holds words (two letters or more once the
#    %-conversions are taken out): it must go through _() (docs/i18n.md).
#    A literal that is no sentence (a key scripts read, the program's
#    name) is written /* no i18n */ "..." and passes;
#  - in core/, config/, cli/ and tui/ (.c and .h): a literal holding Chinese
#    that is not the msgid of a catalogue mark (_, N_, C_, NC_, sc_tr*,
#    sc_ntr and the functions above, at their message argument) nor after
#    /* no i18n */: Chinese lives in po/zh_CN.po, not in hand-kept pairs;
#    in tui/ an English phrase (two words side by side) too. Data files,
#    not messages, are left out (cjk_data below says why).
# Exits 1 when it printed anything. POSIX awk, run with LC_ALL=C (bytes).
BEGIN { RS = "\001"; bad = 0
	# a Chinese character (U+4000..U+9FFF) in UTF-8, read as bytes (LC_ALL=C);
	# punctuation alone (、（) is a separator, not words
	cjk = "[\344-\351][\200-\277][\200-\277]"
	kw["sc_fail"] = 3; kw["sc_err_prefix"] = 2; kw["cfg_report_add"] = 4; kw["BAD"] = 3
	kw["cli_error"] = 1; kw["item_set"] = 3; kw["bad"] = 5
	out["printf"] = 1; out["fprintf"] = 2; out["fputs"] = 1; out["puts"] = 1; out["cli_out"] = 1
	# the catalogue's marks and the argument each takes its msgid from
	mark["_"] = 1; mark["N_"] = 1; mark["C_"] = 2; mark["NC_"] = 2; mark["sc_tr"] = 1
	mark["sc_tr_lang"] = 2; mark["sc_trc"] = 2; mark["sc_trc_lang"] = 3; mark["sc_ntr"] = 1
	mark["sc_ntrc_lang"] = 3
	for (name in kw) mark[name] = kw[name]
	ctxarg["C_"] = 1; ctxarg["NC_"] = 1; ctxarg["sc_trc"] = 1; ctxarg["sc_trc_lang"] = 2; ctxarg["sc_ntrc_lang"] = 2 # msgctxt
	# files whose Chinese is data, not messages
	cjk_data["core/demo.c"] = "the demo's market, stall and vendor names and notes are data" }

# text with comments and the insides of char literals blanked
function strip(s,    r, i, c, n, q) {
	r = ""; n = length(s); i = 1
	while (i <= n) {
		c = substr(s, i, 1)
		if (c == "/" && substr(s, i + 1, 1) == "*") {
			q = index(substr(s, i + 2), "*/"); if (!q) break
			i += q + 3; r = r " "; continue
		}
		if (c == "/" && substr(s, i + 1, 1) == "/") {
			q = index(substr(s, i), "\n"); if (!q) break
			i += q - 1; continue
		}
		if (c == "\"" || c == "'") {
			q = i + 1
			while (q <= n && substr(s, q, 1) != c) q += substr(s, q, 1) == "\\" ? 2 : 1
			r = r (c == "'" ? "' '" : substr(s, i, q - i + 1)); i = q + 1; continue
		}
		r = r c; i++
	}
	return r
}

# the text of argument k (1-based) of the call whose "(" is at p, or ""
function arg(s, p, k,    i, n, c, depth, cur, start, q) {
	n = length(s); depth = 0; cur = 1; start = p + 1
	for (i = p; i <= n; i++) {
		c = substr(s, i, 1)
		if (c == "\"") {
			q = i + 1
			while (q <= n && substr(s, q, 1) != "\"") q += substr(s, q, 1) == "\\" ? 2 : 1
			i = q; continue
		}
		if (c == "(" || c == "[" || c == "{") { depth++; continue }
		if (c == ")" || c == "]" || c == "}") {
			if (--depth == 0) return cur == k ? substr(s, start, i - start) : ""
			continue
		}
		if (c == "," && depth == 1) {
			if (cur == k) return substr(s, start, i - start)
			cur++; start = i + 1
		}
	}
	return ""
}

# Split s (comments stripped) into tokens: tok[1..ntok], kind[i] "s" for a
# string literal, "w" for a word, "p" for one punctuation character.
function tokenize(s,    i, n, c, q) {
	ntok = 0; n = length(s); i = 1
	while (i <= n) {
		c = substr(s, i, 1)
		if (c ~ /[ \t\n\r]/) { i++; continue }
		if (c == "\"") {
			q = i + 1
			while (q <= n && substr(s, q, 1) != "\"") q += substr(s, q, 1) == "\\" ? 2 : 1
			tok[++ntok] = substr(s, i, q - i + 1); kind[ntok] = "s"; i = q + 1; continue
		}
		if (c ~ /[A-Za-z0-9_]/) {
			q = i
			while (q <= n && substr(s, q, 1) ~ /[A-Za-z0-9_]/) q++
			tok[++ntok] = substr(s, i, q - i); kind[ntok] = "w"; i = q; continue
		}
		tok[++ntok] = c; kind[ntok] = "p"; i++
	}
}

# Every chain of adjacent literals that holds Chinese (or, with english,
# an English phrase) must be the msgid of a mark or follow /* no i18n */.
function literal_scan(file, english,    i, j, k, text, w, depth, argn, callee) {
	for (i = 1; i <= ntok; i++) {
		if (kind[i] != "s") continue
		text = ""
		for (j = i; j <= ntok && kind[j] == "s"; j++) text = text tok[j]
		k = i; i = j - 1
		w = text
		gsub(/\\[ntr"\\]/, " ", w)
		gsub(/%[-+ #0-9.*$]*(hh|h|ll|l|z|j|t|L)?[diouxXeEfgGcspn%]/, " ", w)
		if (!(w ~ cjk || (english && w ~ /[A-Za-z][a-z]+ +[A-Za-z][a-z]+/)) ||
		    (k > 1 && tok[k - 1] == "NOI18N"))
			continue
		depth = 0; argn = 1; callee = ""
		for (j = k - 1; j >= 1; j--) {
			if (kind[j] != "p") continue
			if (tok[j] == ")" || tok[j] == "]" || tok[j] == "}") { depth++; continue }
			if (tok[j] == "(" || tok[j] == "[" || tok[j] == "{") {
				if (depth-- > 0) continue
				if (tok[j] == "(" && j > 1 && kind[j - 1] == "w") callee = tok[j - 1]
				break
			}
			if (depth == 0 && tok[j] == ",") argn++
			if (depth == 0 && tok[j] == ";") break
		}
		if (callee in mark && (mark[callee] == argn || (callee == "sc_ntr" && argn == 2) ||
				       (callee == "sc_ntrc_lang" && argn == 4) ||
				       (callee in ctxarg && ctxarg[callee] == argn)))
			continue
		report(file, "literal", text)
	}
}

function trim(s) { sub(/^[ \t\n]+/, "", s); sub(/[ \t\n]+$/, "", s); return s }

function report(file, name, text) {
	gsub(/[ \t\n]+/, " ", text)
	printf "%s: %s: %s\n", file, name, substr(text, 1, 100); bad = 1
}

function scan(file, s, name, k, literal_words, first,    rest, at, p, a, w) {
	rest = s; at = 0
	while ((p = match(rest, "(^|[^A-Za-z0-9_.>])" name "[ \t]*\\("))) {
		p += RLENGTH - 1; at += p
		a = trim(arg(s, at, k))
		rest = substr(s, at + 1)
		if (first != "" && trim(arg(s, at, 1)) !~ first)
			continue
		if (a == "" || a ~ /^const / || a ~ /^\.\.\.$/ || a ~ /^__VA_ARGS__$/)
			continue
		if (!literal_words) {
			if (a !~ /^"/ && a !~ /^sc_ntr\(/) report(file, name, a)
			continue
		}
		if (a !~ /^"/) continue
		w = a
		gsub(/\\[ntr"\\]/, " ", w)
		gsub(/%[-+ #0-9.*$]*(hh|h|ll|l|z|j|t|L)?[diouxXeEfgGcspn%]/, " ", w)
		if (w ~ /[A-Za-z][A-Za-z]/) report(file, name, a)
	}
}

{
	s = $0
	gsub(/\/\* no i18n \*\/[ \t\n]*/, "NOI18N ", s)
	s = strip(s)
	for (name in kw) scan(FILENAME, s, name, kw[name], 0, "")
	if (FILENAME ~ /(^|\/)cli\//)
		for (name in out) scan(FILENAME, s, name, out[name], 1, "")
	if (FILENAME ~ /(^|\/)tui\//)
		scan(FILENAME, s, "app_msg", 3, 1, "")
	if (FILENAME ~ /(^|\/)core\//)
		scan(FILENAME, s, "snprintf", 3, 1, "^(why|what)$")
	if (FILENAME ~ /(^|\/)(core|config|cli|tui)\// && !(FILENAME in cjk_data)) {
		tokenize(s)
		literal_scan(FILENAME, FILENAME ~ /(^|\/)tui\//)
	}
}
END { exit bad }
