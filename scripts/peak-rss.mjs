// Preloaded into a process (node --import) to print, when it exits, its peak resident memory and the CPU time it
// used; worker threads are part of the process, so both include them.
process.on('exit', () => {
  const usage = process.resourceUsage();
  process.stderr.write(
    `peak_rss_kb=${usage.maxRSS} cpu_ms=${Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000)}\n`,
  );
});
