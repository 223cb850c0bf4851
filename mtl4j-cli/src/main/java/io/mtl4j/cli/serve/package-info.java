/**
 * {@code mtl4j serve}: predictions over HTTP on the JDK's {@code com.sun.net.httpserver}. Requests flow one way:
 * body → {@link io.mtl4j.cli.serve.PredictRequest} (JSON → raw cells) → {@link io.mtl4j.cli.serve.RowModel} (the
 * model behind a small interface, swapped whole on reload) → JSON answer. See docs/serve.md.
 */
package io.mtl4j.cli.serve;
