package io.getty.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session's close callbacks: keyed by {@code (handler, key)}, replaced in place,
 * removed as a no-op when absent, run once in insertion order.
 */
final class CloseCallbacks {

	private static final Logger logger = LoggerFactory.getLogger(CloseCallbacks.class);

	// LinkedHashMap keeps insertion order and keeps a replaced entry where it was.
	private final Map<Key, Runnable> callbacks = new LinkedHashMap<>();

	private boolean ran;

	/**
	 * Add or replace a callback; ignored once the callbacks ran.
	 * @return {@code false} if ignored
	 */
	synchronized boolean add(Object handler, Object key, Runnable callback) {
		Objects.requireNonNull(callback, "callback");
		if (this.ran) {
			return false;
		}
		this.callbacks.put(new Key(handler, key), callback);
		return true;
	}

	synchronized void remove(Object handler, Object key) {
		if (!this.ran) {
			this.callbacks.remove(new Key(handler, key));
		}
	}

	synchronized int size() {
		return this.callbacks.size();
	}

	/**
	 * Run every callback once, in order; later calls do nothing. A callback that throws
	 * is logged and the next one still runs.
	 */
	void runOnce(String sessionDescription) {
		List<Map.Entry<Key, Runnable>> toRun;
		synchronized (this) {
			if (this.ran) {
				return;
			}
			this.ran = true;
			toRun = new ArrayList<>(this.callbacks.entrySet());
			this.callbacks.clear();
		}
		for (Map.Entry<Key, Runnable> entry : toRun) {
			try {
				entry.getValue().run();
			}
			catch (Throwable ex) {
				logger.error("Close callback {} of {} failed; the remaining callbacks still run", entry.getKey(),
						sessionDescription, ex);
			}
		}
	}

	private record Key(Object handler, Object key) {

		Key {
			Objects.requireNonNull(handler, "handler");
			Objects.requireNonNull(key, "key");
		}

		@Override
		public String toString() {
			return "(" + this.handler + ", " + this.key + ")";
		}

	}

}
