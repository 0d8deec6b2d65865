package dev.procwire.runtime.internal.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.procwire.runtime.codec.Extension;
import dev.procwire.runtime.codec.MsgPackWriter;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Converts values between JSON and the MsgPack the binding speaks, the way a JavaScript peer would see
 * them: a JSON number becomes the MsgPack number {@code @msgpack/msgpack} would send for it (integral
 * values as ints, others as float64), and an integral double comes back as a JSON integer, as
 * {@code JSON.stringify} writes it. JSON has no bytes: MsgPack bin goes out as a base64 string.
 */
final class JsonValues {
    private JsonValues() {}

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final double TWO_53 = 0x1p53;

    /** Writes a JSON value as MsgPack; {@code null} or a missing node is nil. */
    static void toMsgPack(JsonNode node, MsgPackWriter out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.writeNil();
        } else if (node.isTextual()) {
            out.writeString(node.textValue());
        } else if (node.isBoolean()) {
            out.writeBoolean(node.booleanValue());
        } else if (node.isIntegralNumber()) {
            if (node.canConvertToLong()) {
                out.writeLong(node.longValue());
            } else {
                BigInteger big = node.bigIntegerValue();
                if (big.signum() > 0 && big.bitLength() <= 64) {
                    out.writeUnsignedLong(big.longValue());
                } else {
                    out.writeDouble(big.doubleValue()); // what JSON.parse would have made of it
                }
            }
        } else if (node.isNumber()) {
            out.writeNumber(node.doubleValue());
        } else if (node.isArray()) {
            out.writeArrayHeader(node.size());
            for (JsonNode item : node) {
                toMsgPack(item, out);
            }
        } else if (node.isObject()) {
            out.writeMapHeader(node.size());
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                out.writeString(e.getKey());
                toMsgPack(e.getValue(), out);
            }
        } else if (node.isBinary()) {
            out.writeBinary(binaryOf(node));
        } else {
            throw new IllegalArgumentException("cannot convert JSON " + node.getNodeType() + " to MsgPack");
        }
    }

    private static byte[] binaryOf(JsonNode node) {
        try {
            return node.binaryValue();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * Converts a value of the dynamic MsgPack model ({@link dev.procwire.runtime.codec.MsgPackReader#readValue()})
     * to JSON. Bytes become base64 strings, instants ISO-8601 strings, non-finite floats {@code null}
     * (as {@code JSON.stringify} does), map keys their string form.
     */
    static JsonNode fromValue(Object v) {
        if (v == null) {
            return NODES.nullNode();
        } else if (v instanceof String s) {
            return NODES.textNode(s);
        } else if (v instanceof Long l) {
            return NODES.numberNode(l);
        } else if (v instanceof Double d) {
            return number(d);
        } else if (v instanceof Boolean b) {
            return NODES.booleanNode(b);
        } else if (v instanceof Map<?, ?> m) {
            ObjectNode o = NODES.objectNode();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                o.set(keyOf(e.getKey()), fromValue(e.getValue()));
            }
            return o;
        } else if (v instanceof List<?> list) {
            ArrayNode a = NODES.arrayNode(list.size());
            for (Object item : list) {
                a.add(fromValue(item));
            }
            return a;
        } else if (v instanceof byte[] b) {
            return NODES.binaryNode(b);
        } else if (v instanceof BigInteger b) {
            return NODES.numberNode(b);
        } else if (v instanceof Instant t) {
            return NODES.textNode(t.toString());
        } else if (v instanceof Extension e) {
            ObjectNode o = NODES.objectNode();
            o.put("type", e.type());
            o.put("data", Base64.getEncoder().encodeToString(e.data()));
            return o;
        } else if (v instanceof Number n) {
            return number(n.doubleValue());
        }
        return NODES.textNode(String.valueOf(v));
    }

    private static JsonNode number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return NODES.nullNode();
        }
        if (d == Math.rint(d) && Math.abs(d) <= TWO_53) {
            return NODES.numberNode((long) d);
        }
        return NODES.numberNode(d);
    }

    private static String keyOf(Object key) {
        if (key instanceof String s) {
            return s;
        }
        if (key instanceof byte[] b) {
            return Base64.getEncoder().encodeToString(b);
        }
        JsonNode n = fromValue(key);
        return n.isValueNode() ? n.asText() : n.toString();
    }
}
