package io.gridchat.config;

/** All of gridchat's configuration, immutable; built once per process by {@link ConfigLoader}. */
public record GridchatConfig(ClusterSettings cluster, GridSettings grid, EdgeSettings edge, MysqlSettings mysql,
                             EmbeddedSettings embedded, AuthSettings auth, LimitSettings limits,
                             PresenceSettings presence, RoomSettings rooms) {
}
