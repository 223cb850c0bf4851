/**
 * The School benchmark (ILEA exam scores, MALSAR's copy): the whole table and the ten fixed CIKM-2019 splits, read
 * from the shared data folder (see its PROVENANCE.md).
 */
package io.mtl4j.data.school;
