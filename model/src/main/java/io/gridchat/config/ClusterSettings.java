package io.gridchat.config;

import java.util.List;

/**
 * Where the grid is.
 *
 * @param name        Hazelcast cluster name; members and edge clients must agree
 * @param members     member addresses (host:port) members join and clients connect to
 * @param bindAddress interface members bind to
 * @param memberPort  first port a member tries; it counts up when taken
 */
public record ClusterSettings(String name, List<String> members, String bindAddress, int memberPort) {
    public ClusterSettings {
        ConfigException.check(name != null && !name.isBlank(), "cluster.name", "must not be empty");
        ConfigException.check(members != null && !members.isEmpty(), "cluster.members", "must list a member");
        members = List.copyOf(members);
        ConfigException.check(memberPort > 0 && memberPort < 65536, "cluster.memberPort", "must be a port");
    }
}
