-- The indicators of docs/indicators.md in SQL for sqlite3, over the
-- canonical event files imported as text tables (waitlist, visits, ed,
-- inpatient, operations, census, drg, and patients when there is one) and
-- a table param(y) holding the year.  Prints the lines styr events
-- compute-files prints (indicator;unit;period;numerator;denominator;value),
-- per unit as in the files and for all of them as unit ALL.  Used by
-- bench/events and tests/cli/t_events_sql.sh to check styr exactly.
CREATE TEMP TABLE m AS
WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < 23)
SELECT i,
       printf('%04d-%02d', (SELECT y FROM param) - 1 + i / 12, i % 12 + 1) AS ym,
       date(printf('%04d-%02d-01', (SELECT y FROM param) - 1 + i / 12, i % 12 + 1)) AS first,
       date(printf('%04d-%02d-01', (SELECT y FROM param) - 1 + i / 12, i % 12 + 1),
            '+1 month', '-1 day') AS last
FROM k;

CREATE TEMP TABLE f(rule TEXT, unit TEXT, ym TEXT, num INTEGER, den INTEGER);

-- waiting lists: a snapshot at the end of each month
INSERT INTO f
SELECT CASE w.kind WHEN 'besok' THEN 'ID0069' ELSE 'ID0070' END, w.unit, m.ym,
       SUM(julianday(m.last) - julianday(w.listed) <= 90), COUNT(*)
FROM waitlist w JOIN m ON w.listed <= m.last AND (NULLIF(w.done, '') IS NULL OR w.done > m.last)
GROUP BY 1, 2, 3;

-- visits
INSERT INTO f SELECT 'PROD-OV-BES', unit, substr(time, 1, 7), COUNT(*), COUNT(*)
FROM visits GROUP BY 2, 3;
INSERT INTO f SELECT CASE caregiver WHEN 'lakare' THEN 'PROD-OV-LAK' ELSE 'PROD-OV-OVR' END,
       unit, substr(time, 1, 7), COUNT(*), COUNT(*)
FROM visits GROUP BY 1, 2, 3;
INSERT INTO f SELECT 'ID0139', unit, substr(time, 1, 7), SUM(substr(time, 1, 10) <= target), COUNT(*)
FROM visits WHERE kind = 'ater' AND NULLIF(target, '') IS NOT NULL GROUP BY 2, 3;

-- emergency department
INSERT INTO f SELECT 'ID0210', unit, substr(arrival, 1, 7),
       SUM(unixepoch(doctor) - unixepoch(arrival) < 3600), COUNT(*)
FROM ed WHERE NULLIF(doctor, '') IS NOT NULL GROUP BY 2, 3;
INSERT INTO f SELECT 'ID0340', unit, substr(arrival, 1, 7),
       SUM(unixepoch(ward) - unixepoch(decision) < 7200), COUNT(*)
FROM ed WHERE NULLIF(decision, '') IS NOT NULL AND NULLIF(ward, '') IS NOT NULL GROUP BY 2, 3;
INSERT INTO f SELECT 'EV-AKUT4H', unit, substr(arrival, 1, 7),
       SUM(unixepoch(departure) - unixepoch(arrival) <= 14400), COUNT(*)
FROM ed WHERE NULLIF(departure, '') IS NOT NULL GROUP BY 2, 3;

-- operations
INSERT INTO f SELECT 'PROD-OP-TOT', unit, substr(time, 1, 7), COUNT(*), COUNT(*)
FROM operations GROUP BY 2, 3;
INSERT INTO f SELECT CASE setting WHEN 'sluten' THEN 'PROD-OP-SV' ELSE 'PROD-OP-OV' END, unit,
       substr(time, 1, 7), COUNT(*), COUNT(*)
FROM operations GROUP BY 1, 2, 3;

-- bed census
INSERT INTO f SELECT 'ID0128', unit, substr(date, 1, 7), SUM(overbeds), SUM(staffed)
FROM census GROUP BY 2, 3;
INSERT INTO f SELECT 'ID0010', unit, substr(date, 1, 7), SUM(outlying), SUM(staffed)
FROM census GROUP BY 2, 3;
INSERT INTO f SELECT 'EV-BEL', unit, substr(date, 1, 7), SUM(occupied), SUM(staffed)
FROM census GROUP BY 2, 3;
INSERT INTO f SELECT 'PROD-VPL', unit, substr(date, 1, 7), SUM(staffed), COUNT(*)
FROM census GROUP BY 2, 3;

-- inpatient episodes
CREATE TEMP TABLE ip AS
SELECT i.patient, i.unit, date(i.admit) AS d0, date(i.discharge) AS d1,
       substr(i.discharge, 1, 7) AS ym,
       CAST(round(g.weight * 1000) AS INTEGER) AS w,
       COALESCE(CAST(NULLIF(i.age, '') AS INTEGER),
                CAST(substr(i.admit, 1, 4) AS INTEGER) - p.birth_year) AS age
FROM inpatient i
LEFT JOIN drg g ON g.drg = i.drg
LEFT JOIN patients p ON p.patient = i.patient;
CREATE INDEX ip_patient ON ip(patient, d0);
INSERT INTO f SELECT 'PROD-SV-VTF', unit, ym, COUNT(*), COUNT(*) FROM ip GROUP BY 2, 3;
INSERT INTO f SELECT 'EV-MVT', unit, ym, CAST(SUM(julianday(d1) - julianday(d0)) AS INTEGER), COUNT(*)
FROM ip GROUP BY 2, 3;
INSERT INTO f SELECT 'EV-CMI', unit, ym, SUM(w), COUNT(*) FROM ip WHERE w IS NOT NULL GROUP BY 2, 3;
INSERT INTO f SELECT 'PROD-SV-VD', ip.unit, m.ym,
       CAST(SUM(julianday(min(ip.d1, date(m.last, '+1 day'))) - julianday(max(ip.d0, m.first))) AS INTEGER),
       CAST(SUM(julianday(min(ip.d1, date(m.last, '+1 day'))) - julianday(max(ip.d0, m.first))) AS INTEGER)
FROM ip JOIN m ON ip.d0 <= m.last AND ip.d1 > m.first
GROUP BY 2, 3;
INSERT INTO f SELECT 'ID0091', i.unit, i.ym,
       SUM(EXISTS (SELECT 1 FROM ip j WHERE j.patient = i.patient
                   AND j.d0 BETWEEN date(i.d1, '+1 day') AND date(i.d1, '+30 days'))),
       COUNT(*)
FROM ip i WHERE i.age >= 65 GROUP BY 2, 3;

-- the hospital: every unit's sums
INSERT INTO f SELECT rule, 'ALL', ym, SUM(num), SUM(den) FROM f GROUP BY 1, 3;

CREATE TEMP TABLE shape(rule TEXT PRIMARY KEY, shape TEXT);
INSERT INTO shape VALUES ('ID0069', 'snap'), ('ID0070', 'snap'), ('ID0139', 'share'),
  ('ID0210', 'share'), ('ID0340', 'share'), ('EV-AKUT4H', 'share'), ('ID0128', 'share'),
  ('ID0010', 'share'), ('EV-BEL', 'share'), ('PROD-VPL', 'perday'), ('EV-MVT', 'mean'),
  ('PROD-SV-VTF', 'count'), ('PROD-SV-VD', 'count'), ('PROD-OV-BES', 'count'),
  ('PROD-OV-LAK', 'count'), ('PROD-OV-OVR', 'count'), ('PROD-OP-TOT', 'count'),
  ('PROD-OP-SV', 'count'), ('PROD-OP-OV', 'count'), ('EV-CMI', 'milli'), ('ID0091', 'share');

-- Values are rounded half away from zero on the integers (as styr does):
-- (2a + b) / (2b) in integer division is a / b rounded, for a >= 0.
CREATE TEMP TABLE yf AS
SELECT f.rule, f.unit, f.ym, CAST(SUM(f.num) AS INTEGER) AS num, CAST(SUM(f.den) AS INTEGER) AS den
FROM f JOIN m ON m.ym = f.ym GROUP BY 1, 2, 3;
CREATE TEMP TABLE days AS
SELECT ym, i, CAST(julianday(date(last, '+1 day')) - julianday(first) AS INTEGER) AS d FROM m;

.mode list
.separator ;
-- months
SELECT yf.rule, yf.unit, yf.ym,
       CASE s.shape WHEN 'count' THEN '' WHEN 'milli' THEN printf('%.3f', yf.num / 1000.0)
                    ELSE yf.num END,
       CASE s.shape WHEN 'count' THEN '' WHEN 'perday' THEN d.d ELSE yf.den END,
       CASE s.shape
         WHEN 'count' THEN printf('%d', yf.num)
         WHEN 'milli' THEN printf('%.3f', ((2 * yf.num + yf.den) / (2 * yf.den)) / 1000.0)
         WHEN 'mean' THEN printf('%.1f', ((20 * yf.num + yf.den) / (2 * yf.den)) / 10.0)
         WHEN 'perday' THEN printf('%.1f', ((20 * yf.num + d.d) / (2 * d.d)) / 10.0)
         ELSE printf('%.1f', ((2000 * yf.num + yf.den) / (2 * yf.den)) / 10.0) END
FROM yf JOIN shape s ON s.rule = yf.rule JOIN days d ON d.ym = yf.ym
WHERE d.i >= 12 AND yf.den > 0;
-- years; a snapshot's year is the mean of its months' values in tenths
SELECT y.rule, y.unit, (SELECT y FROM param),
       CASE s.shape WHEN 'count' THEN '' WHEN 'snap' THEN '' WHEN 'milli' THEN printf('%.3f', y.num / 1000.0)
                    ELSE y.num END,
       CASE s.shape WHEN 'count' THEN '' WHEN 'snap' THEN '' WHEN 'perday' THEN y.d ELSE y.den END,
       CASE s.shape
         WHEN 'count' THEN printf('%d', y.num)
         WHEN 'snap' THEN printf('%.1f', ((2 * y.tenths + y.months) / (2 * y.months)) / 10.0)
         WHEN 'milli' THEN printf('%.3f', ((2 * y.num + y.den) / (2 * y.den)) / 1000.0)
         WHEN 'mean' THEN printf('%.1f', ((20 * y.num + y.den) / (2 * y.den)) / 10.0)
         WHEN 'perday' THEN printf('%.1f', ((20 * y.num + y.d) / (2 * y.d)) / 10.0)
         ELSE printf('%.1f', ((2000 * y.num + y.den) / (2 * y.den)) / 10.0) END
FROM (SELECT yf.rule, yf.unit, SUM(yf.num) AS num, SUM(yf.den) AS den,
             (SELECT SUM(d) FROM days WHERE i >= 12) AS d,
             SUM(CASE WHEN yf.den > 0 THEN (2000 * yf.num + yf.den) / (2 * yf.den) END) AS tenths,
             SUM(yf.den > 0) AS months
      FROM yf JOIN days m ON m.ym = yf.ym WHERE m.i >= 12 GROUP BY 1, 2) y
JOIN shape s ON s.rule = y.rule WHERE y.den > 0;
-- ID0091's change of the count against the previous year
SELECT 'EV-ID0091-F', c.unit, (SELECT y FROM param), c.num - p.num, p.num,
       printf('%.1f', (CASE WHEN c.num >= p.num THEN (2000 * (c.num - p.num) + p.num) / (2 * p.num)
                       ELSE -((2000 * (p.num - c.num) + p.num) / (2 * p.num)) END) / 10.0)
FROM (SELECT unit, SUM(num) AS num, SUM(den) AS den FROM yf JOIN m ON m.ym = yf.ym
      WHERE rule = 'ID0091' AND m.i >= 12 GROUP BY 1) c
JOIN (SELECT unit, SUM(num) AS num, SUM(den) AS den FROM yf JOIN m ON m.ym = yf.ym
      WHERE rule = 'ID0091' AND m.i < 12 GROUP BY 1) p ON p.unit = c.unit
WHERE c.den > 0 AND p.den > 0 AND p.num > 0;
