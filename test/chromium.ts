/** How every test launches the system Chromium (Playwright's own browser download is not used). */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags that keep a headless Chromium quiet on a machine without a network. */
export const quietChromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumLaunch(extraArgs: string[] = []) {
  return { executablePath: chromiumPath, args: [...quietChromiumArgs, ...extraArgs] };
}
