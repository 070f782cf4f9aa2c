// Progress on a TTY only (stderr), redrawn in place at most every 100 ms; nothing in CI or when piped.
export interface Progress {
  update: (step: string, done: number, total: number) => void;
  done: () => void;
}

export function createProgress(stream: NodeJS.WriteStream | null): Progress {
  if (!stream) return { update: () => {}, done: () => {} };
  let last = 0;
  let shown = false;
  return {
    update(step, done, total) {
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      shown = true;
      const pct = total ? Math.floor((done / total) * 100) : 100;
      stream.write(`\r\u001b[2K${step.padEnd(12)} ${String(done).padStart(7)}/${total} (${pct}%)`);
    },
    done() {
      if (shown) stream.write('\r\u001b[2K');
      shown = false;
    },
  };
}
