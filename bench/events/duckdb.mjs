// DuckDB's side of bench/events: load the canonical event files of DIR
// into typed tables (read_csv) and run duckdb.sql for YEAR; writes the
// lines to OUT and prints the seconds spent loading and computing as
// "duckdb read S computed S" on stderr, as styr events compute-files does.
//   node duckdb.mjs DIR YEAR OUT
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [dir, year, out] = process.argv.slice(2);
const here = dirname(fileURLToPath(import.meta.url));
const tables = {
  waitlist: "{'id':'VARCHAR','patient':'VARCHAR','unit':'VARCHAR','kind':'VARCHAR','listed':'DATE','done':'DATE','target':'DATE'}",
  visits: "{'id':'VARCHAR','patient':'VARCHAR','unit':'VARCHAR','time':'TIMESTAMP','kind':'VARCHAR','caregiver':'VARCHAR','target':'DATE'}",
  ed: "{'id':'VARCHAR','patient':'VARCHAR','unit':'VARCHAR','arrival':'TIMESTAMP','doctor':'TIMESTAMP','decision':'TIMESTAMP','ward':'TIMESTAMP','departure':'TIMESTAMP'}",
  inpatient: "{'id':'VARCHAR','patient':'VARCHAR','unit':'VARCHAR','age':'INTEGER','sex':'VARCHAR','admit':'TIMESTAMP','discharge':'TIMESTAMP','drg':'VARCHAR'}",
  operations: "{'id':'VARCHAR','patient':'VARCHAR','unit':'VARCHAR','time':'TIMESTAMP','setting':'VARCHAR'}",
  census: "{'unit':'VARCHAR','date':'DATE','staffed':'INTEGER','occupied':'INTEGER','overbeds':'INTEGER','outlying':'INTEGER'}",
  drg: "{'drg':'VARCHAR','weight':'DOUBLE'}",
  patients: "{'patient':'VARCHAR','birth_year':'INTEGER','sex':'VARCHAR'}",
};

const inst = await DuckDBInstance.create(':memory:');
const con = await inst.connect();
const t0 = process.hrtime.bigint();
for (const [name, cols] of Object.entries(tables)) {
  const file = join(dir, `${name}.csv`);
  if (existsSync(file)) {
    await con.run(`CREATE TABLE ${name} AS SELECT * FROM read_csv('${file}', header = true, columns = ${cols})`);
  } else {
    const defs = Object.entries(JSON.parse(cols.replaceAll("'", '"'))).map(([c, t]) => `${c} ${t}`).join(', ');
    await con.run(`CREATE TABLE ${name} (${defs})`);
  }
}
const t1 = process.hrtime.bigint();
const sql = readFileSync(join(here, 'duckdb.sql'), 'utf8').replaceAll('YEAR', year)
  .replace(/^--.*$/gm, '');
const statements = sql.split(/;\s*$/m).map((s) => s.trim()).filter(Boolean);
let rows = [];
for (const [i, s] of statements.entries()) {
  if (i === statements.length - 1) {
    const reader = await con.runAndReadAll(s);
    rows = reader.getRows();
  } else {
    await con.run(s);
  }
}
const t2 = process.hrtime.bigint();
writeFileSync(out, rows.map((r) => String(r[0]).replace(';YEAR;', `;${year};`)).join('\n') + '\n');
process.stderr.write(`duckdb read ${(Number(t1 - t0) / 1e9).toFixed(3)} s computed ${(Number(t2 - t1) / 1e9).toFixed(3)} s\n`);
