package io.getty.boot.context;

import java.util.concurrent.CompletableFuture;

import io.getty.Session;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link GettySessions}: the current session is the one whose callback runs,
 * nested callbacks restore the outer one, and outside callbacks there is none.
 */
class GettySessionsTests {

	private final Session first = mock(Session.class);

	private final Session second = mock(Session.class);

	@Test
	void thereIsNoSessionOutsideACallback() {
		assertThat(GettySessions.current()).isEmpty();
		Session previous = GettySessions.enter(this.first);
		GettySessions.restore(previous);
		assertThat(GettySessions.current()).isEmpty();
	}

	@Test
	void aCallbackSeesItsSessionAndANestedOneRestoresIt() {
		Session outer = GettySessions.enter(this.first);
		assertThat(outer).isNull();
		assertThat(GettySessions.current()).containsSame(this.first);

		Session inner = GettySessions.enter(this.second);
		assertThat(inner).isSameAs(this.first);
		assertThat(GettySessions.current()).containsSame(this.second);

		GettySessions.restore(inner);
		assertThat(GettySessions.current()).containsSame(this.first);
		GettySessions.restoreAfterLast(outer);
		assertThat(GettySessions.current()).isEmpty();
	}

	@Test
	void theSameSessionAgainIsCurrentAgain() {
		for (int i = 0; i < 3; i++) {
			Session previous = GettySessions.enter(this.first);
			assertThat(GettySessions.current()).containsSame(this.first);
			GettySessions.restore(previous);
			assertThat(GettySessions.current()).isEmpty();
		}
	}

	@Test
	void eachThreadHasItsOwn() throws Exception {
		Session previous = GettySessions.enter(this.first);
		try {
			assertThat(CompletableFuture.supplyAsync(() -> GettySessions.current().isPresent()).get()).isFalse();
		}
		finally {
			GettySessions.restore(previous);
		}
	}

}
