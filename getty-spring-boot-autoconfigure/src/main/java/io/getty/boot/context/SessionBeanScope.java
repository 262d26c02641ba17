package io.getty.boot.context;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.getty.Session;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectFactory;
import org.springframework.beans.factory.config.Scope;

/**
 * The {@code getty-session} scope: one bean instance per session, created on first use
 * inside a listener callback and destroyed by the session's close callbacks, after
 * {@code onClose}.
 *
 * @author getty team
 * @since 0.1.0
 */
public class SessionBeanScope implements Scope {

	/** The attribute under which a session keeps its scoped beans. */
	private static final Object BEANS_ATTRIBUTE = SessionBeanScope.class.getName() + ".beans";

	@Override
	public Object get(String name, ObjectFactory<?> objectFactory) {
		Map<String, Object> beans = beans(currentSession(name));
		Object bean = beans.get(name);
		if (bean == null) {
			// Callbacks of one session never overlap, so there is no race within a session.
			bean = objectFactory.getObject();
			beans.put(name, bean);
		}
		return bean;
	}

	@Override
	public @Nullable Object remove(String name) {
		Session session = currentSession(name);
		session.removeCloseCallback(this, name);
		return beans(session).remove(name);
	}

	@Override
	public void registerDestructionCallback(String name, Runnable callback) {
		currentSession(name).addCloseCallback(this, name, callback);
	}

	@Override
	public @Nullable Object resolveContextualObject(String key) {
		return "session".equals(key) ? GettySessions.current().orElse(null) : null;
	}

	@Override
	public @Nullable String getConversationId() {
		return GettySessions.current().map((session) -> Long.toString(session.id())).orElse(null);
	}

	private static Session currentSession(String beanName) {
		return GettySessions.current()
			.orElseThrow(() -> new IllegalStateException("Bean '" + beanName + "' has the getty-session scope but no "
					+ "getty session callback runs on thread '" + Thread.currentThread().getName()
					+ "'; use it only from a getty listener's callbacks"));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> beans(Session session) {
		Map<String, Object> beans = (Map<String, Object>) session.getAttribute(BEANS_ATTRIBUTE);
		if (beans == null) {
			beans = new ConcurrentHashMap<>();
			session.setAttribute(BEANS_ATTRIBUTE, beans);
		}
		return beans;
	}

}
