package io.mtl4j.cli;

import io.mtl4j.cli.study.CorrelationStudy;
import io.mtl4j.cli.study.EsmmStudy;
import io.mtl4j.cli.study.FduCrossModalStudy;
import io.mtl4j.cli.study.FduMtlStudy;
import io.mtl4j.cli.study.MultiMnistStudy;
import io.mtl4j.cli.study.NewsgroupsStudy;
import io.mtl4j.cli.study.RelationsStudy;
import io.mtl4j.cli.study.SegmentationStudy;
import io.mtl4j.cli.study.WeightingStudy;
import picocli.CommandLine.Command;

/** Reproducible studies; each subcommand writes its results (CSV, PNG plots) to a directory and prints a summary. */
@Command(name = "study", mixinStandardHelpOptions = true, description = "Run a study (repeated, seed-paired experiments).",
    subcommands = {CorrelationStudy.class, WeightingStudy.class, FduMtlStudy.class, FduCrossModalStudy.class,
        MultiMnistStudy.class, NewsgroupsStudy.class, EsmmStudy.class, SegmentationStudy.class, RelationsStudy.class})
final class StudyCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }
}
