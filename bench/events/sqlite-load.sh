#!/bin/sh
# Import the canonical event files of DIR into a new sqlite3 database DB as
# text tables (patients.csv is optional: an empty table stands in), the
# way bench/events and the SQL tests give sqlite.sql its input.
#   sqlite-load.sh DIR DB
set -eu
dir=$1
db=$2
rm -f "$db"
{
	for k in waitlist visits ed inpatient operations census drg patients; do
		if [ -f "$dir/$k.csv" ]; then
			printf '.import --csv %s/%s.csv %s\n' "$dir" "$k" "$k"
		fi
	done
	[ -f "$dir/patients.csv" ] || echo "CREATE TABLE patients(patient TEXT, birth_year INTEGER, sex TEXT);"
	[ -f "$dir/drg.csv" ] || echo "CREATE TABLE drg(drg TEXT, weight TEXT);"
	for k in waitlist visits ed inpatient operations census; do
		[ -f "$dir/$k.csv" ] || case $k in
			waitlist) echo "CREATE TABLE waitlist(id, patient, unit, kind, listed, done, target);" ;;
			visits) echo "CREATE TABLE visits(id, patient, unit, time, kind, caregiver, target);" ;;
			ed) echo "CREATE TABLE ed(id, patient, unit, arrival, doctor, decision, ward, departure);" ;;
			inpatient) echo "CREATE TABLE inpatient(id, patient, unit, age, sex, admit, discharge, drg);" ;;
			operations) echo "CREATE TABLE operations(id, patient, unit, time, setting);" ;;
			census) echo "CREATE TABLE census(unit, date, staffed, occupied, overbeds, outlying);" ;;
		esac
	done
} | sqlite3 "$db"
