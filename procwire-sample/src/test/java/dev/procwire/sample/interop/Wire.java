package dev.procwire.sample.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ArrayValue;
import org.msgpack.value.ExtensionValue;
import org.msgpack.value.MapValue;
import org.msgpack.value.Value;

/**
 * MsgPack for raw-frame tests, through msgpack-core rather than the runtime's own codec, so a codec
 * bug cannot hide itself.
 */
final class Wire {
    private Wire() {}

    /** Encodes maps, lists, strings, integers, doubles, booleans, byte arrays (bin) and null. */
    static byte[] pack(Object v) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            pack(p, v);
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pack(MessageBufferPacker p, Object v) throws IOException {
        if (v == null) {
            p.packNil();
        } else if (v instanceof String s) {
            p.packString(s);
        } else if (v instanceof Integer || v instanceof Long) {
            p.packLong(((Number) v).longValue());
        } else if (v instanceof Double d) {
            p.packDouble(d);
        } else if (v instanceof Boolean b) {
            p.packBoolean(b);
        } else if (v instanceof byte[] b) {
            p.packBinaryHeader(b.length);
            p.writePayload(b);
        } else if (v instanceof Map<?, ?> m) {
            p.packMapHeader(m.size());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                pack(p, e.getKey());
                pack(p, e.getValue());
            }
        } else if (v instanceof List<?> l) {
            p.packArrayHeader(l.size());
            for (Object o : l) {
                pack(p, o);
            }
        } else {
            throw new IllegalArgumentException("cannot pack " + v.getClass());
        }
    }

    /** A map with keys and values alternating, in order. */
    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** Decodes one value: integers as Long (BigInteger above the long range), bin and ext 1 as byte[]. */
    static Object unpack(byte[] bytes) {
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(bytes)) {
            Object v = toJava(u.unpackValue());
            if (u.hasNext()) {
                throw new AssertionError("trailing bytes after the MsgPack value");
            }
            return v;
        } catch (IOException e) {
            throw new AssertionError("payload is not MsgPack: " + e, e);
        }
    }

    private static Object toJava(Value v) {
        switch (v.getValueType()) {
            case NIL: return null;
            case BOOLEAN: return v.asBooleanValue().getBoolean();
            case INTEGER: {
                BigInteger b = v.asIntegerValue().asBigInteger();
                return b.bitLength() < 64 ? (Object) b.longValue() : b;
            }
            case FLOAT: return v.asFloatValue().toDouble();
            case STRING: return new String(v.asStringValue().asByteArray(), StandardCharsets.UTF_8);
            case BINARY: return v.asBinaryValue().asByteArray();
            case ARRAY: {
                ArrayValue a = v.asArrayValue();
                List<Object> l = new ArrayList<>(a.size());
                for (Value e : a) {
                    l.add(toJava(e));
                }
                return l;
            }
            case MAP: {
                MapValue m = v.asMapValue();
                Map<Object, Object> out = new LinkedHashMap<>();
                for (Map.Entry<Value, Value> e : m.entrySet()) {
                    out.put(toJava(e.getKey()), toJava(e.getValue()));
                }
                return out;
            }
            case EXTENSION: {
                ExtensionValue x = v.asExtensionValue();
                if (x.getType() == 1) {
                    return x.getData();
                }
                if (x.isTimestampValue()) {
                    return x.asTimestampValue().toInstant();
                }
                return List.of("ext", (long) x.getType(), x.getData());
            }
            default: throw new AssertionError("unexpected value type " + v.getValueType());
        }
    }

}
