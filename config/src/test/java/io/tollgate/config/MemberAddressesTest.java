package io.tollgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which member addresses are private, one row per address class and its edges (literals only, no lookups). */
class MemberAddressesTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
        "127.0.0.1        | private  | IPv4 loopback",
        "127.255.255.254  | private  | IPv4 loopback, top of 127/8",
        "::1              | private  | IPv6 loopback",
        "10.0.0.1         | private  | RFC 1918 10/8",
        "10.255.255.255   | private  | RFC 1918 10/8, top",
        "172.16.0.1       | private  | RFC 1918 172.16/12, bottom",
        "172.31.255.254   | private  | RFC 1918 172.16/12, top",
        "172.15.255.255   | public   | just below 172.16/12",
        "172.32.0.1       | public   | just above 172.16/12",
        "192.168.1.10     | private  | RFC 1918 192.168/16",
        "192.169.0.1      | public   | just above 192.168/16",
        "169.254.10.20    | private  | IPv4 link-local",
        "fe80::1          | private  | IPv6 link-local",
        "fc00::1          | private  | IPv6 unique local fc00::/7, lower half",
        "fd12:3456::1     | private  | IPv6 unique local fc00::/7, upper half",
        "fe00::1          | public   | just above fc00::/7, below link-local",
        "fb00::1          | public   | just below fc00::/7",
        "100.64.0.1       | private  | carrier-grade NAT 100.64/10, bottom",
        "100.127.255.254  | private  | carrier-grade NAT 100.64/10, top",
        "100.63.255.255   | public   | just below 100.64/10",
        "100.128.0.1      | public   | just above 100.64/10",
        "::ffff:10.1.2.3  | private  | IPv4-mapped private",
        "::ffff:8.8.8.8   | public   | IPv4-mapped public",
        "8.8.8.8          | public   | public IPv4",
        "203.0.113.7      | public   | documentation range, routable as far as a member can tell",
        "2001:db8::1      | public   | global-unicast IPv6",
        "0.0.0.0          | wildcard | IPv4 wildcard",
        "::               | wildcard | IPv6 wildcard",
    })
    void shouldClassify(String literal, String expected, String why) throws UnknownHostException {
        InetAddress address = InetAddress.getByName(literal);
        String actual = MemberAddresses.refusal(address)
                .map(reason -> reason.startsWith("a wildcard") ? "wildcard" : "public").orElse("private");
        assertThat(actual).as(why).isEqualTo(expected);
    }
}
