package io.getty.codec;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

import io.getty.EndPoint;
import io.getty.Session;

/**
 * {@link Session} stubs for codec tests: only {@link Session#id()},
 * {@link Session#endPoint()} (whose {@link EndPoint#name()} is {@value #ENDPOINT_NAME})
 * and {@link Session#maxMsgLen()} / {@link Session#setMaxMsgLen(int)} work; every other
 * method throws {@link UnsupportedOperationException}.
 */
final class TestSessions {

	static final long SESSION_ID = 42;

	static final String ENDPOINT_NAME = "test-endpoint";

	private TestSessions() {
	}

	/**
	 * Return a session without a package size limit.
	 */
	static Session unlimited() {
		return withMaxMsgLen(0);
	}

	/**
	 * Return a session whose {@code maxMsgLen()} starts at {@code maxMsgLen}.
	 */
	static Session withMaxMsgLen(int maxMsgLen) {
		EndPoint endPoint = proxy(EndPoint.class, new EndPointHandler());
		return proxy(Session.class, new SessionHandler(endPoint, maxMsgLen));
	}

	private static <T> T proxy(Class<T> type, InvocationHandler handler) {
		return type.cast(Proxy.newProxyInstance(TestSessions.class.getClassLoader(), new Class<?>[] { type }, handler));
	}

	private static Object objectMethod(Object proxy, Method method, Object[] args, String description) {
		return switch (method.getName()) {
			case "toString" -> description;
			case "hashCode" -> System.identityHashCode(proxy);
			case "equals" -> proxy == args[0];
			default -> throw new UnsupportedOperationException(method.toString());
		};
	}

	private static final class EndPointHandler implements InvocationHandler {

		@Override
		public Object invoke(Object proxy, Method method, Object[] args) {
			if (method.getDeclaringClass() == Object.class) {
				return objectMethod(proxy, method, args, "EndPoint[" + ENDPOINT_NAME + "]");
			}
			if (method.getName().equals("name") && method.getParameterCount() == 0) {
				return ENDPOINT_NAME;
			}
			throw new UnsupportedOperationException("test EndPoint stub does not support " + method);
		}

	}

	private static final class SessionHandler implements InvocationHandler {

		private final EndPoint endPoint;

		private volatile int maxMsgLen;

		SessionHandler(EndPoint endPoint, int maxMsgLen) {
			this.endPoint = endPoint;
			this.maxMsgLen = maxMsgLen;
		}

		@Override
		public Object invoke(Object proxy, Method method, Object[] args) {
			if (method.getDeclaringClass() == Object.class) {
				return objectMethod(proxy, method, args, "Session[" + SESSION_ID + ", maxMsgLen=" + this.maxMsgLen + "]");
			}
			switch (method.getName()) {
				case "id":
					if (method.getParameterCount() == 0) {
						return SESSION_ID;
					}
					break;
				case "endPoint":
					return this.endPoint;
				case "maxMsgLen":
					return this.maxMsgLen;
				case "setMaxMsgLen":
					this.maxMsgLen = (Integer) args[0];
					return null;
				default:
					break;
			}
			throw new UnsupportedOperationException("test Session stub does not support " + method);
		}

	}

}
