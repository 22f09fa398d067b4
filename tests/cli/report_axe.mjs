// axe-core on report HTML files (t_report_axe.sh): each file named on the
// command line is opened in Debian's chromium and must have no violation
// of WCAG 2 A/AA or axe's best practices, as the web's pages.
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await (await browser.newContext({ locale: 'sv-SE' })).newPage();
let failures = 0;
for (const file of process.argv.slice(2)) {
  await page.goto(`file://${file}`);
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(async () =>
    await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'best-practice'] }));
  for (const v of result.violations) {
    failures++;
    console.error(`FAIL: axe on ${file}: ${v.id} (${v.impact}): ${v.nodes.length} nodes: ` +
      v.nodes.slice(0, 2).map(n => n.target.join(' ')).join(', '));
  }
  console.log(`${file}: ${result.violations.length} violations, ${result.passes.length} rules passed`);
}
await browser.close();
process.exit(failures ? 1 : 0);
