/**
 * Benchmarks behind {@code mtl4j bench}: timed workloads that print one line each, next to their Python twins under
 * {@code bench/python} where one exists. Depends on core; nothing depends on it but the bench commands.
 * To add a benchmark: add a class here, its test, and one subcommand in {@code BenchCommand}.
 */
package io.mtl4j.cli.bench;
