/**
 * mtl4j on Apache Spark: {@link io.mtl4j.spark.MultiTaskEstimator} (Spark ML Params, usable in a Pipeline and
 * CrossValidator) trains by exact synchronous data-parallel steps (partitions' gradients summed in partition order
 * with treeAggregate, the weighting once on the global sums) or by model averaging into a
 * {@link io.mtl4j.spark.MultiTaskSparkModel}, saved with the ordinary mtl4j model file inside;
 * {@link io.mtl4j.spark.SparkEngine} is the CLI's {@code --engine spark}. {@link io.mtl4j.spark.ClassicalSpark} fits
 * classical formulations with every FISTA step's loss and gradient summed over the partitions the same way. Depends
 * on core's {@code train} seam (PartitionPass, SyncStep, TrainingEngine), core's {@code classical} seam (RowSum,
 * ClassicalEngine) and on Spark, which the application provides.
 */
package io.mtl4j.spark;
