package io.getty.sample;

import java.util.List;

import io.getty.boot.autoconfigure.GettyProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every option {@code application.yml} sets is one getty or the sample knows: a
 * misspelt option would otherwise be ignored without a word.
 */
class ApplicationYamlTests {

	@Test
	void everyGettyAndSampleOptionInApplicationYamlBindsToAProperty() throws Exception {
		List<PropertySource<?>> yaml = new YamlPropertySourceLoader().load("application.yml",
				new ClassPathResource("application.yml"));
		Binder binder = new Binder(ConfigurationPropertySources.from(yaml));
		GettyProperties getty = binder
			.bind("getty", Bindable.of(GettyProperties.class), new NoUnboundElementsBindHandler(BindHandler.DEFAULT))
			.get();
		assertThat(getty.getServers()).containsOnlyKeys("echo", "hello", "chat", "udp-echo");
		assertThat(getty.getClients()).containsOnlyKeys("hello-client");
		assertThat(getty.getServers().get("hello").getJson().getType()).isEqualTo(io.getty.sample.hello.Msg.class);
		assertThat(getty.getServers().get("hello").getLengthField().getHeaderLength()).isEqualTo(2);
		SampleProperties sample = binder
			.bind("sample", Bindable.of(SampleProperties.class), new NoUnboundElementsBindHandler(BindHandler.DEFAULT))
			.get();
		assertThat(sample.hello().exitDelay()).hasSeconds(10);
		assertThat(sample.helloClient().helloDelay()).hasSeconds(3);
		assertThat(sample.helloClient().greeting()).isEqualTo("My name's John!");
	}

	@Test
	void theEndpointsListenOnTheDocumentedPorts() throws Exception {
		List<PropertySource<?>> yaml = new YamlPropertySourceLoader().load("application.yml",
				new ClassPathResource("application.yml"));
		Binder binder = new Binder(ConfigurationPropertySources.from(yaml));
		GettyProperties getty = binder.bind("getty", GettyProperties.class).get();
		assertThat(getty.getServers().get("echo").getPort()).isEqualTo(7070);
		assertThat(getty.getServers().get("hello").getPort()).isEqualTo(7071);
		assertThat(getty.getServers().get("chat").getPort()).isEqualTo(7072);
		assertThat(getty.getServers().get("chat").getPath()).isEqualTo("/chat");
		assertThat(getty.getServers().get("udp-echo").getPort()).isEqualTo(7073);
		assertThat(getty.getClients().get("hello-client").getServerAddress())
			.isEqualTo("127.0.0.1:${local.getty.servers.hello.port}");
		assertThat(binder.bind("server.port", Integer.class).get()).isEqualTo(8080);
	}

}
