// Removes this run's temporary data directory (database and mail outbox),
// unless PLENUM_E2E_KEEP is set to look at it afterwards.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default async function globalTeardown(): Promise<void> {
  const dir = process.env.PLENUM_E2E_DIR;
  if (!dir || process.env.PLENUM_E2E_KEEP) {
    if (dir) console.log(`Kept the e2e data directory: ${dir}`);
    return;
  }
  // Only ever a directory this run made under the system's temporary folder.
  if (path.dirname(dir) === os.tmpdir() && path.basename(dir).startsWith('plenum-e2e-')) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
