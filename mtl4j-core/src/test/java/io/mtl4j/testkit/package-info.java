/**
 * Test helpers shipped in core's test-jar: golden-vector reading ({@link io.mtl4j.testkit.GoldenCases}), replayed
 * weighting contexts and random draws, a driver that runs a weighting the way the trainer does, and
 * {@link io.mtl4j.testkit.WeightingContract}, what every registered weighting promises the trainer.
 */
package io.mtl4j.testkit;
