/**
 * The plumbing of {@code train}, {@code evaluate}, {@code predict}, {@code compare}, {@code finetune} and
 * {@code add-task}: an {@link io.mtl4j.cli.run.Experiment} read from a run config (data, preprocessing, split, model,
 * training settings), multi-input data, model files with their preprocessing, the output directory with atomic
 * writes, resumable run state and result summaries; and, for a {@code classical} compare,
 * {@link io.mtl4j.cli.run.ClassicalComparison}, which fits core's classical models on train/test splits in parallel
 * and returns the {@code comparison.csv} rows. Depends on core, {@code cli.config}, {@code cli.report} and
 * {@code cli.terminal}; the commands and {@code cli.study} use it.
 */
package io.mtl4j.cli.run;
