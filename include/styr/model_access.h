/*
 * The records of access control: users, grants of a role on a unit,
 * sessions, audit entries and the state of a unit's report for a period
 * (see access.h for what the library does with them).
 *
 * Type-only: the store reads and writes these records (db.h), the
 * library computes with them; neither depends on the other through here.
 */
#ifndef STYR_MODEL_ACCESS_H
#define STYR_MODEL_ACCESS_H

#include <stdint.h>

#include "model.h"

#define STYR_USER_MAX    64
#define STYR_HASH_MAX    65 /* sha256 as hex, NUL-terminated */
#define STYR_TOKEN_MAX   65 /* 32 random bytes as hex */
#define STYR_PWHASH_MAX  128
#define STYR_AUDIT_TEXT  1024
#define STYR_SOURCE_TEXT 512
#define STYR_COMMENT_MAX 1024
#define STYR_DNR_MAX     48 /* a diarienummer: "RS 2024/123" */

/* Ordered: a higher role may do everything a lower one may. */
enum styr_access_role {
	STYR_ACCESS_NONE = 0, /* not logged in; only public routes */
	STYR_ACCESS_READER = 1,
	STYR_ACCESS_UNIT_MANAGER = 2, /* enhetschef, verksamhetschef */
	STYR_ACCESS_CONTROLLER = 3,
	STYR_ACCESS_ADMIN = 4
};

struct styr_user {
	char name[STYR_USER_MAX];
	char password[STYR_PWHASH_MAX]; /* argon2id encoding */
};

struct styr_grant {
	char user[STYR_USER_MAX];
	char unit[STYR_CODE_MAX]; /* "" for the whole organisation */
	enum styr_access_role role;
};

struct styr_session {
	char token_hash[STYR_HASH_MAX];
	char user[STYR_USER_MAX];
	char csrf[STYR_TOKEN_MAX];
	int64_t expires; /* unix time */
};

/* An API token: only the sha256 of the secret is kept.  Times are ISO
 * 8601 UTC ("2025-03-31T12:00:00Z"); a token is refused from expires on. */
struct styr_api_token {
	char hash[STYR_HASH_MAX];
	char user[STYR_USER_MAX];
	char created[32];
	char expires[32];
};

struct styr_audit_entry {
	int64_t id;
	char time[32]; /* ISO 8601 UTC */
	char user[STYR_USER_MAX];
	char action[32];
	char entity[256];
	char before[STYR_AUDIT_TEXT];
	char after[STYR_AUDIT_TEXT];
	char prev_hash[STYR_HASH_MAX];
	char hash[STYR_HASH_MAX];
	/* Where the write came from (migration 0015): "file.csv:12", "form
	 * POST /enhet/LKR/varden", "API PUT /api/v1/...", "cli: styr set";
	 * "" in entries older than the gate. */
	char source[STYR_SOURCE_TEXT];
};

enum styr_report_state_kind {
	STYR_REPORT_DRAFT = 0,
	STYR_REPORT_SUBMITTED,
	STYR_REPORT_APPROVED,
	STYR_REPORT_RETURNED
};

struct styr_report_state {
	char unit[STYR_CODE_MAX];
	struct styr_period period;
	enum styr_report_state_kind state;
	char comment[STYR_COMMENT_MAX];
	char by[STYR_USER_MAX];
	char time[32];
	/* The decision the last approval recorded ("" when it gave none):
	 * kept through later moves, replaced by the next approval. */
	char diarienummer[STYR_DNR_MAX];
	char decided[STYR_DATE_MAX]; /* beslutsdatum, YYYY-MM-DD */
};

#endif
