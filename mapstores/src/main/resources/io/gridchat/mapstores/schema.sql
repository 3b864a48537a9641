-- gridchat schema: the same tables in every shard database. ShardPools.migrate() applies it on every member
-- start, so every statement must be idempotent. Works on MySQL 8 and MariaDB 11.
-- Keys compare byte for byte (utf8mb4_bin), as Hazelcast compares keys. Text columns that are not keys accept
-- NULL on purpose: a row the database refuses would block the write-behind queue forever.

CREATE TABLE IF NOT EXISTS users (
    user_id       VARCHAR(64)  NOT NULL,
    username      VARCHAR(32)  NULL,
    display_name  VARCHAR(100) NULL,
    password_hash VARCHAR(255) NULL,
    created_at    BIGINT       NOT NULL,
    PRIMARY KEY (user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS usernames (
    username VARCHAR(32) NOT NULL,
    user_id  VARCHAR(64) NULL,
    PRIMARY KEY (username)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS rooms (
    room_id    VARCHAR(64)   NOT NULL,
    name       VARCHAR(200)  NULL,
    kind       VARCHAR(16)   NULL,
    topic      VARCHAR(1000) NULL,
    capacity   INT           NOT NULL,
    owner_id   VARCHAR(64)   NULL,
    created_at BIGINT        NOT NULL,
    PRIMARY KEY (room_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS memberships (
    room_id   VARCHAR(64) NOT NULL,
    user_id   VARCHAR(64) NOT NULL,
    role      VARCHAR(16) NULL,
    joined_at BIGINT      NOT NULL,
    PRIMARY KEY (room_id, user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- text: up to 4000 code points, at most 16000 bytes in utf8mb4, well inside TEXT's 65535.
CREATE TABLE IF NOT EXISTS messages (
    room_id       VARCHAR(64)  NOT NULL,
    seq           BIGINT       NOT NULL,
    msg_id        VARCHAR(100) NULL,
    sender_id     VARCHAR(64)  NULL,
    text          TEXT         NULL,
    ts            BIGINT       NOT NULL,
    client_msg_id VARCHAR(64)  NULL,
    PRIMARY KEY (room_id, seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- A user's offline queue as cursors: a line "roomId,fromSeq,lastSeq" per room with missed messages.
CREATE TABLE IF NOT EXISTS offline_marks (
    user_id VARCHAR(64) NOT NULL,
    marks   MEDIUMTEXT  NOT NULL,
    PRIMARY KEY (user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- How far each member read (seq) and got delivered (delivered_seq) each room; sharded by room like memberships.
CREATE TABLE IF NOT EXISTS read_positions (
    room_id       VARCHAR(64) NOT NULL,
    user_id       VARCHAR(64) NOT NULL,
    seq           BIGINT      NOT NULL,
    delivered_seq BIGINT      NOT NULL,
    updated_at    BIGINT      NOT NULL,
    PRIMARY KEY (room_id, user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- A user's friends as one line per friend id; sharded by user.
CREATE TABLE IF NOT EXISTS friend_lists (
    user_id    VARCHAR(64) NOT NULL,
    friend_ids MEDIUMTEXT  NOT NULL,
    PRIMARY KEY (user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Pending friend requests; sharded by request id.
CREATE TABLE IF NOT EXISTS friend_requests (
    request_id   VARCHAR(64) NOT NULL,
    from_user_id VARCHAR(64) NOT NULL,
    to_user_id   VARCHAR(64) NOT NULL,
    created_at   BIGINT      NOT NULL,
    PRIMARY KEY (request_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Users barred from a room (they may not join or read it); sharded by room like memberships.
CREATE TABLE IF NOT EXISTS room_bans (
    room_id   VARCHAR(64) NOT NULL,
    user_id   VARCHAR(64) NOT NULL,
    banned_by VARCHAR(64) NULL,
    banned_at BIGINT      NOT NULL,
    PRIMARY KEY (room_id, user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The shared focus timer of a study room; sharded by room.
CREATE TABLE IF NOT EXISTS room_timers (
    room_id      VARCHAR(64) NOT NULL,
    state        VARCHAR(16) NULL,
    duration_ms  BIGINT      NOT NULL,
    ends_at      BIGINT      NOT NULL,
    remaining_ms BIGINT      NOT NULL,
    changed_by   VARCHAR(64) NULL,
    changed_at   BIGINT      NOT NULL,
    PRIMARY KEY (room_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
