#!/bin/sh
# po-extract.sh OUT.pot: every marked string of the sources into a template,
# the one extraction `make po` and tests/e2e/i18n_catalog.sh both use.
# Marks: _() and N_(), and the functions that translate their own format
# (core/i18n.h says which); c-format is checked by msgfmt --check.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
xgettext --from-code=UTF-8 --language=C --no-wrap --sort-by-file --add-location=file \
	--package-name=stallcheck --msgid-bugs-address=maintainers@users.noreply.r-seed-518b81e7.example \
	--keyword= --keyword=_ --keyword=N_ --keyword=sc_tr --keyword=sc_tr_lang:2 \
	--keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=sc_trc:1c,2 --keyword=sc_trc_lang:2c,3 \
	--keyword=sc_ntr:1,2 --flag=sc_ntr:1:pass-c-format --flag=sc_ntr:2:pass-c-format \
	--keyword=sc_ntrc_lang:2c,3,4 --flag=sc_ntrc_lang:3:pass-c-format --flag=sc_ntrc_lang:4:pass-c-format \
	--keyword=sc_fail:3 --flag=sc_fail:3:c-format \
	--keyword=sc_err_prefix:2 --flag=sc_err_prefix:2:c-format \
	--keyword=cfg_report_add:4 --flag=cfg_report_add:4:c-format \
	--keyword=BAD:3 --flag=BAD:3:c-format \
	--keyword=cli_error:1 --flag=cli_error:1:c-format \
	--keyword=item_set:3 --flag=item_set:3:c-format \
	--keyword=bad:5 --flag=bad:5:c-format \
	--flag=_:1:pass-c-format --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
	-o "$1" core/*.c config/*.c cli/*.c tui/*.c tui/*.h
