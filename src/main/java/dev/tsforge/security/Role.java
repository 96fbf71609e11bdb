package dev.tsforge.security;

/**
 * What an API key may do; each role includes the ones before it. READ: list, get, forecast. WRITE: ingest, train,
 * backtest, promote, delete. ADMIN: API keys, model import, the actuator beyond health and info.
 */
public enum Role {
    READ,
    WRITE,
    ADMIN;

    String authority() {
        return "ROLE_" + name();
    }
}
