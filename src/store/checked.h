/*
 * The narrow way from calc to the store: the store's halves of the writes
 * whose checks live in calc (calc/control.c, calc/followup.c), so that
 * calc needs neither the driver nor the handle's insides.
 */
#ifndef STYR_STORE_CHECKED_H
#define STYR_STORE_CHECKED_H

#include "styr/db.h"

/* The store's halves of checked writes (store/analysis.c, store/followup.c):
 * an internal control whose scales styr_internal_control_put has checked,
 * and an escalation step that styr_uppdrag_escalate has checked against
 * Tabell 3, which also moves the uppdrag's level. */
int store_internal_control_put(struct styr_db *db, const struct styr_internal_control *c,
                               struct styr_err *err);
int store_escalation_add(struct styr_db *db, const struct styr_escalation_step *s,
                         struct styr_err *err);
#endif
