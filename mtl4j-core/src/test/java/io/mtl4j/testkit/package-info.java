/**
 * Test helpers shipped in core's test-jar: golden-vector reading ({@link io.mtl4j.testkit.GoldenCases}), replayed
 * weighting contexts and random draws, and a driver that runs a weighting the way the trainer does.
 */
package io.mtl4j.testkit;
