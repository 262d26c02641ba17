package io.getty.fuzz;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

import io.getty.EndPoint;
import io.getty.Session;

/**
 * {@link Session} stubs for the fuzz targets: only {@link Session#id()},
 * {@link Session#endPoint()} (whose {@link EndPoint#name()} is {@value #ENDPOINT_NAME})
 * and {@link Session#maxMsgLen()} work, which is all a codec may use; every other method
 * throws {@link UnsupportedOperationException}, so a codec that reaches for more fails
 * the fuzz target.
 */
final class FuzzSessions {

	static final long SESSION_ID = 7;

	static final String ENDPOINT_NAME = "fuzz-endpoint";

	private static final EndPoint END_POINT = proxy(EndPoint.class, (proxy, method, args) -> {
		if (method.getDeclaringClass() == Object.class) {
			return objectMethod(proxy, method, args, "EndPoint[" + ENDPOINT_NAME + "]");
		}
		if (method.getName().equals("name") && method.getParameterCount() == 0) {
			return ENDPOINT_NAME;
		}
		throw new UnsupportedOperationException("fuzz EndPoint stub does not support " + method);
	});

	private FuzzSessions() {
	}

	/**
	 * Return a session whose {@code maxMsgLen()} is {@code maxMsgLen} (0: no limit).
	 */
	static Session withMaxMsgLen(int maxMsgLen) {
		return proxy(Session.class, (proxy, method, args) -> {
			if (method.getDeclaringClass() == Object.class) {
				return objectMethod(proxy, method, args, "Session[" + SESSION_ID + ", maxMsgLen=" + maxMsgLen + "]");
			}
			if (method.getParameterCount() == 0) {
				switch (method.getName()) {
					case "id":
						return SESSION_ID;
					case "endPoint":
						return END_POINT;
					case "maxMsgLen":
						return maxMsgLen;
					default:
						break;
				}
			}
			throw new UnsupportedOperationException("fuzz Session stub does not support " + method);
		});
	}

	private static <T> T proxy(Class<T> type, InvocationHandler handler) {
		return type.cast(Proxy.newProxyInstance(FuzzSessions.class.getClassLoader(), new Class<?>[] { type }, handler));
	}

	private static Object objectMethod(Object proxy, Method method, Object[] args, String description) {
		return switch (method.getName()) {
			case "toString" -> description;
			case "hashCode" -> System.identityHashCode(proxy);
			case "equals" -> proxy == args[0];
			default -> throw new UnsupportedOperationException(method.toString());
		};
	}

}
