package io.getty.boot.autoconfigure;

import io.getty.SessionOptions;
import io.getty.TaskPool;
import io.getty.tcp.TcpClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The property defaults are getty-core's defaults.
 */
class GettyPropertiesTests {

	@Test
	void sessionDefaultsMatchGettyCore() {
		GettyProperties.Server server = new GettyProperties.Server();
		SessionOptions core = SessionOptions.defaults();
		GettyProperties.Session session = server.getSession();
		assertThat(session.getName()).isEqualTo(core.name());
		assertThat(session.getMaxMsgLen().toBytes()).isEqualTo(core.maxMsgLen());
		assertThat(session.getReadTimeout()).isEqualTo(core.readTimeout());
		assertThat(session.getWriteTimeout()).isEqualTo(core.writeTimeout());
		assertThat(session.getCronPeriod()).isEqualTo(core.cronPeriod());
		assertThat(session.getWaitTime()).isEqualTo(core.waitTime());
		assertThat(session.getIdleTimeout()).isEqualTo(core.idleTimeout());
		assertThat(server.getWriteBuffer().getLowWaterMark().toBytes()).isEqualTo(core.writeBufferLowWaterMark());
		assertThat(server.getWriteBuffer().getHighWaterMark().toBytes()).isEqualTo(core.writeBufferHighWaterMark());
		assertThat(server.getWriteBuffer().getMaxOutbound().toBytes()).isEqualTo(core.maxOutboundBytes());
		assertThat(server.getTaskPool().getType()).isEqualTo(GettyProperties.TaskPoolType.NONE);
		assertThat(server.getTaskPool().getMaxPendingPerSession()).isEqualTo(TaskPool.DEFAULT_MAX_PENDING_PER_SESSION);
		assertThat(server.getType()).isEqualTo(GettyProperties.Type.TCP);
		assertThat(server.getCodec()).isNull();
		assertThat(server.getLengthField().getHeaderLength()).isEqualTo(4);
		assertThat(server.getLengthField().getByteOrder()).isEqualTo(GettyProperties.ByteOrder.BIG_ENDIAN);
	}

	@Test
	void clientDefaultsMatchGettyCore() {
		GettyProperties.Client client = new GettyProperties.Client();
		assertThat(client.getConnectionNumber()).isEqualTo(1);
		assertThat(client.getReconnectInterval()).isEqualTo(TcpClient.DEFAULT_RECONNECT_INTERVAL);
		assertThat(client.getReconnectAttempts()).isEqualTo(TcpClient.DEFAULT_RECONNECT_ATTEMPTS);
		assertThat(client.getMaxBackoffMultiplier()).isEqualTo(TcpClient.DEFAULT_MAX_BACKOFF_MULTIPLIER);
		assertThat(client.getConnectTimeout()).isEqualTo(TcpClient.DEFAULT_CONNECT_TIMEOUT);
	}

	@Test
	void anUnconfiguredEndpointGetsExactlyTheCoreSessionOptions() {
		GettyProperties properties = new GettyProperties();
		properties.getServers().put("echo", new GettyProperties.Server());
		GettyEndpointFactory factory = new GettyEndpointFactory(properties,
				new io.getty.boot.context.GettyEndpointRegistry(java.util.Set.of("echo")), java.util.List.of(),
				new org.springframework.mock.env.MockEnvironment(),
				new org.springframework.beans.factory.support.DefaultListableBeanFactory()
					.getBeanProvider(org.springframework.boot.ssl.SslBundles.class));
		io.getty.tcp.TcpServer server = (io.getty.tcp.TcpServer) factory.create("echo");
		assertThat(server.sessionOptions()).usingRecursiveComparison().isEqualTo(SessionOptions.defaults());
	}

}
