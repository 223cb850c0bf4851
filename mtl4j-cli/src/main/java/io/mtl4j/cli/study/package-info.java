/**
 * Studies behind {@code mtl4j study}: repeated, seed-paired experiments (the MMoE paper's task-correlation sweep,
 * every weighting method on one setting) with their CSV, report and plots. Depends on core, {@code cli.run} and
 * {@code cli.terminal}; only the study and demo commands use it.
 * To add a study: add a class here, its test, and one subcommand in {@code StudyCommand}.
 */
package io.mtl4j.cli.study;
