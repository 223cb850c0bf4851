/**
 * Model selection for {@code train} and {@code compare}: a config's {@code tune} search ({@link
 * io.mtl4j.cli.tune.Tuner}: grid or seeded random trials over architecture, optimizer, weighting and training keys,
 * each trial's config bound by the one config binder and chosen on validation rows only) and k-fold
 * {@link io.mtl4j.cli.tune.CrossValidation} with per-fold and aggregated results. Depends on {@code cli.run},
 * {@code cli.config}, {@code cli.report} and {@code cli.terminal}; the commands use it.
 */
package io.mtl4j.cli.tune;
