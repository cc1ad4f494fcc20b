// Loaded with `node --import` into a child process under test: writes its peak resident set size (KiB)
// to standard error as the last line, so a test can bound the memory the command used.
process.on('exit', () => {
  process.stderr.write(`\npeak-rss-kib ${process.resourceUsage().maxRSS}\n`);
});
