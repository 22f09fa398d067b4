-- The indicators of docs/indicators.md for DuckDB: the same rules as
-- sqlite.sql (which says what the tables and output are), written the way
-- DuckDB runs them fast (typed columns, integer month keys).  YEAR is
-- replaced by the year before it runs.  Statements end with ";" at the end
-- of a line; the last one gives the lines.
CREATE TEMP TABLE m AS
SELECT i, (YEAR - 1 + i // 12) * 100 + i % 12 + 1 AS ym,
       make_date(YEAR - 1 + i // 12, i % 12 + 1, 1) AS first,
       last_day(make_date(YEAR - 1 + i // 12, i % 12 + 1, 1)) AS last
FROM range(24) t(i);
CREATE TEMP TABLE f AS
SELECT CASE w.kind WHEN 'besok' THEN 'ID0069' ELSE 'ID0070' END AS rule, w.unit, m.ym,
       SUM(CASE WHEN m.last - w.listed <= 90 THEN 1 ELSE 0 END)::BIGINT AS num, COUNT(*)::BIGINT AS den
FROM waitlist w JOIN m ON w.listed <= m.last AND (w.done IS NULL OR w.done > m.last)
GROUP BY ALL
UNION ALL
SELECT 'PROD-OV-BES', unit, year(time) * 100 + month(time), COUNT(*), COUNT(*) FROM visits GROUP BY ALL
UNION ALL
SELECT CASE caregiver WHEN 'lakare' THEN 'PROD-OV-LAK' ELSE 'PROD-OV-OVR' END, unit,
       year(time) * 100 + month(time), COUNT(*), COUNT(*) FROM visits GROUP BY ALL
UNION ALL
SELECT 'ID0139', unit, year(time) * 100 + month(time),
       SUM(CASE WHEN time::DATE <= target THEN 1 ELSE 0 END), COUNT(*)
FROM visits WHERE kind = 'ater' AND target IS NOT NULL GROUP BY ALL
UNION ALL
SELECT 'ID0210', unit, year(arrival) * 100 + month(arrival),
       SUM(CASE WHEN epoch(doctor) - epoch(arrival) < 3600 THEN 1 ELSE 0 END), COUNT(*)
FROM ed WHERE doctor IS NOT NULL GROUP BY ALL
UNION ALL
SELECT 'ID0340', unit, year(arrival) * 100 + month(arrival),
       SUM(CASE WHEN epoch(ward) - epoch(decision) < 7200 THEN 1 ELSE 0 END), COUNT(*)
FROM ed WHERE decision IS NOT NULL AND ward IS NOT NULL GROUP BY ALL
UNION ALL
SELECT 'EV-AKUT4H', unit, year(arrival) * 100 + month(arrival),
       SUM(CASE WHEN epoch(departure) - epoch(arrival) <= 14400 THEN 1 ELSE 0 END), COUNT(*)
FROM ed WHERE departure IS NOT NULL GROUP BY ALL
UNION ALL
SELECT 'PROD-OP-TOT', unit, year(time) * 100 + month(time), COUNT(*), COUNT(*) FROM operations GROUP BY ALL
UNION ALL
SELECT CASE setting WHEN 'sluten' THEN 'PROD-OP-SV' ELSE 'PROD-OP-OV' END, unit,
       year(time) * 100 + month(time), COUNT(*), COUNT(*) FROM operations GROUP BY ALL
UNION ALL
SELECT 'ID0128', unit, year(date) * 100 + month(date), SUM(overbeds), SUM(staffed) FROM census GROUP BY ALL
UNION ALL
SELECT 'ID0010', unit, year(date) * 100 + month(date), SUM(outlying), SUM(staffed) FROM census GROUP BY ALL
UNION ALL
SELECT 'EV-BEL', unit, year(date) * 100 + month(date), SUM(occupied), SUM(staffed) FROM census GROUP BY ALL
UNION ALL
SELECT 'PROD-VPL', unit, year(date) * 100 + month(date), SUM(staffed), COUNT(*) FROM census GROUP BY ALL;
CREATE TEMP TABLE ip AS
SELECT i.patient, i.unit, i.admit::DATE AS d0, i.discharge::DATE AS d1,
       year(i.discharge) * 100 + month(i.discharge) AS ym,
       round(g.weight * 1000)::BIGINT AS w,
       COALESCE(i.age, year(i.admit) - p.birth_year) AS age
FROM inpatient i LEFT JOIN drg g ON g.drg = i.drg LEFT JOIN patients p ON p.patient = i.patient;
INSERT INTO f
SELECT 'PROD-SV-VTF', unit, ym, COUNT(*), COUNT(*) FROM ip GROUP BY ALL
UNION ALL
SELECT 'EV-MVT', unit, ym, SUM(d1 - d0)::BIGINT, COUNT(*) FROM ip GROUP BY ALL
UNION ALL
SELECT 'EV-CMI', unit, ym, SUM(w), COUNT(*) FROM ip WHERE w IS NOT NULL GROUP BY ALL
UNION ALL
SELECT 'PROD-SV-VD', ip.unit, m.ym, SUM(least(ip.d1, m.last + 1) - greatest(ip.d0, m.first)),
       SUM(least(ip.d1, m.last + 1) - greatest(ip.d0, m.first))
FROM ip JOIN m ON ip.d0 <= m.last AND ip.d1 > m.first GROUP BY ALL
UNION ALL
SELECT 'ID0091', i.unit, i.ym,
       SUM(CASE WHEN EXISTS (SELECT 1 FROM ip j WHERE j.patient = i.patient
                             AND j.d0 BETWEEN i.d1 + 1 AND i.d1 + 30) THEN 1 ELSE 0 END),
       COUNT(*)
FROM ip i WHERE i.age >= 65 GROUP BY ALL;
INSERT INTO f SELECT rule, 'ALL', ym, SUM(num), SUM(den) FROM f GROUP BY ALL;
CREATE TEMP TABLE shape(rule VARCHAR, shape VARCHAR);
INSERT INTO shape VALUES ('ID0069', 'snap'), ('ID0070', 'snap'), ('ID0139', 'share'),
  ('ID0210', 'share'), ('ID0340', 'share'), ('EV-AKUT4H', 'share'), ('ID0128', 'share'),
  ('ID0010', 'share'), ('EV-BEL', 'share'), ('PROD-VPL', 'perday'), ('EV-MVT', 'mean'),
  ('PROD-SV-VTF', 'count'), ('PROD-SV-VD', 'count'), ('PROD-OV-BES', 'count'),
  ('PROD-OV-LAK', 'count'), ('PROD-OV-OVR', 'count'), ('PROD-OP-TOT', 'count'),
  ('PROD-OP-SV', 'count'), ('PROD-OP-OV', 'count'), ('EV-CMI', 'milli'), ('ID0091', 'share');
-- Values are rounded half away from zero on the integers, as styr does:
-- (2a + b) // (2b) is a / b rounded, for a >= 0.
CREATE TEMP TABLE yf AS
SELECT f.rule, f.unit, m.i, m.ym, (m.last - m.first + 1)::BIGINT AS days,
       SUM(f.num)::BIGINT AS num, SUM(f.den)::BIGINT AS den
FROM f JOIN m ON m.ym = f.ym GROUP BY ALL;
SELECT concat_ws(';', yf.rule, yf.unit, printf('%04d-%02d', yf.ym // 100, yf.ym % 100),
       CASE s.shape WHEN 'count' THEN '' WHEN 'milli' THEN printf('%.3f', yf.num / 1000.0)
            ELSE yf.num::VARCHAR END,
       CASE s.shape WHEN 'count' THEN '' WHEN 'perday' THEN yf.days::VARCHAR ELSE yf.den::VARCHAR END,
       CASE s.shape
         WHEN 'count' THEN yf.num::VARCHAR
         WHEN 'milli' THEN printf('%.3f', ((2 * yf.num + yf.den) // (2 * yf.den)) / 1000.0)
         WHEN 'mean' THEN printf('%.1f', ((20 * yf.num + yf.den) // (2 * yf.den)) / 10.0)
         WHEN 'perday' THEN printf('%.1f', ((20 * yf.num + yf.days) // (2 * yf.days)) / 10.0)
         ELSE printf('%.1f', ((2000 * yf.num + yf.den) // (2 * yf.den)) / 10.0) END) AS line
FROM yf JOIN shape s ON s.rule = yf.rule WHERE yf.i >= 12 AND yf.den > 0
UNION ALL
SELECT concat_ws(';', y.rule, y.unit, 'YEAR',
       CASE s.shape WHEN 'count' THEN '' WHEN 'snap' THEN '' WHEN 'milli' THEN printf('%.3f', y.num / 1000.0)
            ELSE y.num::VARCHAR END,
       CASE s.shape WHEN 'count' THEN '' WHEN 'snap' THEN '' WHEN 'perday' THEN y.days::VARCHAR
            ELSE y.den::VARCHAR END,
       CASE s.shape
         WHEN 'count' THEN y.num::VARCHAR
         WHEN 'snap' THEN printf('%.1f', ((2 * y.tenths + y.months) // (2 * y.months)) / 10.0)
         WHEN 'milli' THEN printf('%.3f', ((2 * y.num + y.den) // (2 * y.den)) / 1000.0)
         WHEN 'mean' THEN printf('%.1f', ((20 * y.num + y.den) // (2 * y.den)) / 10.0)
         WHEN 'perday' THEN printf('%.1f', ((20 * y.num + y.days) // (2 * y.days)) / 10.0)
         ELSE printf('%.1f', ((2000 * y.num + y.den) // (2 * y.den)) / 10.0) END)
FROM (SELECT rule, unit, SUM(num)::BIGINT AS num, SUM(den)::BIGINT AS den,
             (SELECT SUM(last - first + 1) FROM m WHERE i >= 12)::BIGINT AS days,
             SUM(CASE WHEN den > 0 THEN (2000 * num + den) // (2 * den) END)::BIGINT AS tenths,
             SUM(CASE WHEN den > 0 THEN 1 ELSE 0 END)::BIGINT AS months
      FROM yf WHERE i >= 12 GROUP BY ALL) y
JOIN shape s ON s.rule = y.rule WHERE y.den > 0
UNION ALL
SELECT concat_ws(';', 'EV-ID0091-F', c.unit, 'YEAR', (c.num - p.num)::VARCHAR, p.num::VARCHAR,
       printf('%.1f', (CASE WHEN c.num >= p.num THEN (2000 * (c.num - p.num) + p.num) // (2 * p.num)
                       ELSE -((2000 * (p.num - c.num) + p.num) // (2 * p.num)) END) / 10.0))
FROM (SELECT unit, SUM(num)::BIGINT AS num, SUM(den) AS den FROM yf WHERE rule = 'ID0091' AND i >= 12 GROUP BY ALL) c
JOIN (SELECT unit, SUM(num)::BIGINT AS num, SUM(den) AS den FROM yf WHERE rule = 'ID0091' AND i < 12 GROUP BY ALL) p
  ON p.unit = c.unit
WHERE c.den > 0 AND p.den > 0 AND p.num > 0;
