/**
 * The {@code hello} server and {@code hello-client}: GoFrame gtcp's asynchronous
 * full-duplex example, with gtcp's 2-byte length header and JSON messages.
 */
package io.getty.sample.hello;
