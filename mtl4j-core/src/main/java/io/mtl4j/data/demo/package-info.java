/**
 * Generated data sets for demos, tests and studies: no files, every row fixed by explicit seeds.
 * To add one: a class here with a validated nested {@code Options} record, seeds as arguments, and its test.
 */
package io.mtl4j.data.demo;
