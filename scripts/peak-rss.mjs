// Preloaded into a process (node --import) to print its peak resident memory when it exits; worker threads are
// part of the process, so their memory is included.
process.on('exit', () => {
  process.stderr.write(`peak_rss_kb=${process.resourceUsage().maxRSS}\n`);
});
