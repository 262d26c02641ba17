package io.getty.internal;

/**
 * Runs one session's listener callbacks one at a time, in the order they were handed
 * over. Always called on the session's I/O thread.
 */
interface Dispatcher {

	/**
	 * Run or queue a callback.
	 * @param task the callback, which handles its own exceptions
	 */
	void dispatch(Runnable task);

	/**
	 * Return whether callbacks run on the I/O thread itself.
	 * @return {@code true} when inline
	 */
	boolean inline();

	/**
	 * Return whether so many callbacks wait that no more packages should be decoded for
	 * now.
	 * @return {@code true} while backpressure applies
	 */
	default boolean saturated() {
		return false;
	}

	/** Runs callbacks right away on the I/O thread: Getty's default without a task pool. */
	Dispatcher INLINE = new Dispatcher() {

		@Override
		public void dispatch(Runnable task) {
			task.run();
		}

		@Override
		public boolean inline() {
			return true;
		}

	};

}
