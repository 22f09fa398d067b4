/*
 * JSON lines for the goals area's kinds (uppdrag, uppdrag_reports,
 * escalations, followup, internal_control, index_weights): one object per
 * row, with the interchange CSV's column names as keys so that a script
 * reads the same names in both formats, numbers as JSON numbers, lists as
 * arrays, and what styr derives added under names of its own: an
 * uppdrag's current escalation step and its Tabell 3 action, a risk's
 * value.  In a separate file from export.c so that this area's formats
 * change without touching the core kinds'.
 */
#include "export/export_int.h"
#include "styr/goals.h"

static json_t *text_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

int export_uppdrag_json(struct export_run *run, const void *row)
{
	const struct styr_uppdrag *u = row;
	json_t *o = json_object(), *dates = json_array();
	int i;

	for (i = 0; i < u->nreport_dates; i++)
		json_array_append_new(dates, json_string(u->report_dates[i]));
	json_object_set_new(o, "goal", json_string(u->goal));
	json_object_set_new(o, "deadline", text_or_null(u->deadline));
	json_object_set_new(o, "report_dates", dates);
	json_object_set_new(o, "escalation_step", json_integer((int)u->level));
	json_object_set_new(o, "escalation", json_string(styr_escalation_name(u->level)));
	json_object_set_new(o, "escalation_action", text_or_null(styr_escalation_action(u->level)));
	return export_json_line(run, o);
}

int export_uppdrag_report_json(struct export_run *run, const void *row)
{
	const struct styr_uppdrag_report *r = row;
	json_t *o = json_object();

	json_object_set_new(o, "goal", json_string(r->goal));
	json_object_set_new(o, "unit", json_string(r->unit));
	json_object_set_new(o, "date", json_string(r->date));
	json_object_set_new(o, "status", json_string(styr_uppdrag_status_name(r->status)));
	json_object_set_new(o, "text", json_string(r->text));
	json_object_set_new(o, "source", json_string(r->source));
	return export_json_line(run, o);
}

int export_escalation_json(struct export_run *run, const void *row)
{
	const struct styr_escalation_step *s = row;
	json_t *o = json_object();

	json_object_set_new(o, "goal", json_string(s->goal));
	json_object_set_new(o, "seq", json_integer(s->seq));
	json_object_set_new(o, "date", json_string(s->date));
	json_object_set_new(o, "from", json_string(styr_escalation_name(s->from)));
	json_object_set_new(o, "step", json_string(styr_escalation_name(s->to)));
	json_object_set_new(o, "reason", json_string(s->reason));
	json_object_set_new(o, "decided_by", json_string(s->decided_by));
	return export_json_line(run, o);
}

int export_followup_json(struct export_run *run, const void *row)
{
	const struct styr_followup_rule *r = row;
	json_t *o = json_object(), *months = json_array();
	int m;

	for (m = 1; m <= 12; m++)
		if (r->months & (1u << (m - 1)))
			json_array_append_new(months, json_integer(m));
	json_object_set_new(o, "year", json_integer(r->year));
	json_object_set_new(o, "report", json_string(styr_report_kind_name(r->kind)));
	json_object_set_new(o, "months", months);
	json_object_set_new(o, "deadline", text_or_null(r->deadline));
	json_object_set_new(o, "handling", json_string(r->decision ? "beslut" : "information"));
	json_object_set_new(o, "source", json_string(r->source));
	return export_json_line(run, o);
}

int export_internal_control_json(struct export_run *run, const void *row)
{
	const struct styr_internal_control *c = row;
	json_t *o = json_object();

	json_object_set_new(o, "unit", json_string(c->unit));
	json_object_set_new(o, "year", json_integer(c->year));
	json_object_set_new(o, "risk", json_string(c->risk));
	json_object_set_new(o, "probability", json_integer(c->probability));
	json_object_set_new(o, "consequence", json_integer(c->consequence));
	json_object_set_new(o, "risk_value", json_integer(styr_risk_value(c)));
	json_object_set_new(o, "control", json_string(c->control));
	json_object_set_new(o, "responsible", json_string(c->responsible));
	json_object_set_new(o, "frequency", json_string(c->frequency));
	json_object_set_new(o, "result", json_string(c->result));
	json_object_set_new(o, "actions", json_string(c->actions));
	return export_json_line(run, o);
}

int export_index_weight_json(struct export_run *run, const void *row)
{
	const struct styr_index_weight *iw = row;
	json_t *o = json_object();

	json_object_set_new(o, "index", json_string(iw->index));
	json_object_set_new(o, "indicator", json_string(iw->indicator));
	json_object_set_new(o, "weight", json_real(iw->weight));
	return export_json_line(run, o);
}
