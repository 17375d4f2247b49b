// EHR launch → clinician login → queue → the EHR sends another record for the patient: the queue's notice → open
// that draft → focus a statement → its sources are highlighted in the record → edit → approve (shortcut +
// confirmation), in the system's headless Chromium; axe-core checks every view (no serious or critical violation).
// Usage: node review.e2e.mjs <gateway root URL> <patient id> <encounter id> <screenshot dir> <record Bundle file>
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const [root, patient, encounter, shots, recordFile] = process.argv.slice(2);
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'],
});

/** What the EHR does: $summarize of a record, with its own (demo client credentials) token. */
async function ehrSummarize() {
  const token = await (await fetch(`${root}/oauth2/token`, { method: 'POST',
    headers: { Authorization: 'Basic ' + Buffer.from('demo-ehr:demo-ehr-secret').toString('base64'),
      'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'system/Composition.crs system/Encounter.r' }) })).json();
  const r = await fetch(`${root}/fhir/Encounter/$summarize`, { method: 'POST', body: readFileSync(recordFile, 'utf8'),
    headers: { Authorization: 'Bearer ' + token.access_token, 'Content-Type': 'application/fhir+json' } });
  if (r.status !== 200) throw new Error('$summarize: ' + r.status + ' ' + await r.text());
  return r.headers.get('content-location').replace(/.*\/Composition\//, '').replace(/\/_history.*/, '');
}

/** axe-core on the page as it is now; fails on any serious or critical violation. */
async function accessible(page, view) {
  // evaluated through the DevTools protocol: the review pages' CSP (script-src 'self') refuses injected script tags
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical');
  console.log(`AXE ${view}: ${result.violations.length} violation(s) [${result.violations.map(v => v.id + ':' + v.impact).join(', ')}], ${bad.length} serious or critical`);
  if (bad.length) {
    throw new Error(`axe-core, ${view}: ` + bad.map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`).join('; '));
  }
}

try {
  const page = await browser.newPage({ viewport: { width: 1360, height: 900 }, locale: 'en-US' });
  page.setDefaultTimeout(30000);
  const problems = [];
  page.on('pageerror', e => problems.push(e.message));

  await page.goto(`${root}/demo-ehr/launch?patient=${patient}&encounter=${encounter}`);
  await page.waitForURL(/\/login/);
  await page.fill('#username', 'clinician');
  await page.fill('#password', 'clinician-demo');
  await page.click('button[type=submit]');

  await page.waitForURL(/\/review\/index\.html/);
  const row = page.locator('#queue tbody tr').first();
  await row.waitFor();
  await page.waitForFunction(() => document.getElementById('queue-summary').textContent.length > 0);

  // a new draft for the launch patient: the next poll shows a notice (polled now rather than in 15 s)
  const id = await ehrSummarize();
  await page.evaluate(() => Queue.poll());
  await page.locator('#notice:not([hidden])').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('#queue tbody tr').length === 2);
  await accessible(page, 'queue');
  await page.screenshot({ path: `${shots}/review-queue.png`, fullPage: true });

  // open it from the notice with the keyboard
  await page.locator('#notice-open').focus();
  await page.keyboard.press('Enter');
  await page.locator('#record li').first().waitFor();
  const opened = await page.evaluate(() => document.getElementById('raw').textContent);
  if (!opened.includes(id)) throw new Error('the notice did not open the new draft ' + id);
  // every statement the draft marks uncited is flagged on the page, and no other
  const composition = JSON.parse(opened).entry[0].resource;
  const uncitedCount = composition.extension.find(e => e.url.endsWith('/uncited-statement-count')).valueUnsignedInt;
  const flagged = await page.locator('#sections .uncited').count();
  if (flagged !== uncitedCount) throw new Error(`${uncitedCount} uncited statements but ${flagged} flagged`);
  console.log('UNCITED ' + flagged);
  // the banner that says the draft saw only part of the record shows exactly when the Composition says so
  const omitted = (composition.extension || []).some(e => e.url.endsWith('/record-omitted'));
  const banner = await page.locator('#record-omitted').isVisible();
  if (banner !== omitted) throw new Error(`record-omitted extension ${omitted} but banner shown ${banner}`);

  // focus a statement that cites the record: its lines are highlighted
  const cited = page.locator('#sections .statement:not([data-keys=""])').first();
  await cited.waitFor();
  const keys = (await cited.getAttribute('data-keys')).split(' ');
  await cited.focus();
  await page.waitForFunction(() => document.querySelectorAll('#record li.cited').length > 0);
  const highlighted = await page.locator('#record li.cited').evaluateAll(lis => lis.map(li => li.dataset.key));
  if (highlighted.sort().join(' ') !== [...keys].sort().join(' ')) throw new Error(`cited ${keys} but highlighted ${highlighted}`);
  console.log('HIGHLIGHTED ' + highlighted.join(' '));

  // keyboard: Alt+↓ moves to the next statement, Alt+↑ back
  await page.keyboard.press('Alt+ArrowDown');
  const moved = await page.evaluate(() => document.activeElement.classList.contains('statement') || document.activeElement.tagName === 'TEXTAREA');
  if (!moved) throw new Error('Alt+ArrowDown did not move to a statement');
  await page.keyboard.press('Alt+ArrowUp');

  // edit the first editable statement
  const first = page.locator('#sections textarea').first();
  await first.fill('Reviewed and corrected by the clinician: stable, discharged home.');
  await first.focus();
  await accessible(page, 'draft');
  await page.click('#lang');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  await cited.focus();
  await accessible(page, 'draft (Chinese)');
  await page.screenshot({ path: `${shots}/review-page-zh.png`, fullPage: true });
  await page.click('#lang');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await cited.focus();
  await page.screenshot({ path: `${shots}/review-page.png`, fullPage: true });

  // approve with the shortcut: a confirmation first, Escape keeps reviewing, then confirm
  await page.keyboard.press('Alt+a');
  await page.locator('#confirm[open]').waitFor();
  await accessible(page, 'confirmation');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.getElementById('confirm').open);
  await page.keyboard.press('Alt+a');
  await page.locator('#confirm[open]').waitFor();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.getElementById('result').textContent.includes('final') || document.getElementById('error').textContent);
  const error = await page.locator('#error').textContent();
  if (error) throw new Error('approving failed: ' + error);
  if (problems.length) throw new Error('page errors: ' + problems.join('; '));
  console.log('APPROVED ' + id);
} finally {
  await browser.close();
}
