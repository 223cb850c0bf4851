/**
 * The School benchmark (ILEA exam scores, MALSAR's copy): the whole table and the ten fixed CIKM-2019 splits, read
 * from the shared data folder (see its PROVENANCE.md). Depends on nothing else in mtl4j; {@code classical} reads its
 * splits.
 */
package io.mtl4j.data.school;
