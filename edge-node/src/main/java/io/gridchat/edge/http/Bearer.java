package io.gridchat.edge.http;

import jakarta.servlet.http.HttpServletRequest;

/** Reads the token of {@code Authorization: Bearer <token>}. */
public final class Bearer {
    private Bearer() {
    }

    public static String token(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.startsWith("Bearer ") ? header.substring(7).trim() : null;
    }
}
