package io.getty.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The getty sample application. Every endpoint is declared in {@code application.yml}
 * and handled by the beans of this package:
 *
 * <ul>
 * <li>{@code echo}, TCP on 7070: 4-byte big-endian length, then the payload, sent back
 * ({@link io.getty.sample.echo});</li>
 * <li>{@code hello}, TCP on 7071, and {@code hello-client}: the full-duplex scenario of
 * GoFrame's gtcp guide, 2-byte length and JSON {@code {"Act": ..., "Data": ...}}
 * ({@link io.getty.sample.hello});</li>
 * <li>{@code chat}, WebSocket on 7072 at {@code /chat}: every text message goes to every
 * chat session ({@link io.getty.sample.chat});</li>
 * <li>{@code udp-echo}, UDP on 7073: every datagram goes back to its sender
 * ({@link io.getty.sample.udp});</li>
 * <li>the actuator on 8080: {@code health}, {@code metrics}, {@code prometheus} and
 * {@code getty}.</li>
 * </ul>
 *
 * @author getty team
 * @since 0.1.0
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GettySampleApplication {

	/**
	 * Start the application.
	 * @param args the command line arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(GettySampleApplication.class, args);
	}

}
