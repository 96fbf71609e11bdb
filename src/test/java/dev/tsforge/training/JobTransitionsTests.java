package dev.tsforge.training;

/** {@link JobTransitionsContract} on H2, the default database (a file of its own under target/). */
class JobTransitionsTests extends JobTransitionsContract {
}
