/**
 * Rows in, tensors out: {@link io.mtl4j.data.Table} (raw dictionary-encoded columns from the readers in
 * {@code data.read}), {@link io.mtl4j.data.Preprocessing} fitted on training rows only and saved with the model,
 * {@link io.mtl4j.data.Split}s seeded per run, {@link io.mtl4j.data.Dataset}/{@link io.mtl4j.data.Batch} for training,
 * and the {@link io.mtl4j.data.DatasetRegistry} with its verifying {@link io.mtl4j.data.Downloader}. Depends on
 * {@code task} and {@code tensor}; {@code train}, the readers and the CLI depend on it.
 */
package io.mtl4j.data;
