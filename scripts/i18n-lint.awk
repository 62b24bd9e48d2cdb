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
#    name) is written /* no i18n */ "..." and passes.
#  - in tui/ (.c and .h): any other literal outside the catalogue's marks
#    (_, N_, NC_, C_, sc_tr*, sc_ntr and the functions above) that holds
#    Chinese or an English phrase (two words side by side): the interface's
#    words come from the catalogue only (docs/i18n.md).
# Exits 1 when it printed anything. POSIX awk.
BEGIN { RS = "\001"; bad = 0
	marks = "(_|N_|NC_|C_|sc_tr|sc_trc|sc_tr_lang|sc_trc_lang|sc_ntr|sc_fail|sc_err_prefix|cfg_report_add|cli_error)"
	# a Chinese character (U+4000..U+9FFF) in UTF-8, read as bytes (LC_ALL=C);
	# punctuation alone (、（) is a separator, not words
	cjk = "[\344-\351][\200-\277][\200-\277]"
	kw["sc_fail"] = 3; kw["sc_err_prefix"] = 2; kw["cfg_report_add"] = 4; kw["BAD"] = 3
	kw["cli_error"] = 1; kw["item_set"] = 3; kw["bad"] = 5
	out["printf"] = 1; out["fprintf"] = 2; out["fputs"] = 1; out["puts"] = 1; out["cli_out"] = 1 }

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

# the index of the ")" closing the "(" at p (0 when none), skipping literals
function close_paren(s, p,    i, n, c, depth, q) {
	n = length(s); depth = 0
	for (i = p; i <= n; i++) {
		c = substr(s, i, 1)
		if (c == "\"") {
			q = i + 1
			while (q <= n && substr(s, q, 1) != "\"") q += substr(s, q, 1) == "\\" ? 2 : 1
			i = q; continue
		}
		if (c == "(") depth++
		else if (c == ")" && --depth == 0) return i
	}
	return 0
}

# s without the catalogue's marked calls and the /* no i18n */ literals
function unmarked(s,    r, p, e) {
	r = ""
	while ((p = match(s, "(^|[^A-Za-z0-9_.>])" marks "[ \t\n]*\("))) {
		e = close_paren(s, p + RLENGTH - 1)
		if (!e) break
		r = r substr(s, 1, p); s = substr(s, e + 1)
	}
	s = r s
	gsub(/NOI18N ("([^"\\]|\\.)*"[ \t\n]*)+/, " ", s)
	return s
}

# every literal left in tui/ text s that holds Chinese or an English phrase
function scan_tui(file, s,    lit, w) {
	s = unmarked(s)
	while (match(s, /"([^"\\]|\\.)*"/)) {
		lit = substr(s, RSTART, RLENGTH); s = substr(s, RSTART + RLENGTH)
		w = lit
		gsub(/\\[ntr"\\]/, " ", w)
		gsub(/%[-+ #0-9.*$]*(hh|h|ll|l|z|j|t|L)?[diouxXeEfgGcspn%]/, " ", w)
		if (w ~ cjk || w ~ /[A-Za-z][a-z]+ +[A-Za-z][a-z]+/) report(file, "literal", lit)
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
	if (FILENAME ~ /(^|\/)tui\//) {
		scan(FILENAME, s, "app_msg", 3, 1, "")
		scan_tui(FILENAME, s)
	}
	if (FILENAME ~ /(^|\/)core\//)
		scan(FILENAME, s, "snprintf", 3, 1, "^(why|what)$")
}
END { exit bad }
