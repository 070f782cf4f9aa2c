// Atomic report writing: temp file in the same folder, then rename, so CI never publishes a half-written report.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export async function writeReportFiles(dir: string, files: { name: string; content: string }[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  const temps: string[] = [];
  try {
    for (const file of files) {
      // Names are ours (audit.html …), but guard anyway: never write outside the named folder.
      const target = path.resolve(dir, file.name);
      if (path.dirname(target) !== path.resolve(dir)) throw new Error(`refusing to write outside ${dir}: ${file.name}`);
      const temp = `${target}.${process.pid}.tmp`;
      await writeFile(temp, file.content, 'utf8');
      temps.push(temp);
    }
    // Rename only once every file is fully written.
    for (const file of files) await rename(`${path.resolve(dir, file.name)}.${process.pid}.tmp`, path.resolve(dir, file.name));
  } catch (error) {
    await Promise.all(temps.map((temp) => rm(temp, { force: true })));
    throw error;
  }
}
