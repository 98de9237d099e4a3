using BenchmarkDotNet.Running;

// Run one class with `--filter *ClassName*`; CI runs every benchmark once with `--job Dry`.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
