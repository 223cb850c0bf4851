/**
 * The {@code mtl4j} command line: {@link io.mtl4j.cli.Main} and one {@code *Command} class per subcommand (picocli),
 * so every command is found here. The work behind them lives in sub-packages: {@code cli.run} (experiments from a
 * YAML config, model files, outputs), {@code cli.study}, {@code cli.bench}, {@code cli.terminal} (progress output),
 * {@code cli.config} and {@code cli.report}. Bad input ends with a message naming the file or key and exit code 2.
 * Depends on core and on those sub-packages, none of which depends back on it; nothing in mtl4j depends on it.
 * To add a command: add a {@code *Command} class here, its test, and one line in {@code Main}'s subcommands.
 */
package io.mtl4j.cli;
