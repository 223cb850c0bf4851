package io.mtl4j.cli.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchIllegalArgumentException;

import io.mtl4j.data.ChunkFormat;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How a data file's format is chosen. mtl4j-parquet is always on the test classpath, so the refusal of a Parquet file
 * without it is tested by handing {@link DataTables#refuseUnreadable} what a lookup without the module finds: nothing.
 */
class DataTablesTest {
  @ParameterizedTest
  @ValueSource(strings = {"data.train", "data.valid", "data.test", "--input"})
  void aParquetFileWithoutItsModuleIsRefusedNamingTheKeyOfThatFile(String key) {
    Path file = Path.of("part", key.replace("data.", "").replace("--", "") + ".parquet");
    String message = catchIllegalArgumentException(() -> DataTables.refuseUnreadable(key, file, Optional.empty()))
        .getMessage();
    assertThat(message).startsWith(key + " = " + file + ": reading Parquet needs the mtl4j-parquet module");
    for (String other : new String[] {"data.train", "data.valid", "data.test"}) {
      if (!other.equals(key)) assertThat(message).doesNotContain(other);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"rows.csv", "rows.txt.gz", "rows"})
  void aFileOfNoRegisteredExtensionOtherThanParquetIsCsv(String name) {
    assertThat(DataTables.refuseUnreadable("data.valid", Path.of(name), Optional.empty())).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"rows.parquet", "rows.libsvm", "rows.arff.gz"})
  void aRegisteredFormatIsChosenByExtension(String name) {
    Optional<ChunkFormat> found = DataTables.format("data.test", Path.of(name));
    assertThat(found).get().extracting(ChunkFormat::extensions).asList().contains(ChunkFormat.extension(Path.of(name)));
  }
}
