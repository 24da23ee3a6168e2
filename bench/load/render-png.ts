// An SVG drawn into a PNG by Debian's Chromium (playwright-core), the browser the end-to-end tests
// use: no image library to install, and the Chinese font the tests install renders here too.
import fs from 'node:fs';
import { chromium } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Writes `file` and returns true, or returns false when this machine has no Chromium. */
export async function svgToPng(svg: string, file: string): Promise<boolean> {
  if (!fs.existsSync(CHROMIUM)) return false;
  const size = /width="(\d+)" height="(\d+)"/.exec(svg);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  try {
    const page = await browser.newPage({ viewport: { width: Number(size?.[1] ?? 1200), height: Number(size?.[2] ?? 900) } });
    await page.setContent(`<!doctype html><html><body style="margin:0">${svg}</body></html>`);
    await page.screenshot({ path: file, fullPage: true });
    return true;
  } finally {
    await browser.close();
  }
}
