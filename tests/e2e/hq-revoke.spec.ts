import { expect, test } from '@playwright/test';
import { admin, hqAdmin, signInInEnglish, useCentreWithHq } from './centre';
import { shot, watchConsole } from './preview';

/**
 * A centre laptop is stolen (issue #13 §1): HQ's administrator revokes it from the console's
 * "Facilities & devices" with a reason, in a dialog that asks for one; the laptop's next sync is
 * refused, and its sync screen says when HQ revoked it and why, and to ask HQ.
 */
const stage = useCentreWithHq();
const desk = 'Növbətçi masası 1';
const reason = 'Stolen from the duty car on 3 December';

test('HQ revokes a lost device with a reason, and the device says why on its sync screen', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const problems = watchConsole(page);
  await signInInEnglish(page, `${stage.hq.url}/`, hqAdmin, 'Overview');
  const nav = page.getByRole('navigation', { name: 'Main menu' });
  await nav.getByRole('link', { name: 'Facilities & devices' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Facilities and devices' })).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(desk) });
  await row.getByRole('button', { name: `Revoke device ${desk}` }).click();

  const dialog = page.getByRole('dialog', { name: `Revoke device ${desk}` });
  await expect(dialog).toBeVisible();
  // No reason, no revocation: the refusal stands beside the field.
  await dialog.getByRole('button', { name: 'Revoke device' }).click();
  await expect(dialog.getByText(/required|at least/i)).toBeVisible();
  await dialog.getByLabel('Reason').fill(reason);
  await shot(page, 'hq-revoke-dialog');
  await dialog.getByRole('button', { name: 'Revoke device' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `${desk} is revoked. The facility’s bundle key is now version 2.` })).toBeVisible();
  await expect(row).toContainText('Revoked');
  await expect(row).toContainText(`${reason} (by ${hqAdmin.username})`);
  await expect(row.getByRole('button', { name: /Revoke/ })).toHaveCount(0);
  await shot(page, 'hq-revoked-device');

  // The laptop: its next sync is refused, and the screen says when, why, and to ask HQ.
  const device = await browser.newPage();
  const deviceProblems = watchConsole(device);
  await signInInEnglish(device, stage.preview.url, admin, 'Overview');
  await device.goto(`${stage.preview.url}#/sync`);
  await expect(device.getByRole('heading', { level: 1, name: 'Sync with HQ' })).toBeVisible();
  await device.getByRole('button', { name: 'Sync now' }).click();
  const notice = device.getByText(/This device was revoked by HQ on .+: .+\. Ask HQ/);
  await expect(notice).toBeVisible({ timeout: 30_000 });
  await expect(notice).toContainText(reason);
  await expect(device.getByText('Sync has stopped', { exact: true })).toBeVisible();
  await expect(device.getByRole('row', { name: /Failed/ }).first()).toContainText('HQ has revoked this device');
  await shot(device, 'device-sync-revoked');
  expect(problems).toEqual([]);
  expect(deviceProblems.filter((p) => !/status of 403/.test(p))).toEqual([]);
});
