/**
 * Terminal output while the CLI works: progress bars for reading and training on an interactive terminal, plain
 * lines otherwise. Depends on core's {@code train} listener interface and the progress-bar library only; the
 * commands, {@code cli.run} and {@code cli.study} use it.
 */
package io.mtl4j.cli.terminal;
