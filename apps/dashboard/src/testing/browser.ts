import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

/** Debian's chromium (`apt-get install chromium`); playwright's own browser download is not reachable here. */
export const chromiumPath = process.env.PALISADE_CHROMIUM ?? "/usr/bin/chromium";

/** Headless chromium, or an error that says how to install it. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath))
    throw new Error(`no chromium at ${chromiumPath}: apt-get install -y chromium (or set PALISADE_CHROMIUM)`);
  return chromium.launch({
    executablePath: chromiumPath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}
