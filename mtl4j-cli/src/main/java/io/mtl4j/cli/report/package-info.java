/**
 * The HTML run report and its PNG charts (learning curves, per-task metrics). Depends on core's {@code train} and
 * {@code metrics} and on XChart; the commands that train call it last.
 */
package io.mtl4j.cli.report;
