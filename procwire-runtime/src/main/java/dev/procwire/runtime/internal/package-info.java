/**
 * The runtime's own workings: the control plane, the data-plane transport, frames, dispatch, the
 * JSON-RPC mode and native memory kept between uses. Not exported by the module, and not API on the
 * class path either: any of it may change from one release to the next. The layers depend downwards
 * only: {@code transport} on {@code frame}, {@code dispatch} on {@code frame} and {@code binding},
 * {@code frame} (and the Arrow codec) on {@code memory}.
 */
package dev.procwire.runtime.internal;
