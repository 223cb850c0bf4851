package io.mtl4j.nn;

import java.util.List;

/** A layer or network: a spec holding references into a {@link ParameterBuffer}, never values or optimizer state. */
public interface Module {
  List<ParameterBuffer.ParameterRef> parameters();
}
