package dev.mconats.mco;

/**
 * A request that passed every check (protocol, signature, CA chain, caller, TTL), together with the
 * unsigned transport headers it arrived with (notably the reply subject).
 *
 * @param certname CN of the certificate that signed the request
 */
public record DecodedRequest(Request request, TransportHeaders headers, String certname) {
}
