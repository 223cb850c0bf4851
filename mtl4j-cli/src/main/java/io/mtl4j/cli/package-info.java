/**
 * The {@code mtl4j} command line: {@link io.mtl4j.cli.Main} and one {@code *Command} class per subcommand (picocli),
 * with the plumbing they share (experiments from a YAML config, model files, outputs, studies, terminal progress).
 * Bad input ends with a message naming the file or key and exit code 2. Depends on core and on the sub-packages
 * {@code cli.config}, {@code cli.report} and {@code cli.bench}; nothing in mtl4j depends on it.
 * To add a command: add a {@code *Command} class here, its test, and one line in {@code Main}'s subcommands.
 */
package io.mtl4j.cli;
