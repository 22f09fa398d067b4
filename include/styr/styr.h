/*
 * styr — planning and follow-up for Swedish regions and their hospitals.
 * The one header a front-end includes.
 */
#ifndef STYR_STYR_H
#define STYR_STYR_H

#include "analysis.h"
#include "access.h"
#include "buf.h"
#include "calc.h"
#include "db.h"
#include "err.h"
#include "events.h"
#include "export.h"
#include "frozen.h"
#include "goals.h"
#include "import.h"
#include "ledger.h"
#include "model.h"
#include "num.h"
#include "opendata.h"
#include "period.h"
#include "proof.h"
#include "rollup.h"
#include "report.h"
#include "target.h"
#include "web.h"

#define STYR_VERSION "0.1.0"

#endif
