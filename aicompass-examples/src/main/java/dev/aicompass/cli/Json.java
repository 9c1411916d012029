package dev.aicompass.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicompass.units.ByteSize;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** JSON output helpers: one object per line, GiB rounded to 4 decimals. */
final class Json {
  /** Writes BigDecimals plainly: 2000, not 2E+3 (what stripTrailingZeros leaves for round numbers). */
  static final ObjectMapper MAPPER = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static BigDecimal gib(ByteSize size) {
    return round(size.toGibibytes(), 4);
  }

  static BigDecimal round(double v, int digits) {
    return BigDecimal.valueOf(v).setScale(digits, RoundingMode.HALF_EVEN).stripTrailingZeros();
  }

  static String write(ObjectNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String error(String message) {
    ObjectNode n = object();
    n.put("error", message);
    return write(n);
  }
}
