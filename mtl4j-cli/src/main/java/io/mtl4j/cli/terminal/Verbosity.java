package io.mtl4j.cli.terminal;

/**
 * How much training progress a command prints. QUIET: none (the final summary, warnings and errors only). NORMAL: on a
 * terminal a bar and a line per epoch, elsewhere one line per run. VERBOSE: a line per epoch everywhere.
 */
public enum Verbosity {
  QUIET, NORMAL, VERBOSE
}
