/*
 * The catalogue's texts (catalogue.def), indexed by statement id.
 */
#include "store/driver.h"

const char *const store_sql[Q_COUNT] = {
#define SQL(id, text)             [Q_##id] = text,
#define SQL_PG(id, text, pg_text) [Q_##id] = text,
#include "store/catalogue.def"
#undef SQL
#undef SQL_PG
};

const char *const store_sql_pg[Q_COUNT] = {
#define SQL(id, text)
#define SQL_PG(id, text, pg_text) [Q_##id] = pg_text,
#include "store/catalogue.def"
#undef SQL
#undef SQL_PG
};
