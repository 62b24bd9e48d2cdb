/* report_photo: the HTML report's section of evidence photos: every
 * rectification (failed item) of the summary that has photos, with its
 * place and finding and the photos as thumbnails (data: URIs, so the
 * report stays one self-contained file). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "photo.h"
#include "report.h"

static void photo_cell(FILE *f, const char *text)
{
	fputs("<td>", f);
	report_html_esc(f, text);
	fputs("</td>", f);
}

void report_html_photos(FILE *f, const struct summary *s, const struct report_opts *o, int lang)
{
	int started = 0;
	if (!o->db || !photo_any(o->db))
		return;
	for (int i = 0; i < s->nrects; i++) {
		const struct sum_rect *r = &s->rects[i];
		struct photo_link *pl = NULL;
		struct sc_err err;
		int n = 0;
		if (!r->listed)
			continue;
		if (photo_rect_list(o->db, r->uuid, &pl, &n, &err) != SC_OK || n == 0) {
			free(pl);
			continue;
		}
		if (!started++) {
			fputs("<h2>", f);
			report_html_esc(f, report_label(L_PHOTOS_TITLE, lang));
			fputs("</h2>\n<style>.photos img{max-width:60mm;max-height:45mm;margin:1mm;"
			      "border:1px solid #888}</style>\n<table>\n<thead><tr>", f);
			const int cols[] = { L_MARKET, L_STALL, L_ITEM, L_FINDING, L_PHOTOS };
			for (size_t k = 0; k < sizeof cols / sizeof cols[0]; k++) {
				fputs("<th>", f);
				report_html_esc(f, report_label(cols[k], lang));
				fputs("</th>", f);
			}
			fputs("</tr></thead>\n<tbody>\n", f);
		}
		char item[400];
		snprintf(item, sizeof item, "%s %s", r->item_id, r->finding[lang][0] ? r->finding[lang]
										      : r->finding[0]);
		fputs("<tr>", f);
		photo_cell(f, r->market_name);
		photo_cell(f, r->stall_code[0] ? r->stall_code : r->area_name[lang][0] ? r->area_name[lang]
				 : report_label(L_MARKETWIDE, lang));
		photo_cell(f, item);
		photo_cell(f, r->note ? r->note : "");
		fputs("<td class=\"photos\">", f);
		for (int k = 0; k < n; k++) {
			char *uri = NULL;
			if (photo_thumb_uri(o->db, pl[k].hash, &uri, &err) == SC_OK)
				fprintf(f, "<img src=\"%s\" alt=\"%s\"/>", uri, pl[k].hash);
			else /* named, so it can be looked for */
				fprintf(f, "<span>%.12s…</span> ", pl[k].hash);
			free(uri);
		}
		fputs("</td></tr>\n", f);
		free(pl);
	}
	if (started)
		fputs("</tbody>\n</table>\n", f);
}
