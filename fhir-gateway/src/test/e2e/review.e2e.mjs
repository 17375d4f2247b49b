// EHR launch → clinician login → queue → open → edit → approve, in the system's headless Chromium.
// Usage: node review.e2e.mjs <gateway root URL> <patient id> <encounter id> <screenshot dir>
import { chromium } from 'playwright-core';

const [root, patient, encounter, shots] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, locale: 'en-US' });
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
  const id = await row.getAttribute('data-id');
  await page.screenshot({ path: `${shots}/review-queue.png`, fullPage: true });

  await row.locator('button.open').click();
  const first = page.locator('#sections textarea').first();
  await first.waitFor();
  await first.fill('Reviewed and corrected by the clinician: stable, discharged home.');
  await page.click('#lang');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  await page.screenshot({ path: `${shots}/review-page-zh.png`, fullPage: true });
  await page.click('#lang');
  await page.screenshot({ path: `${shots}/review-page.png`, fullPage: true });

  await page.click('#approve');
  await page.waitForFunction(() => document.getElementById('result').textContent.includes('final'));
  if (problems.length) throw new Error('page errors: ' + problems.join('; '));
  console.log('APPROVED ' + id);
} finally {
  await browser.close();
}
