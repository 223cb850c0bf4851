package io.mtl4j.tensor;

import dev.ludovic.netlib.blas.BLAS;
import java.io.File;

/**
 * Row-major single-precision BLAS: the one place that knows which backend runs.
 *
 * <p>The fast path is native OpenBLAS shipped inside the bytedeco Maven jars, called through netlib's {@code JNIBLAS}
 * on plain {@code float[]} (no copies: bytedeco's own {@code float[]} overloads copy whole arrays on every call).
 * When the native library cannot be loaded (another OS or CPU), netlib falls back to its pure-Java
 * {@code VectorBLAS}. OpenBLAS runs one thread: parallelism lives in Java (data-parallel shards).
 */
public final class Blas {
  /** Held so the level set below is not garbage-collected with the logger (java.util.logging keeps weak refs). */
  private static final java.util.logging.Logger NETLIB_LOG = quietNetlib();
  private static final BLAS BACKEND = load();
  /** Below this many multiply-adds a plain Java loop beats the JNI call (DEPENDENCIES.md §1: ~16³). */
  private static final long SMALL_GEMM = 4096;

  private Blas() {}

  /** netlib logs its backend choice at INFO on every start; {@link #backend()} reports it on request instead. */
  private static java.util.logging.Logger quietNetlib() {
    java.util.logging.Logger log = java.util.logging.Logger.getLogger("dev.ludovic.netlib.blas");
    log.setLevel(java.util.logging.Level.WARNING);
    return log;
  }

  private static BLAS load() {
    if (System.getProperty("dev.ludovic.netlib.blas.nativeLibPath") == null && !"false".equals(System.getProperty("mtl4j.native"))) {
      try {
        Class<?> loader = Class.forName("org.bytedeco.javacpp.Loader");
        Class<?> lib = Class.forName("org.bytedeco.openblas.global.openblas_nolapack");
        String jni = (String) loader.getMethod("load", Class.class).invoke(null, lib);
        File so = new File(new File(jni).getParentFile(), "libopenblas_nolapack.so.0");
        if (so.isFile()) {
          System.setProperty("dev.ludovic.netlib.blas.nativeLibPath", so.getPath());
          lib.getMethod("blas_set_num_threads", int.class).invoke(null, 1);
        }
      } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
        // No native build for this platform: netlib picks its pure-Java backend below.
      }
    }
    return BLAS.getInstance();
  }

  /** Name of the backend in use, e.g. {@code JNIBLAS (OpenBLAS)} or {@code VectorBLAS}. */
  public static String backend() {
    String name = BACKEND.getClass().getSimpleName();
    return name.equals("JNIBLAS") ? "JNIBLAS (native OpenBLAS " + nativeLibrary() + ")" : name + " (pure Java)";
  }

  /** True when GEMMs run in native code. */
  public static boolean isNative() {
    return BACKEND.getClass().getSimpleName().equals("JNIBLAS");
  }

  private static String nativeLibrary() {
    String path = System.getProperty("dev.ludovic.netlib.blas.nativeLibPath", "system");
    return new File(path).getName();
  }

  /**
   * C[m,n] = alpha · op(A)[m,k] · op(B)[k,n] + beta · C, all row-major with leading dimensions lda, ldb, ldc.
   * Row-major C = A·B is column-major Cᵀ = Bᵀ·Aᵀ, so the operands are swapped for the Fortran API.
   */
  public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                           float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                           float beta, float[] c, int cOff, int ldc) {
    if (m == 0 || n == 0) return;
    if ((long) m * n * k <= SMALL_GEMM) {
      smallGemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
      return;
    }
    BACKEND.sgemm(transB ? "T" : "N", transA ? "T" : "N", n, m, k, alpha,
        b, bOff, ldb, a, aOff, lda, beta, c, cOff, ldc);
  }

  /** Σ x_i·y_i over n floats, accumulated in double (BLAS sdsdot): inner products of long gradient vectors. */
  public static float sdsdot(int n, float[] x, int xOff, float[] y, int yOff) {
    return n == 0 ? 0f : BACKEND.sdsdot(n, 0f, x, xOff, 1, y, yOff, 1);
  }

  /** y += a·x over n floats (BLAS saxpy). */
  public static void saxpy(int n, float a, float[] x, int xOff, float[] y, int yOff) {
    if (n > 0) BACKEND.saxpy(n, a, x, xOff, 1, y, yOff, 1);
  }

  /** Reference loop, also the fast path for tiny products where a JNI call costs more than the work. */
  static void smallGemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                        float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                        float beta, float[] c, int cOff, int ldc) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        float sum = 0f;
        for (int p = 0; p < k; p++) {
          float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
          float bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
          sum += av * bv;
        }
        int ci = cOff + i * ldc + j;
        c[ci] = alpha * sum + (beta == 0f ? 0f : beta * c[ci]);
      }
    }
  }
}
