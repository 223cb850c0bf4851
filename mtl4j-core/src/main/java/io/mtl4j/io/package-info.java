/**
 * Model files: {@link io.mtl4j.io.ModelFile} ({@code .mtl4j}: one zip with {@code model.json}, one little-endian
 * float32 tensor per parameter and a SHA-256 manifest, sealed with a whole-file SHA-256 in the zip comment) over
 * {@link io.mtl4j.io.TensorArchive}, which training checkpoints share. Writes go to a temporary file in the target
 * directory and are renamed atomically; reads treat the file as untrusted (sizes checked against
 * {@link io.mtl4j.io.ArchiveLimits} before anything is inflated or allocated, optional {@link io.mtl4j.io.ModelKey}
 * HMAC), then verify seal, manifest, format and version. No Java serialization. See docs/security.md.
 * The container and its reader ({@code TensorArchive}, {@code ArchiveReader}, {@code ModelFormat}, {@code ModelKey}, …)
 * live in the module mtl4j-runtime, in this same package, so the lean runtime reads model files without core.
 * Depends on {@code arch}, {@code classical} and {@code nn} (what it saves), never the other way round;
 * {@code train} (checkpoints) and the CLI use it.
 */
package io.mtl4j.io;
