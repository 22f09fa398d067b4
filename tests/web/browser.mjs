// The browser test: playwright-core drives Debian's chromium through the
// pages as people use them — log in, find Landskrona's dashboard and its
// economy for jan–aug, enter a value with a typo and see the error next to
// the field, correct it, submit the report, approve it as controller and
// see the period locked — with axe-core checking the main pages and
// screenshots kept as artefacts.
// BASE (the server) and ARTEFACTS (a directory) come from t_browser.sh.
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import fs from 'node:fs';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');
const BASE = process.env.BASE;
const OUT = process.env.ARTEFACTS;
fs.mkdirSync(OUT, { recursive: true });

let failures = 0, checks = 0;
function check(what, ok, detail) {
  checks++;
  if (!ok) {
    failures++;
    console.error(`FAIL: ${what}${detail ? ': ' + detail : ''}`);
  }
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
// The pages' CSP forbids inline scripts; axe is injected as one.
const context = await browser.newContext({ bypassCSP: true, locale: 'sv-SE' });
const page = await context.newPage();
page.setDefaultTimeout(10000);

async function shot(name) {
  await page.screenshot({ path: `${OUT}/${name}.png`, fullPage: true });
}

async function axe(name) {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(async () =>
    await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'best-practice'] }));
  const v = result.violations.map(x => `${x.id} (${x.impact}): ${x.nodes.length} nodes`);
  check(`axe on ${name}`, v.length === 0, v.join('; '));
}

async function login(name) {
  await page.goto(`${BASE}/login`);
  await page.fill('#namn', name);
  await page.fill('#losenord', `${name}-losen`);
  await page.click('button[type=submit]');
  await page.waitForURL(`${BASE}/min-sida`);
}

async function logout() {
  await page.click('header button');
  await page.waitForURL(/\/login/);
}

// Keyboard: the skip link comes first, then the form in order.
await page.goto(`${BASE}/login`);
await axe('login');
await page.keyboard.press('Tab');
check('first Tab reaches the skip link',
  await page.evaluate(() => document.activeElement.className) === 'skip');
await page.keyboard.press('Tab');
check('second Tab reaches the user name',
  await page.evaluate(() => document.activeElement.id) === 'namn');
await shot('01-login');

// A link from an e-mail, followed before logging in, leads back to its
// page after the login.
await page.goto(`${BASE}/enhet/LKR/indikator/ID0069`);
await page.waitForURL(/\/login\?till=/);
await page.fill('#namn', 'anna');
await page.fill('#losenord', 'anna-losen');
await page.click('main button[type=submit]');
await page.waitForURL(`${BASE}/enhet/LKR/indikator/ID0069`);
check('deep link survives the login', page.url() === `${BASE}/enhet/LKR/indikator/ID0069`);

// Min sida: the unit's missing values for the year just ended.
await page.click('header a[href="/min-sida"]');
const todo = await page.textContent('ul.att-gora');
check('Min sida lists missing values', /\d+ av enhetens \d+ indikatorer saknar värde för 2025/.test(todo), todo);
await axe('min sida');
await shot('02-min-sida');
await page.goto(`${BASE}/org`);
await axe('org');
await shot('02b-org');
await page.click('text=Lasarettet i Landskrona');
await page.waitForURL(`${BASE}/enhet/LKR`);
const row = await page.textContent('tr:has(a[href="/enhet/LKR/indikator/ID0069"])');
check('dashboard shows ID0069 at 83,8 %', row.includes('83,8\u00a0%'), row);
check('dashboard shows ID0069 not met', row.includes('Ej uppfyllt'), row);
await axe('dashboard');
await shot('03-dashboard');
const lightsBefore = await page.textContent('ul.lampor');

// The grid: three of 2025's values at once, then the dashboard's summary.
await page.goto(`${BASE}/min-sida`);
await page.click('ul.att-gora a[href="/enhet/LKR/varden?period=2025"]');
await page.fill('#v-ID0070', '62');
await page.fill('#v-ID0010', '4,5');
await page.fill('#v-ID0015', '5');
await axe('grid');
await page.click('main form[method=post] button[type=submit]');
await page.waitForURL(/sparat=3/);
check('grid saved three values', (await page.textContent('main')).includes('Sparade 3 värden.'));
await shot('03c-grid-saved');
await page.goto(`${BASE}/enhet/LKR`);
const lightsAfter = await page.textContent('ul.lampor');
check('dashboard summary changed', lightsAfter !== lightsBefore, `${lightsBefore} → ${lightsAfter}`);

await page.click('a[href="/enhet/LKR/kalender"]');
await page.fill('#datum', '2025-03-01');
await page.click('main form button[type=submit]');
check('calendar lists the late delårsrapport', (await page.textContent('main')).includes('försenad'));
await axe('calendar');
await page.goto(`${BASE}/enhet/LKR`);

// The economy page: the resultaträkning, then jan–aug picked in the form.
await page.click('a[href="/enhet/LKR/ekonomi"]');
const result = await page.textContent('#resultatrakning tr.sum:has-text("RESULTAT")');
check('economy shows RESULTAT −22 629', result.includes('\u221222\u00a0629'), result);
await page.selectOption('#man', '8');
await page.click('main form button[type=submit]');
await page.waitForURL(/man=8/);
const rb = await page.textContent('#resultatrakning tr:has-text("Regionbidrag")');
check('jan–aug budget periodised: 187 533', rb.includes('187\u00a0533'), rb);
check('periodisation sentence', (await page.textContent('#periodisering')).includes('budgetprofilen för LKR'));
await axe('economy');
await shot('03b-economy');
await page.goto(`${BASE}/enhet/LKR`);

await page.click('a[href="/enhet/LKR/indikator/ID0069"]');
check('indicator chart has the target line', await page.locator('svg line.mallinje').count() === 1);
await axe('indicator');
await shot('04-indicator');

await page.goto(`${BASE}/enhet/LKR/varde`);
await page.selectOption('#indikator', 'ID0069');
await page.fill('#period', '2025');
await page.fill('#varde', '8#,3');
await page.click('main button[type=submit]');
const err = await page.textContent('#varde-fel');
check('typo explained next to the field', err.includes('inte ett tal'), err);
check('typed value kept', await page.inputValue('#varde') === '8#,3');
check('field marked invalid', await page.getAttribute('#varde', 'aria-invalid') === 'true');
await axe('value form with an error');
await shot('05-value-error');

await page.fill('#varde', '84,1');
await page.click('main button[type=submit]');
await page.waitForSelector('#sparat');
await shot('06-value-saved');
await page.click('#sparat a');
await page.click('#knapp-skicka');
check('report submitted', (await page.textContent('#rapportstatus')).includes('inskickad'));
await axe('report');
await shot('07-submitted');
await logout();

await login('karl');
await page.goto(`${BASE}/enhet/LKR/rapport?period=2025`);
// Approving renders and stores the report (issue 17's frozen version): under
// ASan on PostgreSQL beside a parallel suite that took over the 10 s default.
await page.click('#knapp-godkann', { timeout: 60000 });
await page.waitForSelector('#rapportstatus', { timeout: 60000 });
check('report approved', (await page.textContent('#rapportstatus')).includes('godkänd'));
check('period shown locked', (await page.textContent('#last')).includes('Perioden är låst'));
await shot('08-approved-locked');
await logout();

await login('anna');
await page.goto(`${BASE}/enhet/LKR/varde`);
await page.selectOption('#indikator', 'ID0069');
await page.fill('#period', '2025');
await page.fill('#varde', '90');
await page.click('main button[type=submit]');
const locked = await page.textContent('#formular-fel');
check('write to the locked period refused, in Swedish, naming who approved',
      locked.includes('Perioden 2025 är låst') && locked.includes('godkändes av karl') &&
      !locked.includes('is locked'), locked);
await shot('09-write-refused');

await browser.close();
console.log(`${checks} checks, ${failures} failed; screenshots in ${OUT}`);
process.exit(failures ? 1 : 0);
