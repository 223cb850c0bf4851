/**
 * Generated data sets for demos, tests and studies: no files, every row fixed by explicit seeds. Depends on
 * {@code data} and {@code tensor}; used by the CLI's demo and studies and by tests.
 * To add one: a class here with a validated nested {@code Options} record, seeds as arguments, and its test.
 */
package io.mtl4j.data.demo;
