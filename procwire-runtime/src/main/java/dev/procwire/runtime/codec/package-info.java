/**
 * MsgPack as the parent's codec writes and reads it: {@link dev.procwire.runtime.codec.MsgPackReader}
 * and {@link dev.procwire.runtime.codec.MsgPackWriter}, and the helpers generated codecs call
 * ({@link dev.procwire.runtime.codec.Codecs}, {@link dev.procwire.runtime.codec.MapKeys},
 * {@link dev.procwire.runtime.codec.StringForm}). Used by generated code, and by handlers registered by
 * name with {@link dev.procwire.runtime.binding.Handlers}.
 */
package dev.procwire.runtime.codec;
