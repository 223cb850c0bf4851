/**
 * Optional Parquet input: {@link io.mtl4j.parquet.ParquetSource} reads files into core's {@code Table}s. A separate
 * module because parquet-floor brings 19 MiB and Hadoop stub classes that must stay off a Spark classpath. Depends
 * on core's {@code data}; the CLI uses it when present.
 */
package io.mtl4j.parquet;
