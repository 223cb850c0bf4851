package io.mtl4j.cli.terminal;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** {@code --quiet | --verbose}, mixed into every command that trains; the two flags exclude each other. */
public final class VerbosityOption {
  @ArgGroup(exclusive = true, multiplicity = "0..1") Flags flags;

  static final class Flags {
    @Option(names = {"-q", "--quiet"},
        description = "print only the final summary (warnings and errors still go to standard error)") boolean quiet;
    @Option(names = {"-v", "--verbose"},
        description = "print a line per epoch even when output is not a terminal") boolean verbose;
  }

  public Verbosity value() {
    if (flags == null) return Verbosity.NORMAL;
    return flags.quiet ? Verbosity.QUIET : flags.verbose ? Verbosity.VERBOSE : Verbosity.NORMAL;
  }
}
