package io.getty.boot.autoconfigure;

import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every property is described: in the configuration metadata the IDE reads, and in the
 * README's configuration reference. The metadata holds only what the configuration
 * processor can see, {@code getty.servers}, {@code getty.clients} and the other top-level
 * properties: it does not describe the properties of a map's values, so the README is
 * where each endpoint property is documented, and the second test holds it to that.
 */
class GettyPropertiesDocumentationTests {

	@Test
	void everyPropertyInTheGeneratedMetadataHasADescription() throws Exception {
		JsonNode metadata;
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			metadata = JsonMapper.builder().build().readTree(in);
		}
		List<String> names = new ArrayList<>();
		for (JsonNode property : metadata.get("properties")) {
			String name = property.get("name").asString();
			names.add(name);
			assertThat(property.has("description") && !property.get("description").asString().isBlank())
				.as("description of %s", name)
				.isTrue();
		}
		assertThat(names).contains("getty.servers", "getty.clients");
	}

	@Test
	void theReadmeDocumentsEveryServerAndClientProperty() throws Exception {
		String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
		List<String> paths = new ArrayList<>();
		collect(GettyProperties.Server.class, "", paths);
		collect(GettyProperties.Client.class, "", paths);
		assertThat(paths).contains("port", "session.max-msg-len", "server-address", "write-buffer.max-outbound");
		for (String path : paths) {
			assertThat(readme).as("README entry for %s", path).contains("`" + path + "`");
		}
	}

	private static void collect(Class<?> type, String prefix, List<String> paths) throws Exception {
		for (PropertyDescriptor descriptor : Introspector.getBeanInfo(type, Object.class).getPropertyDescriptors()) {
			String name = prefix + kebab(descriptor.getName());
			Class<?> propertyType = descriptor.getPropertyType();
			if (isLeaf(propertyType)) {
				if (descriptor.getWriteMethod() != null && !paths.contains(name)) {
					paths.add(name);
				}
			}
			else if (!Map.class.isAssignableFrom(propertyType)) {
				collect(propertyType, name + ".", paths);
			}
		}
	}

	private static boolean isLeaf(Class<?> type) {
		return type.isPrimitive() || type.isEnum() || type == String.class || type == Integer.class
				|| type == Duration.class || type == DataSize.class || type == Class.class
				|| java.util.Collection.class.isAssignableFrom(type);
	}

	private static String kebab(String name) {
		return name.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase();
	}

}
