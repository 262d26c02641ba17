package io.getty.internal;

import java.util.Set;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.CharsetUtil;

/**
 * Answers HTTP requests that are not a WebSocket upgrade on the right path with a clear
 * 4xx, so a browser or curl pointed at the port learns what is wrong: 404 for another
 * path, 405 for a method other than GET, 403 for an origin that is not allowed, 426 for a
 * plain request on the WebSocket path.
 */
final class WebSocketRequestFilter extends SimpleChannelInboundHandler<FullHttpRequest> {

	private final String path;

	private final Set<String> allowedOrigins;

	WebSocketRequestFilter(String path, Set<String> allowedOrigins) {
		super(false);
		this.path = path;
		this.allowedOrigins = allowedOrigins;
	}

	@Override
	protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
		String requestPath = new QueryStringDecoder(request.uri()).path();
		HttpResponseStatus refusal = null;
		String reason = null;
		if (!this.path.equals(requestPath)) {
			refusal = HttpResponseStatus.NOT_FOUND;
			reason = "No WebSocket endpoint at " + requestPath + "; connect to " + this.path;
		}
		else if (!HttpMethod.GET.equals(request.method())) {
			refusal = HttpResponseStatus.METHOD_NOT_ALLOWED;
			reason = "A WebSocket handshake is a GET request";
		}
		else if (!originAllowed(request.headers().get(HttpHeaderNames.ORIGIN))) {
			refusal = HttpResponseStatus.FORBIDDEN;
			reason = "Origin " + request.headers().get(HttpHeaderNames.ORIGIN) + " is not allowed";
		}
		else if (!request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
			refusal = HttpResponseStatus.UPGRADE_REQUIRED;
			reason = "This is a WebSocket endpoint: send a WebSocket upgrade request";
		}
		if (refusal == null) {
			ctx.fireChannelRead(request);
			return;
		}
		request.release();
		FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, refusal,
				Unpooled.copiedBuffer(reason + "\n", CharsetUtil.UTF_8));
		response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8");
		if (refusal == HttpResponseStatus.UPGRADE_REQUIRED) {
			response.headers().set(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET);
		}
		HttpUtil.setContentLength(response, response.content().readableBytes());
		ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
	}

	private boolean originAllowed(String origin) {
		// No list means every origin, as in Getty; a request without an Origin header is
		// not from a browser page, so there is nothing to protect.
		return this.allowedOrigins.isEmpty() || origin == null || this.allowedOrigins.contains(origin);
	}

}
