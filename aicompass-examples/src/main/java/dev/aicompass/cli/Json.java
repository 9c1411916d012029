package dev.aicompass.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicompass.units.ByteSize;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** JSON output helpers: one object per line, GiB rounded to 4 decimals. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static BigDecimal gib(ByteSize size) {
    return round(size.toGibibytes(), 4);
  }

  static BigDecimal round(double v, int digits) {
    BigDecimal b = BigDecimal.valueOf(v).setScale(digits, RoundingMode.HALF_EVEN).stripTrailingZeros();
    // 1280 rather than 1.28E+3 (stripping the zeros of a whole number leaves a negative scale)
    return b.scale() < 0 ? b.setScale(0) : b;
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
