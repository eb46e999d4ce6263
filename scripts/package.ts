/** `npm run package` (after the build): dist/chrome.zip and dist/firefox.zip, ready for the stores. */
import { statSync } from 'node:fs';
import { relative } from 'node:path';
import { packageVersion, writeStorePackages } from './store-zip';

for (const path of writeStorePackages()) {
  console.log(`${relative(process.cwd(), path)}  ${packageVersion()}  ${(statSync(path).size / 1024).toFixed(1)} KB`);
}
